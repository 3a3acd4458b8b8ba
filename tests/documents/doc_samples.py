"""Realistic documents for the renderer tests (a 告知书, an annual-report table), and
the font set a fresh machine would have.

The table is the 收到和处理政府信息公开申请情况 table every agency's annual report
carries (国办公开办函〔2021〕30号 format), because its three-level merged header and
22-row rowspan are the hardest grid the renderers will meet. Kept in a plain module
(not conftest.py) so tests can import the builders directly.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pylopdf_fonts_zh_cn

from gongkai.documents.fonts import FontFace, discover_faces
from gongkai.documents.model import Cell, Heading, OfficialDocument, Paragraph, Table

PYPI_DIR = Path(pylopdf_fonts_zh_cn.__file__).resolve().parent


def pypi_only() -> list[FontFace]:
    """The faces a fresh machine has after pip install: only the PyPI package's."""
    return [f for f in discover_faces() if f.path.parent == PYPI_DIR]


LETTER_BODY = (
    "本机关于2025年2月18日收到您通过信函方式提交的政府信息公开申请，申请获取"
    "“2024年硚口区老旧小区改造项目资金使用情况”。根据《中华人民共和国政府信息公开条例》"
    "（以下简称《条例》）第三十三条、第三十六条的规定，经审查，现答复如下："
)


def letter(**overrides: object) -> OfficialDocument:
    """A 政府信息公开申请答复告知书 as an agency would send it."""
    fields: dict[str, object] = {
        "title": "武汉市硚口区人民政府办公室政府信息公开申请答复告知书",
        "number": "硚政办公开〔2025〕12号",
        "addressee": "张三：",
        "blocks": [
            Paragraph(LETTER_BODY),
            Heading("一、关于申请公开的信息", level=1),
            Heading("（一）已主动公开的信息", level=2),
            Paragraph(
                "您申请获取的2024年度项目资金安排情况，本机关已于2024年12月20日在"
                "硚口区人民政府门户网站“政府信息公开”专栏主动公开，您可登录 "
                "www.qiaokou.gov.cn 查阅，具体路径为：首页—政府信息公开—财政资金。"
            ),
            Heading("（二）部分公开的信息", level=2),
            Paragraph(
                "您申请获取的项目施工合同中，涉及第三方商业秘密的单价明细（约占合同内容的"
                "12.5%）经征求第三方意见后不予公开，其余内容予以公开，详见附件。"
            ),
            Heading("二、救济途径", level=1),
            Paragraph(
                "如对本答复不服，可以自收到本答复之日起60日内向武汉市硚口区人民政府申请"
                "行政复议，或者在6个月内向武汉铁路运输法院提起行政诉讼。"
            ),
            Paragraph("特此告知。"),
        ],
        "signature": "武汉市硚口区人民政府办公室",
        "date": datetime.date(2025, 3, 4),
        "attachments_note": (
            "1．2024年硚口区老旧小区改造项目资金安排表（公开部分），共计三页，"
            "含项目名称、实施单位和资金来源\n2．政府信息公开申请表（复印件）"
        ),
        "copy_note": "区政务公开办，区住房和城市更新局",
    }
    fields.update(overrides)
    return OfficialDocument(**fields)  # type: ignore[arg-type]


def _numbers(seed: int) -> list[Cell]:
    values = [(seed * 7 + k * 3) % 23 for k in range(6)]
    return [Cell(str(v)) for v in values] + [Cell(str(sum(values)), bold=True)]


def application_table() -> Table:
    """收到和处理政府信息公开申请情况: 3 header rows and 25 body rows, 10 columns."""
    rows: list[list[Cell]] = [
        [
            Cell("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", 3, 3),
            Cell("申请人情况", colspan=7, bold=True),
        ],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
        [Cell("一、本年新收政府信息公开申请数量", colspan=3, align="left"), *_numbers(1)],
        [Cell("二、上年结转政府信息公开申请数量", colspan=3, align="left"), *_numbers(2)],
    ]
    outcomes: list[tuple[str, list[str]]] = [
        ("（一）予以公开", []),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
        (
            "（三）不予公开",
            [
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            [
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            [
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        (
            "（六）其他处理",
            [
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "3.其他",
            ],
        ),
        ("（七）总计", []),
    ]
    span = sum(max(len(items), 1) for _, items in outcomes)
    seed = 3
    first = True
    for label, items in outcomes:
        lead = [Cell("三、本年度办理结果", rowspan=span)] if first else []
        first = False
        if not items:
            rows.append([*lead, Cell(label, colspan=2, align="left"), *_numbers(seed)])
            seed += 1
            continue
        for i, item in enumerate(items):
            head = [Cell(label, rowspan=len(items))] if i == 0 else []
            rows.append([*(lead if i == 0 else []), *head, Cell(item, align="left")])
            rows[-1].extend(_numbers(seed))
            seed += 1
    rows.append([Cell("四、结转下年度继续办理", colspan=3, align="left"), *_numbers(seed)])
    return Table(
        rows=rows,
        header_rows=3,
        caption="三、收到和处理政府信息公开申请情况",
        col_widths=[1.6, 1.6, 3.2, 1, 1, 1, 1, 1.1, 1, 1],
    )


def annual_report() -> OfficialDocument:
    """An annual report excerpt whose body is mostly the big table."""
    return OfficialDocument(
        title="武汉市硚口区人民政府办公室2024年政府信息公开工作年度报告",
        number=None,
        addressee=None,
        blocks=[
            Paragraph(
                "本报告依据《中华人民共和国政府信息公开条例》第五十条的规定编制，"
                "所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
            ),
            Heading("一、总体情况", level=1),
            Paragraph("2024年，本机关共收到政府信息公开申请86件，均在法定期限内答复。"),
            application_table(),
            Heading("四、政府信息公开行政复议、行政诉讼情况", level=1),
            Paragraph("本年度未发生因政府信息公开引起的行政复议和行政诉讼。"),
        ],
        signature="武汉市硚口区人民政府办公室",
        date=datetime.date(2025, 1, 20),
    )
