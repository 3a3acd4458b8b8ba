"""A catalogue entry (目录条目): one piece of proactively disclosed information.

The metadata are the core elements of the 目录系统实施指引 and what catalogue pages print
(LAW.md §4.4). Three kinds of field are kept out of the editor on purpose:

* the index number and first publication date — assigned once, on first publication,
  inside the publishing transaction, and never changed (the 指引: 唯一不变的标识);
* validity — abolishing a normative document is an act with a date and an audit row
  (:func:`gongkai.disclosure.services.catalogue.do_change_validity`), not an edit, and
  it changes the report's table 二;
* the agency — the branch of the tree the entry sits in decides it.

:meth:`CatalogueEntryPage.with_content_json` keeps those fields when Wagtail rebuilds the
page from a revision, so publishing a later draft cannot wipe them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from gongkai.disclosure.staff.panels import ScreeningPanel
from gongkai.rules.catalogue import (
    INFO_TYPE_LABELS,
    SUBJECT_CATEGORIES,
    DisclosureMethod,
    InfoType,
    Validity,
    format_index_number,
)

INFO_TYPE_CHOICES = [(t.value, label) for t, label in INFO_TYPE_LABELS.items()]
VALIDITY_CHOICES = [(v.value, v.label) for v in Validity]
METHOD_CHOICES = [(m.value, m.label) for m in DisclosureMethod]
SUBJECT_CHOICES = [(s, s) for s in SUBJECT_CATEGORIES]

# Fields that belong to the entry, not to a revision (see the module docstring).
PRESERVED_FIELDS = (
    "agency_id",
    "index_number",
    "published_on",
    "validity",
    "validity_changed_on",
    "superseded_by_id",
)


class CatalogueEntryQuerySet(PageQuerySet):
    def of_agencies(self, agency_ids: Any) -> CatalogueEntryQuerySet:
        return self.filter(agency_id__in=agency_ids)

    def published(self) -> CatalogueEntryQuerySet:
        return self.filter(live=True)

    def in_force_on(self, day: Any) -> CatalogueEntryQuerySet:
        """Published by ``day`` and not abolished or expired on or before it."""
        return self.filter(published_on__lte=day).exclude(
            validity__in=[Validity.ABOLISHED, Validity.EXPIRED], validity_changed_on__lte=day
        )


CatalogueEntryManager = PageManager.from_queryset(CatalogueEntryQuerySet)  # type: ignore[misc]


class CatalogueEntryPage(Page):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="发布机构",
        on_delete=models.PROTECT,
        related_name="catalogue_entries",
        editable=False,
    )
    index_number = models.CharField(
        "索引号", max_length=40, unique=True, null=True, blank=True, editable=False
    )
    summary = models.TextField("内容概述", blank=True, max_length=500)
    document_number = models.CharField("文号", max_length=60, blank=True)
    formed_on = models.DateField(
        "成文日期", help_text="信息形成或变更之日；第二十六条的20个工作日从此日起算。"
    )
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    subject = models.CharField("主题分类", max_length=40, choices=SUBJECT_CHOICES)
    info_type = models.CharField("信息类别", max_length=30, choices=INFO_TYPE_CHOICES)
    validity = models.CharField(
        "有效性", max_length=10, choices=VALIDITY_CHOICES, default=Validity.VALID, editable=False
    )
    validity_changed_on = models.DateField("失效/废止日期", null=True, blank=True, editable=False)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name="废止或修订依据",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        editable=False,
    )
    disclosure_method = models.CharField(
        "公开方式", max_length=20, choices=METHOD_CHOICES, default=DisclosureMethod.PROACTIVE
    )
    keywords = models.CharField("关键词", max_length=200, blank=True)
    body = RichTextField("正文", blank=True)
    topics = ParentalManyToManyField(
        "disclosure.TopicColumnPage", verbose_name="专题专栏", blank=True, related_name="entries"
    )

    objects = CatalogueEntryManager()

    content_panels = [
        ScreeningPanel(),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("formed_on")]),
                FieldRowPanel([FieldPanel("subject"), FieldPanel("info_type")]),
                FieldRowPanel([FieldPanel("disclosure_method"), FieldPanel("keywords")]),
                FieldPanel("summary"),
            ],
            heading="目录元数据",
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件（PDF、DOCX、XLSX、图片）"),
        FieldPanel("topics"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.FilterField("agency_id"),
    ]
    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types: list[str] = []
    template = "disclosure/catalogue_entry_page.html"

    class Meta:
        verbose_name = "目录条目"
        verbose_name_plural = "目录条目"
        indexes = [
            models.Index(fields=["agency", "info_type", "published_on"]),
            models.Index(fields=["published_on"]),
            models.Index(fields=["document_number"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def info_type_label(self) -> str:
        return InfoType(self.info_type).label

    @property
    def validity_label(self) -> str:
        return Validity(self.validity).label

    def clean(self) -> None:
        super().clean()
        if self.formed_on and self.formed_on > timezone.localdate():
            raise ValidationError({"formed_on": "成文日期不能晚于今天。"})
        if self.path:  # placed in the tree (the admin's form validates before placing)
            self._settle_agency()

    def _settle_agency(self) -> None:
        """The agency is the branch's: an entry outside any agency's branch is refused."""
        from gongkai.disclosure.models.tree import AgencyCataloguePage

        if self.agency_id:
            return
        parent = self.get_parent() if self.path else None
        branch = (
            AgencyCataloguePage.objects.ancestor_of(parent, inclusive=True)
            .select_related("agency")
            .first()
            if parent is not None
            else None
        )
        if branch is None:
            raise ValidationError("目录条目必须放在某个机构公开目录的栏目下。")
        self.agency = branch.agency

    def save(self, *args: Any, **kwargs: Any) -> Any:
        self._settle_agency()
        if kwargs.get("update_fields") is None and self._going_live():
            with transaction.atomic():
                self._before_going_live()
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def _going_live(self) -> bool:
        """True when this save makes a new revision the live one (a publication)."""
        if not self.live or self.live_revision_id is None:
            return False
        if self.pk is None:
            return True
        stored = type(self).objects.filter(pk=self.pk).values_list("live_revision_id", "live")
        row = stored.first()
        return row is None or row != (self.live_revision_id, True)

    def _before_going_live(self) -> None:
        from gongkai.disclosure.publication import check_publishable

        check_publishable(self)
        if not self.index_number:
            from gongkai.applications.models import NumberSequence

            # Imported history keeps its publication date, and its number that year.
            self.published_on = self.published_on or timezone.localdate()
            year = self.published_on.year
            serial = NumberSequence.next(agency_id=self.agency_id, year=year, series="catalogue")
            self.index_number = format_index_number(
                agency_code=self.agency.code, year=year, serial=serial
            )

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # A PDF's preview stays closed until asked for: an open one is fetched with every
        # page view, and the browser's viewer takes the focus and scrolls the page to it.
        context["attachments"] = list(self.attachments.select_related("document"))
        return context

    def search_document(self) -> Any:
        """What the public search holds of this entry (None while it is not public)."""
        from gongkai.disclosure.screening import attachment_texts
        from gongkai.extraction.html_text import html_to_text
        from gongkai.search.document import SearchDocument

        url = self.url
        if not self.live or url is None:
            return None
        return SearchDocument(
            id=str(self.pk),
            index_number=self.index_number or "",
            document_number=self.document_number,
            title=self.title,
            # Text as a reader sees it: entities decoded (so "&lt;" is "<", not the word
            # "lt"), scripts dropped; snippets escape it exactly once.
            body=" ".join(part for part in (self.summary, html_to_text(self.body or "")) if part),
            attachment_text="\n".join(text for _, text in attachment_texts(self)),
            agency_code=self.agency.code,
            agency_name=self.agency.name,
            subject=self.subject.split("\\", 1)[0],
            info_type=self.info_type_label,
            validity=self.validity_label,
            published=self.published_on or timezone.localdate(),
            url=url,
        )

    def with_content_json(self, content: dict[str, Any]) -> CatalogueEntryPage:
        obj = super().with_content_json(content)
        for field in PRESERVED_FIELDS:
            setattr(obj, field, getattr(self, field))
        return obj


class EntryAttachment(Orderable):
    """An attachment of an entry; its text is screened before publication and searched."""

    entry = ParentalKey(CatalogueEntryPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("附件名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    @property
    def is_pdf(self) -> bool:
        """A PDF the browser's own viewer can show inline (served ``inline`` by
        WAGTAILDOCS_INLINE_CONTENT_TYPES), through the view that checks it is public."""
        return self.document.file_extension.lower() == "pdf"
