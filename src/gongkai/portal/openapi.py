"""The OpenAPI 3.1 description of the open-data API (portal/api.py), hand-written.

Kept beside the views it describes; tests/portal check that every path here answers
and that every API route is described.
"""

from __future__ import annotations

from typing import Any

from gongkai.portal.browse import FIRST_YEAR
from gongkai.rules.catalogue import SUBJECT_CATEGORIES, InfoType, Validity


def _or_empty(number: dict[str, Any]) -> dict[str, Any]:
    """A number parameter that an HTML form may also send empty, meaning "not given"."""
    return {"anyOf": [number, {"type": "string", "enum": [""]}]}


_FILTERS = [
    {"name": "agency", "in": "query", "schema": {"type": "string"}, "description": "发布机构代码"},
    {
        "name": "subject",
        "in": "query",
        "schema": {"type": "string", "enum": ["", *SUBJECT_CATEGORIES]},
        "description": "主题分类（一级；空：不限）",
    },
    {
        "name": "type",
        "in": "query",
        "schema": {"type": "string", "enum": ["", *(t.value for t in InfoType)]},
        "description": "信息类别代码（空：不限）",
    },
    {
        "name": "year",
        "in": "query",
        "schema": _or_empty({"type": "integer", "minimum": FIRST_YEAR, "maximum": 9999}),
        "description": "发布年份（四位数字；空：不限）",
    },
    {
        "name": "validity",
        "in": "query",
        "schema": {"type": "string", "enum": ["", *(v.value for v in Validity)]},
        "description": "有效性（空：不限）",
    },
]
_ERROR = {
    "description": "参数有误或对象不存在",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _path_param(name: str, kind: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


_ENTRY = {
    "type": "object",
    "required": ["id", "index_number", "title", "agency", "published_on"],
    "properties": {
        "id": {"type": "integer"},
        "index_number": {"type": "string", "description": "索引号"},
        "title": {"type": "string"},
        "agency": {"$ref": "#/components/schemas/Agency"},
        "document_number": {"type": "string", "description": "文号"},
        "formed_on": {"type": ["string", "null"], "format": "date", "description": "成文日期"},
        "published_on": {"type": "string", "format": "date", "description": "发布日期"},
        "subject": {"type": "string", "description": "主题分类"},
        "info_type": {"type": "string"},
        "info_type_label": {"type": "string"},
        "validity": {"type": "string"},
        "validity_label": {"type": "string"},
        "url": {"type": "string"},
    },
}


def schema() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "政府信息公开平台开放数据接口",
            "version": "1.0",
            "description": "只读接口：已公开的目录信息、检索与已发布的年度报告。",
        },
        "paths": {
            "/api/catalogue/": {
                "get": {
                    "summary": "公开目录列表（按发布日期倒序）",
                    "parameters": [
                        *_FILTERS,
                        {
                            "name": "page",
                            "in": "query",
                            "schema": _or_empty(
                                {"type": "integer", "minimum": 1, "maximum": 1000000}
                            ),
                        },
                        {
                            "name": "per_page",
                            "in": "query",
                            "schema": _or_empty({"type": "integer", "minimum": 1, "maximum": 100}),
                        },
                    ],
                    "responses": {
                        "200": _ok("EntryPage", "目录条目一页"),
                        "400": _ERROR,
                        "404": {**_ERROR, "description": "页码超出范围"},
                    },
                }
            },
            "/api/catalogue/{id}/": {
                "get": {
                    "summary": "目录条目详情",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {"200": _ok("EntryDetail", "目录条目"), "404": _ERROR},
                }
            },
            "/api/search/": {
                "get": {
                    "summary": "全文检索（标题、正文、附件）",
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["relevance", "date"]},
                        },
                        {"name": "after", "in": "query", "schema": {"type": "string"}},
                        *_FILTERS,
                    ],
                    "responses": {"200": _ok("SearchResults", "检索结果"), "400": _ERROR},
                }
            },
            "/api/reports/": {
                "get": {
                    "summary": "已发布的政府信息公开工作年度报告",
                    "responses": {"200": _ok("ReportList", "年度报告列表")},
                }
            },
            "/api/reports/{agency_code}/{year}/": {
                "get": {
                    "summary": "年度报告数据（DESIGN.md 的报告 JSON，定稿时冻结）",
                    "parameters": [
                        {
                            "name": "agency_code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "year",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "报告 JSON",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "404": _ERROR,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
                "Agency": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
                },
                "Entry": _ENTRY,
                "EntryPage": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer"},
                        "page": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Entry"},
                        },
                    },
                },
                "EntryDetail": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Entry"},
                        {
                            "type": "object",
                            "properties": {
                                "validity_changed_on": {"type": ["string", "null"]},
                                "superseded_by": {"type": ["integer", "null"]},
                                "supersedes": {"type": "array", "items": {"type": "integer"}},
                                "keywords": {"type": "string"},
                                "summary": {"type": "string"},
                                "body_html": {"type": "string"},
                                "attachments": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "title": {"type": "string"},
                                            "url": {"type": "string"},
                                            "file_extension": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        },
                    ]
                },
                "SearchResults": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "sort": {"type": "string"},
                        "total": {"type": "integer"},
                        "next": {"type": ["string", "null"], "description": "下一页的地址"},
                        "suggestion": {"type": ["string", "null"]},
                        "hits": {"type": "array", "items": {"type": "object"}},
                        "facets": {"type": "object"},
                    },
                },
                "ReportList": {
                    "type": "object",
                    "properties": {"results": {"type": "array", "items": {"type": "object"}}},
                },
            }
        },
    }
