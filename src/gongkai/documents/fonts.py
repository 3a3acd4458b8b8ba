"""Find the Chinese faces a 公文 needs, and name them for Word.

GB/T 9704 asks for four faces: 小标宋 (titles), 仿宋 (body), 黑体 and 楷体 (headings), plus
宋体 for page numbers. Their usual files (方正小标宋简体, 仿宋_GB2312, …) are commercial
and absent from Linux servers, so the PDF renderer takes the best stand-in it can embed:

1. a genuine face, if an agency put its licensed fonts in ``GONGKAI_FONT_DIR`` or on the
   system — nothing else looks quite like a 公文;
2. Noto Serif SC / Noto Sans SC from the ``pylopdf-fonts-zh-cn`` PyPI package (SIL OFL),
   a dependency of this project, so a fresh ``pip install`` can render and every
   machine renders alike;
3. system fonts through fontconfig (Debian ``fonts-noto-cjk``, ``fonts-arphic-ukai`` …).

Roles fall back to each other (楷体 → 仿宋 → 宋体, 黑体 → bold 宋体), and a role filled
by a regular face where a heavy one is wanted (小标宋) is emboldened by stroking. If no
Chinese face exists at all, :class:`FontUnavailableError` says in Chinese what to
install: a PDF with empty boxes (豆腐块) instead of characters must never go out.

DOCX does not embed fonts; it names them, and Word or WPS on an agency's machine
substitutes its own. :data:`DOCX_FONT_NAMES` are the names those machines have.
"""

from __future__ import annotations

import functools
import importlib
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

FONT_DIR_ENV = "GONGKAI_FONT_DIR"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
# PyPI packages that carry font files, in order of preference.
PYPI_FONT_PACKAGES = ("pylopdf_fonts_zh_cn",)
# Where to look when fontconfig's fc-list is missing (minimal containers).
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


class FontRole(StrEnum):
    """The faces GB/T 9704 names, by what they are used for."""

    TITLE = "title"  # 小标宋: title and 发文机关标志
    SONG = "song"  # 宋体: page numbers, tables
    FANGSONG = "fangsong"  # 仿宋: body text
    HEI = "hei"  # 黑体: level-1 headings
    KAI = "kai"  # 楷体: level-2 headings


# Names Word and WPS resolve on Chinese government machines (w:eastAsia in DOCX).
DOCX_FONT_NAMES: dict[FontRole, str] = {
    FontRole.TITLE: "方正小标宋简体",
    FontRole.SONG: "宋体",
    FontRole.FANGSONG: "仿宋_GB2312",
    FontRole.HEI: "黑体",
    FontRole.KAI: "楷体_GB2312",
}

# 7.3.3: 一、 headings in 黑体, （一） in 楷体, 1. in the body face.
HEADING_ROLES: dict[int, FontRole] = {1: FontRole.HEI, 2: FontRole.KAI, 3: FontRole.FANGSONG}

_ROLE_LABELS = {
    FontRole.TITLE: "小标宋（标题）",
    FontRole.SONG: "宋体（页码、表格）",
    FontRole.FANGSONG: "仿宋（正文）",
    FontRole.HEI: "黑体（一级标题）",
    FontRole.KAI: "楷体（二级标题）",
}

INSTALL_HINT = (
    "请安装 Python 包 pylopdf-fonts-zh-cn（pip install pylopdf-fonts-zh-cn，"
    "提供 Noto 宋体、黑体），或安装系统字体包 fonts-noto-cjk"
    "（apt-get install fonts-noto-cjk）；也可将已授权的字体文件放入环境变量 "
    f"{FONT_DIR_ENV} 指定的目录。"
)


class FontUnavailableError(RuntimeError):
    """No embeddable Chinese face was found, so no PDF can be produced honestly."""

    def __init__(self, role: FontRole) -> None:
        self.role = role
        super().__init__(
            f"未找到可嵌入 PDF 的中文字体（{_ROLE_LABELS[role]}及其替代字体都没有），"
            "无法生成公文 PDF。" + INSTALL_HINT
        )


class MissingGlyphError(ValueError):
    """The text has characters that no available face can draw."""

    def __init__(self, characters: Iterable[str]) -> None:
        self.characters = "".join(sorted(set(characters)))
        codes = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in self.characters)
        super().__init__(
            f"已找到的中文字体都不含字符 {codes}，生成的 PDF 会显示为空白方块。"
            "请改用常用字，或将含有这些字符的字体放入环境变量 "
            f"{FONT_DIR_ENV} 指定的目录。"
        )


@dataclass(frozen=True)
class FontFace:
    """One face inside a font file (collections hold several)."""

    path: Path
    index: int
    names: frozenset[str]  # lower-cased family and full names, in every language

    @property
    def key(self) -> str:
        """A stable identifier, used as the PDF font family name."""
        return f"{self.path.stem}-{self.index}".replace(" ", "")

    @functools.cached_property
    def _cmap(self) -> dict[int, str]:
        return _open(self.path, self.index).getBestCmap() or {}

    @functools.cached_property
    def _metrics(self) -> tuple[dict[int, float], float]:
        """Advances in ems by code point, and the ascender; read only for faces drawn."""
        font = _open(self.path, self.index)
        units = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        advances = {code: hmtx[glyph][0] / units for code, glyph in self._cmap.items()}
        os2 = font.get("OS/2")
        ascender = (os2.sTypoAscender if os2 else font["hhea"].ascent) / units
        return advances, ascender

    def covers(self, ch: str) -> bool:
        return ord(ch) in self._cmap

    def advance(self, ch: str) -> float:
        """Horizontal advance of ``ch`` in ems (0 if the face lacks it)."""
        return self._metrics[0].get(ord(ch), 0.0)

    @property
    def ascender(self) -> float:
        """Top of the ideographic em box above the baseline, in ems (0.88 for Noto CJK)."""
        return self._metrics[1]


@dataclass(frozen=True)
class RoleFont:
    """The face chosen for a role, and whether it must be emboldened by stroking."""

    role: FontRole
    face: FontFace
    synthetic_bold: bool


@dataclass(frozen=True)
class _Wanted:
    name: str
    synthetic_bold: bool = False


def _w(*names: str, bold: bool = False) -> tuple[_Wanted, ...]:
    return tuple(_Wanted(name.lower(), bold) for name in names)


# Per role: genuine faces first, then PyPI's Noto (named "Noto … SC"), then Debian's
# ("Noto … CJK SC") and other free faces; the chain of the next role follows.
_SONG = _w(
    "宋体",
    "SimSun",
    "Noto Serif SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "AR PL UMing CN",
    "AR PL SungtiL GB",
)
_CANDIDATES: dict[FontRole, tuple[_Wanted, ...]] = {
    FontRole.SONG: _SONG,
    FontRole.TITLE: (
        *_w("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
        *_w("Noto Serif SC", bold=True),
        *_w("Noto Serif SC Bold", "Noto Serif CJK SC Bold", "Source Han Serif SC Bold"),
        *(_Wanted(w.name, True) for w in _SONG),
    ),
    FontRole.FANGSONG: (
        *_w("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"),
        *_SONG,
    ),
    FontRole.KAI: (
        *_w("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti"),
        *_w("LXGW WenKai", "AR PL UKai CN", "AR PL KaitiM GB"),
        *_w("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
        *_SONG,
    ),
    FontRole.HEI: (
        *_w("黑体", "SimHei", "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC"),
        *_w("Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),
        *(_Wanted(w.name, True) for w in _SONG),
    ),
}


@dataclass(frozen=True)
class FontSet:
    """A face for every role, plus every face found, for characters a role's face lacks."""

    roles: dict[FontRole, RoleFont]
    faces: tuple[FontFace, ...]

    def __getitem__(self, role: FontRole) -> RoleFont:
        return self.roles[role]

    def face_for(self, role: FontRole, ch: str) -> FontFace | None:
        """The role's face if it has ``ch``, else the first other face that does."""
        face = self.roles[role].face
        if face.covers(ch):
            return face
        return next((f for f in self.faces if f.covers(ch)), None)

    def check_coverage(self, texts: Iterable[str]) -> None:
        """Raise :class:`MissingGlyphError` if any character could only print as a box."""
        missing: set[str] = set()
        seen: set[str] = set()
        for text in texts:
            for ch in text:
                if ch in seen or ch.isspace():
                    continue
                seen.add(ch)
                if not any(f.covers(ch) for f in self._coverage_faces()):
                    missing.add(ch)
        if missing:
            raise MissingGlyphError(missing)

    def _coverage_faces(self) -> Iterable[FontFace]:
        yield from (rf.face for rf in self.roles.values())
        yield from self.faces


def resolve_fonts(faces: Sequence[FontFace]) -> FontSet:
    """Pick a face for each role from ``faces`` (in preference order)."""
    by_name: dict[str, FontFace] = {}
    for face in faces:
        for name in face.names:
            by_name.setdefault(name, face)
    roles: dict[FontRole, RoleFont] = {}
    # 宋体 first: every other role falls back to it, so it is the one a bare machine lacks.
    for role in (FontRole.SONG, FontRole.FANGSONG, FontRole.TITLE, FontRole.HEI, FontRole.KAI):
        for candidate in _CANDIDATES[role]:
            face = by_name.get(candidate.name)
            if face is not None:
                roles[role] = RoleFont(role, face, candidate.synthetic_bold)
                break
        else:
            raise FontUnavailableError(role)
    return FontSet(roles=roles, faces=tuple(faces))


@functools.cache
def default_fonts() -> FontSet:
    """The font set for this machine: ``GONGKAI_FONT_DIR``, then PyPI, then the system.

    Cached for the process: scanning fonts takes a moment and fonts do not change while
    the server runs (restart after installing new ones).
    """
    return resolve_fonts(discover_faces())


def discover_faces() -> list[FontFace]:
    """Every Chinese-capable face found, in the order sources are preferred."""
    paths: list[Path] = []
    for directory in _env_dirs():
        paths.extend(_font_files(directory))
    for package in PYPI_FONT_PACKAGES:
        paths.extend(_package_font_files(package))
    paths.extend(_system_font_files())
    faces: list[FontFace] = []
    seen: set[Path] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        faces.extend(_faces_in(resolved))
    return faces


def _env_dirs() -> list[Path]:
    value = os.environ.get(FONT_DIR_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def _font_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)


def _package_font_files(package: str) -> list[Path]:
    try:
        module = importlib.import_module(package)
    except ImportError:
        return []
    if module.__file__ is None:
        return []
    # Serif before sans, so a role that accepts either takes the 宋体-like one.
    return sorted(_font_files(Path(module.__file__).parent), key=lambda p: "Sans" in p.name)


def _system_font_files() -> list[Path]:
    """Chinese fonts known to fontconfig, or a walk of the usual directories without it."""
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run(
                [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = sorted({line.strip().rstrip(":") for line in out.splitlines() if line.strip()})
        paths = [Path(f) for f in files if Path(f).suffix.lower() in FONT_SUFFIXES]
        if paths:
            return paths
    return [p for d in SYSTEM_FONT_DIRS for p in _font_files(d)]


def _faces_in(path: Path) -> list[FontFace]:
    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            count = len(TTCollection(str(path), lazy=True).fonts)
        else:
            count = 1
        faces = []
        for index in range(count):
            font = _open(path, index)
            faces.append(FontFace(path=path, index=index, names=_names(font)))
        return faces
    except (TTLibError, OSError, KeyError, AssertionError):
        return []  # unreadable or not a font after all: skip, others may do


def _open(path: Path, index: int) -> TTFont:
    return TTFont(str(path), fontNumber=index, lazy=True)


def _names(font: TTFont) -> frozenset[str]:
    """Full names, and family names of regular faces, in every language the font gives."""
    table = font["name"]
    styles = {r.toUnicode().lower() for r in table.names if r.nameID in (2, 17)}
    regular = bool(styles & {"regular", "book", "normal", "roman", "常规"})
    wanted = (1, 4, 16) if regular else (4,)
    names = set()
    for record in table.names:
        if record.nameID in wanted:
            try:
                names.add(record.toUnicode().strip().lower())
            except UnicodeDecodeError:
                continue
    return frozenset(names)
