"""Font discovery: the PyPI faces suffice, roles fall back, and failure is explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_samples import PYPI_DIR, pypi_only
from fontTools import subset
from fontTools.ttLib import TTFont

from gongkai.documents.fonts import (
    DOCX_FONT_NAMES,
    FontRole,
    FontUnavailableError,
    MissingGlyphError,
    default_fonts,
    discover_faces,
    resolve_fonts,
)


def test_every_role_has_a_face_on_this_machine() -> None:
    fonts = default_fonts()
    for role in FontRole:
        assert fonts[role].face.covers("政")


def test_pypi_package_alone_fills_every_role() -> None:
    faces = pypi_only()
    assert {f.path.name for f in faces} == {"NotoSerifSC-Regular.otf", "NotoSansSC-Regular.otf"}
    fonts = resolve_fonts(faces)
    assert fonts[FontRole.FANGSONG].face.path.name == "NotoSerifSC-Regular.otf"
    assert fonts[FontRole.HEI].face.path.name == "NotoSansSC-Regular.otf"
    # No 楷体 on PyPI: level-2 headings fall back to the body face.
    assert fonts[FontRole.KAI].face == fonts[FontRole.FANGSONG].face
    # No bold serif on PyPI: the 小标宋 title is emboldened by stroking.
    assert fonts[FontRole.TITLE].synthetic_bold


def test_pypi_faces_are_preferred_over_system_stand_ins() -> None:
    fonts = default_fonts()
    assert fonts[FontRole.FANGSONG].face.path.parent == PYPI_DIR


def test_genuine_face_wins_when_an_agency_installs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small stand-in named like the real thing: names decide, not file locations.
    font = TTFont(str(PYPI_DIR / "NotoSansSC-Regular.otf"))
    subsetter = subset.Subsetter()
    subsetter.populate(text="仿宋政府信息公开")
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "仿宋_GB2312"
    font.save(str(tmp_path / "fangsong.otf"))
    monkeypatch.setenv("GONGKAI_FONT_DIR", str(tmp_path))
    fonts = resolve_fonts(discover_faces())
    assert fonts[FontRole.FANGSONG].face.path == tmp_path / "fangsong.otf"
    assert fonts[FontRole.SONG].face.path.parent == PYPI_DIR


def test_no_font_at_all_says_what_to_install() -> None:
    with pytest.raises(FontUnavailableError) as caught:
        resolve_fonts([])
    message = str(caught.value)
    assert "未找到可嵌入 PDF 的中文字体" in message
    assert "pip install pylopdf-fonts-zh-cn" in message
    assert "fonts-noto-cjk" in message


def test_characters_without_any_glyph_are_refused() -> None:
    fonts = resolve_fonts(pypi_only())  # every face on the machine would be scanned slowly
    with pytest.raises(MissingGlyphError) as caught:
        fonts.check_coverage(["正常文字", "\U0001f600"])
    assert "U+1F600" in str(caught.value)
    default_fonts().check_coverage(["硚政办公开〔2025〕12号——“引号”　"])


def test_docx_names_are_the_windows_office_names() -> None:
    assert DOCX_FONT_NAMES[FontRole.TITLE] == "方正小标宋简体"
    assert DOCX_FONT_NAMES[FontRole.FANGSONG] == "仿宋_GB2312"
    assert DOCX_FONT_NAMES[FontRole.HEI] == "黑体"
    assert DOCX_FONT_NAMES[FontRole.KAI] == "楷体_GB2312"
