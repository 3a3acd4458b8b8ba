"""A small published catalogue for the portal's tests, with its own search index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.portal.setup import ensure_site
from gongkai.search.indexing import rebuild
from tests.portal.catalogue import attach, enable_page_cache, publish


@dataclass
class Portal:
    district: Any
    entries: dict[str, CatalogueEntryPage]

    def publish(self, key: str, *, agency: str = "a", **fields: Any) -> CatalogueEntryPage:
        owner = self.district.a if agency == "a" else self.district.b
        entry = publish(owner, user=self.district.operator, row=len(self.entries) + 1, **fields)
        self.entries[key] = entry
        return entry


@pytest.fixture
def portal(catalogue: Any, settings: Any, tmp_path: Path) -> Portal:
    """Published entries of two agencies, indexed; a fresh cache and version stamp."""
    settings.HOME = tmp_path
    enable_page_cache(settings)
    ensure_site()
    site = Portal(catalogue, {})
    site.publish(
        "dibao",
        title="关于调整城乡低保标准的通知",
        document_number="测民发〔2025〕3号",
        body="<p>城乡最低生活保障标准自4月起调整。</p>",
        agency="b",
    )
    site.publish(
        "dibao_old",
        title="关于2024年城乡低保标准的通知",
        document_number="测民发〔2024〕9号",
        published_on=date(2024, 2, 1),
        formed_on=date(2024, 1, 20),
        agency="b",
    )
    site.publish(
        "budget",
        title="测试区教育局2025年部门预算",
        subject="财政、金融、审计",
        info_type="budget",
        column="budget",
        body="<p>部门预算收支总表。</p>",
    )
    attach(site.entries["dibao"], title="低保标准表", file_name="dibao.pdf", data=b"%PDF-1.4 test")
    CatalogueEntryPage.objects.filter(pk=site.entries["dibao_old"].pk).update(
        validity="abolished",
        validity_changed_on=date(2025, 3, 5),
        superseded_by=site.entries["dibao"],
    )
    rebuild()
    return site
