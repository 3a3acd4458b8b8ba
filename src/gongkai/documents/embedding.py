"""Turn a font face into a small TrueType file that embeds readably in a PDF.

The Noto CJK faces are OpenType/CFF. fpdf2 embeds those with a custom encoding CMap,
which PDF viewers draw correctly but which text extractors handle badly: pdfminer
(pdfplumber) reads no text at all and pypdf puts a space between every character.
Extracted text matters for a 公文 — it is how a published document is searched,
archived and read aloud — so each face is cut down to the characters of the document
and, if it has CFF outlines, converted to TrueType outlines first. fpdf2 then embeds it
as a plain Identity-H TrueType CID font, the form every extractor reads. Cutting first
keeps the conversion to a few hundred glyphs (a fraction of a second).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from gongkai.documents.fonts import FontFace

# Largest distance (font units, 1000 per em) between a cubic curve and its quadratic
# approximation: invisible at print sizes.
CURVE_TOLERANCE = 1.0
# Tables a horizontal, unshaped PDF line does not use.
_DROPPED = ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "DSIG", "FFTM", "PfEd"]
_VARIATION_TABLES = ("fvar", "avar", "HVAR", "MVAR", "VVAR", "STAT", "gvar", "cvar")


def embeddable_font(face: FontFace, characters: Iterable[str], directory: Path) -> Path:
    """Write ``face`` cut down to ``characters`` as a TrueType file; return its path."""
    font = TTFont(str(face.path), fontNumber=face.index, recalcTimestamp=False, lazy=True)
    for tag in _DROPPED:
        if tag in font:
            del font[tag]  # before subsetting, which would otherwise parse them (slow)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    options.drop_tables += _DROPPED
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(ch) for ch in characters})
    subsetter.subset(font)
    if "CFF " in font or "CFF2" in font:
        _cff_to_truetype(font)
    path = directory / f"{face.key}.ttf"
    font.save(str(path))
    return path


def _cff_to_truetype(font: TTFont) -> None:
    """Replace cubic CFF outlines with quadratic TrueType ones, in place."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, CURVE_TOLERANCE, reverse_direction=True))
        glyphs[name] = pen.glyph()
    for tag in ("CFF ", "CFF2", *_VARIATION_TABLES):
        if tag in font:
            del font[tag]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        glyph.recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
