"""What the search index holds about one catalogue entry, independent of Django.

The catalogue (Wagtail pages) is the source of truth; a SearchDocument is the
derived, denormalised copy the engine needs. Keeping it a plain dataclass lets the
engine, the benchmarks and the tests run without a database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class SearchDocument:
    id: str  # stable key of the entry (its page id); deletes and updates address it
    index_number: str  # 索引号
    document_number: str  # 文号, may be empty
    title: str
    body: str
    attachment_text: str
    agency_code: str  # 发布机构's unified social credit code
    agency_name: str
    subject: str  # 主题分类
    info_type: str  # information type (the column it is published in)
    validity: str  # 有效性: 有效 / 失效 / 废止, empty when not applicable
    published: date  # 发布日期
    url: str

    @property
    def year(self) -> int:
        return self.published.year

    def to_json(self) -> bytes:
        data = dict(self.__dict__)  # asdict() deep-copies: slow for a million entries
        data["published"] = self.published.isoformat()
        return json.dumps(data, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, payload: bytes) -> SearchDocument:
        data: dict[str, Any] = json.loads(payload)
        data["published"] = date.fromisoformat(data["published"])
        return cls(**data)
