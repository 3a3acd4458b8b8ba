"""A district website with one planted problem of every kind, and clean decoy pages."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import pytest
from docx import Document
from fpdf import FPDF

from tests.inspection.site import Site, free_port, serving

TODAY = date(2026, 6, 15)
ID_NUMBER = "11010519491231002X"
CLEAN_PAGES = ("/policy/clean.html", "/policy/2026/a.html")


def luhn_complete(prefix: str) -> str:
    total = 0
    for position, digit in enumerate(reversed(prefix)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return prefix + str((10 - total % 10) % 10)


BANK_CARD = luhn_complete("622202123456789012")
BAD_CARD = BANK_CARD[:-1] + str((int(BANK_CARD[-1]) + 1) % 10)


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _list(title: str, items: list[tuple[str, str, str]]) -> str:
    rows = "".join(
        f'<li><a href="{href}">{name}</a><span>{day}</span></li>' for href, name, day in items
    )
    return (
        "<html><body><nav><a href='/'>首页</a></nav>"
        f"<main><h1>{title}</h1><ul>{rows}</ul></main></body></html>"
    )


def build(site: Site, *, outside: Site, dead_port: int) -> None:
    """The planted problems, each on its own page."""
    site.html(
        "/",
        "<html><head><style>.hide{position:absolute;left:-9999px}</style></head><body>"
        "<a href='/news/'>工作动态</a><a href='/notices/'>通知公告</a>"
        "<a href='/policy/'>政策文件</a>"
        + "".join(f"<a href='/empty{i}/'>空栏目{i}</a>" for i in range(1, 6))
        + "<p>最新：<a href='/news/2026/leader.html'>领导调研</a> 2026年6月10日</p>"
        "<a href='/missing.html'>已删除的页面</a>"
        f"<a href='http://127.0.0.1:{dead_port}/gone'>已关闭的外部网站</a>"
        f"<a href='{outside.base}/moved'>合作网站</a>"
        f"<div class='hide'><a href='{outside.base}/casino'>彩票</a></div>"
        "</body></html>",
    )
    site.html(
        "/news/",
        _list(
            "工作动态",
            [
                ("/news/2026/leader.html", "领导调研", "2026-05-01"),
                ("/news/2026/phone.html", "便民服务", "2026-04-20"),
                ("/news/2026/secret.html", "会议纪要", "2026-04-01"),
            ],
        ),
    )
    site.html("/news/2026/leader.html", "<p>习近萍总书记强调……</p><p>2026-05-01</p>")
    site.html("/news/2026/phone.html", "<p>联系人：张三，手机13812345678。</p><p>2026-04-20</p>")
    site.html("/news/2026/secret.html", "<p>机密★1年</p><p>内部会议纪要。</p><p>2026-04-01</p>")
    site.html(
        "/notices/",
        _list("通知公告", [("/notices/2025/list.pdf", "名单公示（PDF）", "2025年10月1日")]),
    )
    site.file("/notices/2025/list.pdf", _pdf(f"Applicant ID {ID_NUMBER}"), "application/pdf")
    site.html(
        "/policy/",
        _list(
            "政策文件",
            [
                ("/policy/clean.html", "关于印发办法的通知", "2026/03/01"),
                ("/policy/2026/a.html", "解读", "2026-03-02"),
                ("/policy/2026/card.docx", "补贴发放表", "2026-03-03"),
            ],
        ),
    )
    site.html(
        "/policy/clean.html",
        "<p>鄂政办〔2026〕12号</p><p>索引号：000014349/2026-00110</p>"
        "<p>咨询电话：027-88886666</p><p>联系人手机：138****1234</p>"
        "<p>身份证号：420***********1234</p><p>2026-03-01</p>",
    )
    site.html(
        "/policy/2026/a.html",
        f"<p>身份证号110105194912310021（校验位不符）</p><p>卡号{BAD_CARD}</p><p>2026-03-02</p>",
    )
    site.file(
        "/policy/2026/card.docx",
        _docx(f"补贴发放：李四，银行卡号{BANK_CARD}"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    for i in range(1, 6):
        site.html(f"/empty{i}/", _list(f"空栏目{i}", []))
    outside.redirects["/moved"] = f"http://localhost:{outside.port}/landing"
    outside.html("/landing", "<p>博彩</p>")
    outside.html("/casino", "<p>博彩</p>")


COLUMNS_CSV = (
    "url,name,kind\n"
    "{base}/news/,工作动态,动态要闻\n"
    "{base}/notices/,通知公告,通知公告\n"
    "{base}/policy/,政策文件,政策文件\n"
    + "".join(f"{{base}}/empty{i}/,空栏目{i},其他\n" for i in range(1, 6))
)


@pytest.fixture
def planted() -> Iterator[tuple[Site, Site]]:
    outside = Site()
    with serving(outside):
        site = Site()
        with serving(site):
            build(site, outside=outside, dead_port=free_port())
            yield site, outside
