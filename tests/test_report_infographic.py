"""图解: drawn from the report's figures, as well-formed accessible SVG, a PNG and text."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image

from gongkai.applications.ledger import do_import_table, table_from_rows
from gongkai.reports.infographic import figures, layout, text_alternative, to_png, to_svg
from gongkai.reports.statistics import timeliness
from gongkai.rules.report_format import empty_tables, format_for_year
from gongkai.workcalendar.services import seed_bundled_schedules
from tests.report_helpers import publish_report

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

SVG = "{http://www.w3.org/2000/svg}"


def _report(year: int, received: int, *, agency: str = "测试区教育局") -> dict:
    tables = empty_tables(format_for_year(year))
    apps = tables["applications"]
    apps["1"].update(natural_person=received - 7, legal_service_agency=7, total=received)
    apps["3.1"].update(natural_person=41, total=41)
    apps["3.4.1"].update(natural_person=18, total=18)
    apps["3.7"].update(natural_person=59, total=59)
    apps["4"].update(natural_person=received - 59, total=received - 59)
    tables["appeals"]["reconsideration"].update(upheld=2, total=2)
    tables["proactive"]["licensing"]["decisions"] = 1375
    tables["proactive"]["fees"]["amount_wan_yuan"] = 12.5
    return {"agency": agency, "year": year, "format": "2021", "tables": tables}


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode())
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_svg_is_well_formed_accessible_and_shows_the_figures():
    shown = figures(_report(2025, 83), previous=None, timeliness={"answered": 59, "on_time": 57})
    svg = to_svg(layout(shown))
    root = ET.fromstring(svg.encode())
    assert root.get("role") == "img" and root.get("aria-labelledby") == "tujie-title tujie-desc"
    assert (
        root.find(f"{SVG}title").text == "测试区教育局2025年度政府信息公开工作年度报告（一图读懂）"
    )
    assert root.find(f"{SVG}desc").text == text_alternative(shown)
    assert "Noto Sans SC" in root.get("font-family") and "sans-serif" in root.get("font-family")
    texts = _texts(svg)
    for number in ("83", "59", "24", "41", "18", "76", "7", "1375", "12.5", "96.6%", "57", "2"):
        assert number in texts, number
    assert "予以公开" in texts and "法律服务机构" in texts
    assert "没有2024年度报告的数据，不作同比。" in texts
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_year_on_year_change_against_last_years_report():
    shown = figures(
        _report(2025, 83), previous=_report(2024, 50), timeliness={"answered": 0, "on_time": 0}
    )
    texts = _texts(to_svg(layout(shown)))
    assert "增长66.0%" in texts  # 83 against 50 received
    assert "收到申请：83件（上年50件）" in texts
    assert "持平" in texts  # 59 answered in both years
    assert "本年没有可计算答复期限的已答复申请。" in texts
    assert "收到申请83件（上年50件，增长66.0%）" in text_alternative(shown)


def test_png_is_a_real_image_of_the_page():
    page = layout(
        figures(_report(2025, 83), previous=None, timeliness={"answered": 1, "on_time": 1})
    )
    image = Image.open(io.BytesIO(to_png(page)))
    assert image.format == "PNG" and image.size == (1080, page.height)
    assert 1500 < page.height < 4000
    # Chinese text was drawn, not boxes: the title band holds many non-red pixels (glyphs).
    band = image.crop((60, 30, 1020, 100)).convert("RGB")
    raw = band.tobytes()  # RGB triples
    white = sum(1 for i in range(0, len(raw), 3) if raw[i : i + 3] == b"\xff\xff\xff")
    assert white > 500


def test_served_beside_the_published_report(district, client):
    seed_bundled_schedules(today=TODAY)
    rows = [
        ["T-1", "2025-03-03", "自然人", "甲", "网络", "某文件", "予以公开", "2025-03-10"],
        ["T-2", "2025-05-06", "商业企业", "乙", "网络", "某批复", "部分公开", "2025-07-30"],
    ]
    do_import_table(today=TODAY, agency=district.a, table=table_from_rows(rows), source="t")
    assert timeliness(agency=district.a, year=2025) == {"answered": 2, "on_time": 1}
    url = f"/reports/{district.a.code}/2025/tujie"
    assert client.get(f"{url}.svg").status_code == 404  # not published yet
    publish_report(district, "a", 2025, on=date(2026, 1, 20), licensing=9)

    svg = client.get(f"{url}.svg")
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
    texts = _texts(svg.content.decode())
    assert "50.0%" in texts and "9" in texts  # one of two answered on time; licensing
    png = client.get(f"{url}.png")
    assert png["Content-Type"] == "image/png" and "attachment" in png["Content-Disposition"]
    assert Image.open(io.BytesIO(png.content)).width == 1080
    text = client.get(f"{url}.txt").content.decode()
    assert "新收政府信息公开申请2件" in text and "不作同比" in text
    assert client.get(f"/reports/{district.b.code}/2025/tujie.svg").status_code == 404


@pytest.mark.parametrize("year", [2020])
def test_trial_format_years_draw_too(year):
    tables = empty_tables(format_for_year(year))
    tables["applications"]["3.6"]["total"] = 4
    report = {"agency": "测试区民政局", "year": year, "format": "2019", "tables": tables}
    texts = _texts(to_svg(layout(figures(report, previous=None, timeliness={}))))
    assert "其他处理" in texts and "4" in texts
