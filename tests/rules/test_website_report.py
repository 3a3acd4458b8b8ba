"""The website report's form as data: its sections in the form's order, values as the form
takes them, the due date."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from gongkai.rules import website_report as form


def test_the_sections_are_the_forms_in_order() -> None:
    assert [s.title for s in form.SECTIONS] == [
        "基本信息",
        "信息发布",
        "专栏专题",
        "解读回应",
        "办事服务",
        "互动交流",
        "安全防护",
        "移动新媒体",
        "创新发展",
    ]
    assert [i.label for i in form.SIGNOFF] == [
        "单位负责人",
        "审核人",
        "填报人",
        "联系电话",
        "填报日期",
    ]
    assert len(form.ITEMS_BY_KEY) == len(form.ITEMS) == 63  # every key once
    assert form.ITEMS_BY_KEY["messages_days"].printed_label == "平均办理时间（天）"
    assert form.full_label(form.ITEMS_BY_KEY["media_commentaries"]) == (
        "解读回应·解读信息发布·媒体评论文章数量"
    )
    for total, parts in form.PARTS_OF_TOTALS:
        assert {form.ITEMS_BY_KEY[k].kind for k in (total, *parts)} == {form.Kind.COUNT}


def test_due_on_the_31st_of_january_after_the_year() -> None:
    assert form.report_due(2025) == date(2026, 1, 31)
    assert form.report_title(2025) == "政府网站工作年度报表（2025年度）"


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("page_views", " 1200 ", 1200),
        ("messages_days", "3.50", 3.5),
        ("drills", "是", "是"),
        ("site_type", "部门网站", "部门网站"),
        ("filled_on", "2026-01-20", "2026-01-20"),
        ("weibo_name", " @测试发布 ", "@测试发布"),
    ],
)
def test_values_are_stored_as_the_form_takes_them(key: str, typed: str, stored: object) -> None:
    assert form.clean_value(form.ITEMS_BY_KEY[key], typed) == stored


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("page_views", "", "“基本信息·网站总访问量”须填写。"),
        ("page_views", "1.5", "“基本信息·网站总访问量”应为整数。"),
        ("page_views", "-1", "“基本信息·网站总访问量”应为不小于0的数字。"),
        ("page_views", "许多", "“基本信息·网站总访问量”应填写数字，而不是“许多”。"),
        ("drills", "有", "“安全防护·是否开展应急演练”应填写“是”或“否”。"),
        ("filled_on", "1月20日", "“填报信息·填报日期”应为日期，如2027-01-20。"),
    ],
)
def test_wrong_values_are_refused_naming_the_item(key: str, typed: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        form.clean_value(form.ITEMS_BY_KEY[key], typed)
    assert str(refused.value) == message


def test_printed_values_and_missing_items() -> None:
    assert form.printed(form.ITEMS_BY_KEY["filled_on"], "2026-01-20") == "2026年1月20日"
    assert form.printed(form.ITEMS_BY_KEY["page_views"], None) == "未填报"
    figures = {item.key: {"value": 1, "source": "台账"} for item in form.ITEMS}
    assert form.missing_items(figures) == []
    figures["phone"] = {"value": "027-1", "source": ""}
    del figures["surveys"]
    assert [i.key for i in form.missing_items(figures)] == ["surveys", "phone"]


def test_the_module_imports_no_django() -> None:
    tree = ast.parse(Path(form.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") for name in imported)
