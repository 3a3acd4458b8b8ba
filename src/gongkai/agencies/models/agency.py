"""An agency is a tenant; a district is a tree of them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.rules.identifiers import (
    InvalidCodeError,
    phone_problem,
    postcode_problem,
    validate_uscc,
)


def validate_agency_code(value: str) -> None:
    try:
        validate_uscc(value)
    except InvalidCodeError as error:
        raise ValidationError(str(error), code="invalid_uscc") from error


def validate_postcode(value: str) -> None:
    problem = postcode_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_postcode")


def validate_phone(value: str) -> None:
    problem = phone_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_phone")


def validate_fax(value: str) -> None:
    problem = phone_problem(value, label="传真号码")
    if problem:
        raise ValidationError(problem, code="invalid_fax")


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    STREET = "street", "街道/乡镇"
    INSTITUTION = "institution", "事业单位"
    OTHER = "other", "其他"


class AgencyQuerySet(models.QuerySet["Agency"]):
    def visible_to(self, user: Any) -> AgencyQuerySet:
        """Staff see the agencies they belong to; the platform's administrators, the district."""
        from gongkai.agencies.duties import reads_platform
        from gongkai.agencies.selectors import agency_ids_for

        if reads_platform(user):
            return self
        return self.filter(pk__in=agency_ids_for(user))

    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)

    def roots(self) -> AgencyQuerySet:
        return self.filter(parent__isnull=True)


class Agency(models.Model):
    code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[validate_agency_code],
        help_text="18位，含校验位",
    )
    name = models.CharField("机构全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("机构类型", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField("启用", default=True)

    # Art. 12: the disclosure guide names the 政府信息公开工作机构 and how to reach it;
    # letters to applicants carry the same details.
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    # Where an application by letter is sent (the guide's 信函申请 channel).
    office_postcode = models.CharField(
        "邮政编码", max_length=6, blank=True, validators=[validate_postcode]
    )
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    # The person an applicant asks for when they call about a letter (经办联系人).
    office_contact = models.CharField("联系人", max_length=50, blank=True)
    office_fax = models.CharField("传真号码", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    # Named in every answer letter's remedy sentence (rules.outcomes.remedy_clause).
    reconsideration_body = models.CharField("行政复议机关", max_length=100, blank=True)
    court = models.CharField("管辖人民法院", max_length=100, blank=True)
    # 三级审核 means three people: one person completes at most one level of an entry's
    # review. Only the operator may lift that, for a small agency where one person
    # legitimately holds two review roles (do_set_combined_review_roles, audited).
    combined_review_roles = models.BooleanField(
        "允许一人兼任多级审核",
        default=False,
        help_text="仅在人员确实不足时开启；开启后同一人可先后完成同一条目的多级审核，但每级仍须单独操作。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Agency]:
        chain: list[Agency] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain
