"""An application for government information (Art. 27–29)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from gongkai.rules.application_clock import OPEN_PHASES, Phase
from gongkai.rules.outcomes import OUTCOMES, ApplicantCategory
from gongkai.rules.workdays import format_date, waiting_for_year


class Channel(models.TextChoices):
    """How the application arrived; decides the received date (Art. 31)."""

    IN_PERSON = "in_person", "当面"
    REGISTERED_MAIL = "registered_mail", "邮寄"
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    ONLINE = "online", "网络"
    FAX = "fax", "传真"


class IdentityKind(models.TextChoices):
    """The 身份证明 of Art. 29 (一): a person's identity document or an organisation's USCC."""

    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT_ID = "foreign_permanent_id", "外国人永久居留身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他证件"


# The documents a natural person may give online, in the order the form offers them.
PERSON_IDENTITY_KINDS = (
    IdentityKind.RESIDENT_ID,
    IdentityKind.PASSPORT,
    IdentityKind.HK_MACAO_PERMIT,
    IdentityKind.TAIWAN_PERMIT,
    IdentityKind.FOREIGN_PERMANENT_ID,
)


class InformationForm(models.TextChoices):
    """Art. 29 (三): the form the applicant wants the information in."""

    PAPER = "paper", "纸质文本"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘"
    USB = "usb", "U盘等存储介质"
    VIEW = "view", "当场阅览、抄录"


class DeliveryMethod(models.TextChoices):
    """Art. 29 (三): how the applicant wants to get it."""

    MAIL = "mail", "邮寄"
    PICK_UP = "pick_up", "自行领取"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上获取"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, user: Any) -> ApplicationQuerySet:
        """Applicants' data is for the receiving agency's disclosure staff only.

        Decided by :mod:`gongkai.applications.selectors`; the operator is not let through.
        """
        from gongkai.applications.selectors import handled_agency_ids

        return self.filter(agency_id__in=handled_agency_ids(user))

    def genuine(self) -> ApplicationQuerySet:
        """Not marked as junk (a flood of fake filings): what queues and reports count."""
        return self.filter(marked_junk_on__isnull=True)

    def to_confirm(self) -> ApplicationQuerySet:
        return self.genuine().filter(phase=Phase.TO_CONFIRM)

    def open(self) -> ApplicationQuerySet:
        return self.filter(phase__in=OPEN_PHASES)

    def overdue(self, today: date) -> ApplicationQuerySet:
        return self.filter(
            phase__in=[Phase.IN_PROGRESS, Phase.WAITING_ON_THIRD_PARTY],
            answer_due__lt=today,
            clock_paused=False,
        )

    def due_by(self, last_day: date) -> ApplicationQuerySet:
        return self.filter(
            phase__in=[Phase.IN_PROGRESS, Phase.WAITING_ON_THIRD_PARTY],
            answer_due__lte=last_day,
        )

    def due_waiting_for(self, year: int) -> ApplicationQuerySet:
        """Running clocks whose answer date waits for the schedule of ``year`` or earlier."""
        return self.filter(
            phase__in=[Phase.IN_PROGRESS, Phase.WAITING_ON_THIRD_PARTY],
            due_waits_for_year__lte=year,
        )

    def waiting_on_applicant(self) -> ApplicationQuerySet:
        return self.filter(phase=Phase.WAITING_ON_APPLICANT)

    def waiting_on_third_party(self) -> ApplicationQuerySet:
        return self.filter(phase=Phase.WAITING_ON_THIRD_PARTY)

    def received_in(self, year: int) -> ApplicationQuerySet:
        return self.filter(received_date__year=year)

    def open_on(self, day: date) -> ApplicationQuerySet:
        """Received on or before ``day`` and not answered or ended by then (carry-over)."""
        return self.filter(received_date__lte=day).exclude(closed_date__lte=day)


class Application(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="受理机构", on_delete=models.PROTECT, related_name="+"
    )
    receipt_number = models.CharField("申请编号", max_length=40, unique=True)
    query_code_hash = models.CharField(max_length=128, editable=False)
    # A one-time token from the online form: a resubmission after a lost response
    # finds the application already stored instead of filing it twice.
    submission_token = models.CharField(  # noqa: DJ001  (NULL: unique only when present)
        max_length=64, unique=True, null=True, editable=False
    )
    # Junk (a flood of fake online filings) is taken out of the 待确认 queue by staff,
    # never deleted: the audit log and the receipt number series stay whole.
    marked_junk_on = models.DateField("标记为无效申请日期", null=True, blank=True, editable=False)
    junk_reason = models.CharField(
        "标记为无效申请的理由", max_length=200, blank=True, editable=False
    )

    # Art. 29 (一): 申请人的姓名或者名称、身份证明、联系方式
    category = models.CharField(
        "申请人类型",
        max_length=40,
        choices=[(c.value, c.label) for c in ApplicantCategory],
    )
    applicant_name = models.CharField("申请人姓名/名称", max_length=100)
    identity_kind = models.CharField(
        "身份证明类型", max_length=20, choices=IdentityKind.choices, blank=True
    )
    identity_number = models.CharField("证件号码", max_length=40, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postal_code = models.CharField("邮政编码", max_length=6, blank=True)

    # Art. 29 (二): 名称、文号或者便于行政机关查询的其他特征性描述
    description = models.TextField("所需信息的名称或特征描述")
    document_number = models.CharField("文号", max_length=100, blank=True)
    # Art. 29 (三): 形式要求，包括获取信息的方式、途径
    information_form = models.CharField(
        "信息的指定提供形式", max_length=10, choices=InformationForm.choices
    )
    delivery_method = models.CharField(
        "获取信息的方式", max_length=10, choices=DeliveryMethod.choices
    )

    channel = models.CharField("提交方式", max_length=20, choices=Channel.choices)
    submitted_at = models.DateTimeField("提交时间")
    received_date = models.DateField("收到申请之日", null=True, blank=True, db_index=True)

    # Derived from the clock ledger by the service layer, stored for queries.
    phase = models.CharField(
        "状态", max_length=30, choices=[(p.value, p.label) for p in Phase], db_index=True
    )
    answer_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    # When the answer date runs into a year whose holiday schedule is not loaded yet,
    # that year: the date is then shown as waiting for it (never blank), and loading
    # the schedule recomputes it (workcalendar.services.do_load_schedule).
    due_waits_for_year = models.PositiveSmallIntegerField(
        "答复期限待导入的节假日年度", null=True, blank=True, editable=False
    )
    clock_paused = models.BooleanField("期限暂停", default=False)
    outcome = models.CharField(
        "办理结果",
        max_length=10,
        choices=[(o.code, o.ledger_text) for o in OUTCOMES],
        blank=True,
    )
    answer_type = models.CharField("答复类型", max_length=40, blank=True)
    closed_date = models.DateField("办结日期", null=True, blank=True, db_index=True)

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    repeat_of = models.ForeignKey(
        "self",
        verbose_name="重复申请所指前次申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fee_basis = models.CharField("收费方式", max_length=10, blank=True)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", default=0)
    staff_note = models.TextField("内部备注", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "phase", "answer_due"]),
            # The annual report's table 三 is a GROUP BY agency, category, outcome over
            # these two dates: this index answers it without touching the table or
            # sorting (reports.statistics; the district roll-up of 100 agencies).
            models.Index(
                fields=["agency", "category", "outcome", "received_date", "closed_date"],
                name="application_report_stats",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def answer_due_text(self) -> str:
        """The answer date as staff read it: a date, or the year it waits for, or —."""
        if self.answer_due is not None:
            return format_date(self.answer_due)
        if self.due_waits_for_year is not None:
            return waiting_for_year(self.due_waits_for_year)
        return "—"

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    @property
    def category_label(self) -> str:
        return ApplicantCategory(self.category).label
