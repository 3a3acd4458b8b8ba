"""The page tree of the catalogue: one branch per agency, its columns, and topic columns.

Home → 机构公开目录 (one per agency, also its 机构信息 page: Art. 20 (二), with the rows of
:mod:`~gongkai.disclosure.models.organisation`) → 栏目 → entries. The agency
page anchors the agency's Wagtail page permissions and its review workflow, so that a
branch is an agency and an agency is a branch.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from gongkai.agencies.models.agency import validate_fax, validate_phone, validate_postcode
from gongkai.extraction.html_text import html_to_text
from gongkai.rules.catalogue import ORGANISATION_COLUMN_KEY, ORGANISATION_ITEMS, RULES_COLUMN
from gongkai.rules.legal_basis import INSTRUMENTS


class AgencyCataloguePage(Page):
    """An agency's catalogue root and its 机构信息 (Art. 20 (二)).

    The agency's own staff edit it (page permissions on their branch only; the operator
    holds none) and publish it through the branch's review chain, like any entry. The
    portal shows it on the branch and on the branch's 机构信息 column.
    """

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name="机构",
        on_delete=models.PROTECT,
        related_name="catalogue_page",
    )
    functions = RichTextField("机构职能", blank=True, features=["bold", "ol", "ul"])
    # 联系方式 of the agency itself; the guide's 政府信息公开工作机构 details are the Agency's
    # office_* fields (answer letters carry those too).
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField(
        "邮政编码", max_length=6, blank=True, validators=[validate_postcode]
    )
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True, validators=[validate_phone])
    fax = models.CharField("传真号码", max_length=50, blank=True, validators=[validate_fax])
    email = models.EmailField("电子邮箱", blank=True)
    info_updated_on = models.DateField("机构信息更新日期", null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("functions"),
        InlinePanel("leadership", heading="领导信息", label="领导"),
        InlinePanel("departments", heading="内设机构", label="内设机构"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
            ],
            heading="联系方式",
        ),
        FieldPanel("info_updated_on"),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["disclosure.ColumnPage", "disclosure.DisclosureGuidePage"]
    template = "disclosure/agency_catalogue_page.html"

    class Meta:
        verbose_name = "机构公开目录"

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.portal.xxgk import agency_navigation

        context = super().get_context(request, *args, **kwargs)
        context["xxgk"] = agency_navigation(self)
        context["organisation_column"] = (
            ColumnPage.objects.child_of(self).live().filter(key=ORGANISATION_COLUMN_KEY).first()
        )
        return context

    def screened_texts(self) -> list[tuple[str, str]]:
        """(where, text) of what 机构信息 publishes, for the 保密审查's screening: a leader's
        private mobile number or an ID number must not go out with it."""
        texts = [("标题", self.title), ("机构职能", html_to_text(self.functions))]
        texts += [
            (f"领导“{leader.name}”", f"{leader.name}\n{leader.post}\n{leader.portfolio}")
            for leader in self.leadership.all()
        ]
        texts += [
            (f"内设机构“{d.name}”", f"{d.name}\n{d.duties}\n{d.phone}")
            for d in self.departments.all()
        ]
        contact = (self.address, self.postcode, self.office_hours, self.phone, self.fax)
        texts.append(("联系方式", "\n".join((*contact, self.email))))
        return texts

    def missing_organisation_items(self) -> list[str]:
        """The items of Art. 20 (二) this 机构信息 does not show, by the article's names."""
        shown = {
            "functions": bool(html_to_text(self.functions).strip()),
            "structure": bool(self.departments.all()),
            "address": bool(self.address.strip()),
            "office_hours": bool(self.office_hours.strip()),
            "contact": any(value.strip() for value in (self.phone, self.fax, self.email)),
            "leaders": any(leader.name.strip() for leader in self.leadership.all()),
        }
        return [label for key, label in ORGANISATION_ITEMS if not shown[key]]


class ColumnPage(Page):
    """A column (栏目). Mandatory columns carry the key of their Art. 20/21 item."""

    key = models.CharField(
        "法定栏目代码",
        max_length=40,
        blank=True,
        help_text="法定栏目由系统创建，不能删除或改代码；自设栏目留空。",
    )
    article = models.CharField("依据", max_length=40, blank=True)
    description = models.TextField("栏目说明", blank=True)
    stale_after_days = models.PositiveIntegerField(
        "更新周期（天）",
        default=365,
        help_text="超过此天数没有新信息，巡检视为“栏目不更新”。",
    )

    content_panels = [*Page.content_panels, FieldPanel("description")]
    settings_panels = [*Page.settings_panels, FieldPanel("stale_after_days")]
    parent_page_types = ["disclosure.AgencyCataloguePage", "disclosure.ColumnPage"]
    subpage_types = ["disclosure.CatalogueEntryPage", "disclosure.ColumnPage"]
    template = "disclosure/column_page.html"

    class Meta:
        verbose_name = "栏目"

    @property
    def is_mandatory(self) -> bool:
        return bool(self.key)

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.disclosure.models.entry import CatalogueEntryPage
        from gongkai.portal.paging import paginate

        context = super().get_context(request, *args, **kwargs)
        entries = (
            CatalogueEntryPage.objects.live()
            .descendant_of(self)
            .order_by("-published_on", "-pk")
            .only(
                "title",
                "url_path",
                "formed_on",
                "published_on",
                "index_number",
                "document_number",
            )
        )
        paging = paginate(entries, request.GET.get("page"))
        context["entries"], context["paging"] = paging.page, paging
        # The agency's own rules of disclosure work follow the national instruments.
        context["instruments"] = INSTRUMENTS if self.key == RULES_COLUMN.key else ()
        # Art. 20 (二)'s column shows the agency's 机构信息 above whatever it lists.
        if self.key == ORGANISATION_COLUMN_KEY:
            parent = self.get_parent()
            context["organisation"] = AgencyCataloguePage.objects.filter(pk=parent.pk).first()
        return context


class TopicColumnPage(Page):
    """A topic column (专题专栏) the operator creates; entries of any agency join it."""

    intro = RichTextField("专题说明", blank=True)
    closes_on = models.DateField("专题截止日期", null=True, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("closes_on")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    template = "disclosure/topic_column_page.html"

    class Meta:
        verbose_name = "专题专栏"

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.portal.paging import paginate

        context = super().get_context(request, *args, **kwargs)
        entries = self.entries.live().order_by("-published_on", "-pk")
        paging = paginate(entries, request.GET.get("page"))
        context["entries"], context["paging"] = paging.page, paging
        return context

    @property
    def is_open(self) -> bool:
        return self.closes_on is None or self.closes_on >= timezone.localdate()


class DisclosureGuidePage(Page):
    """政府信息公开指南 (Art. 12): what is published, how to apply, who answers.

    The agency writes the body (how its information is classified, arranged and
    obtained); the page adds the rest from the agency's data (:mod:`gongkai.disclosure.guide`).
    """

    body = RichTextField("指南正文")
    updated_on = models.DateField("更新日期", null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content="<p>正文写明本机关主动公开信息的分类、编排体系和获取方式。正文之后，系统自动列出"
            "依申请公开的渠道和申请表下载、办理期限、信息处理费标准、政府信息公开工作机构和"
            "监督救济途径：其中的地址、办公时间、电话、传真、电子邮箱和行政复议机关、管辖法院，"
            "由本机构管理员或政府信息公开工作机构在后台“指南资料”中维护。</p>",
            heading="指南的组成",
        ),
        FieldPanel("body"),
        FieldPanel("updated_on"),
    ]
    parent_page_types = ["disclosure.AgencyCataloguePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "disclosure/disclosure_guide_page.html"

    class Meta:
        verbose_name = "政府信息公开指南"

    def screened_texts(self) -> list[tuple[str, str]]:
        return [("标题", self.title), ("指南正文", html_to_text(self.body))]

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from gongkai.disclosure.guide import guide_sections

        context = super().get_context(request, *args, **kwargs)
        branch = AgencyCataloguePage.objects.select_related("agency__parent").get(
            pk=self.get_parent().pk
        )
        context["guide"] = guide_sections(branch.agency)
        return context
