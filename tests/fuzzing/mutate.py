"""Mutations of real files: what a damaged download, a careless clerk or an attacker sends.

Each mutator takes a ``random.Random`` and returns new content; none of them needs Django.
Byte-level (flips, cuts, splices, repeated regions), zip-level for the OOXML and OFD
containers (members mangled, dropped, swapped, duplicated, entity bombs, deep nesting,
declared sizes that lie, a member that inflates far past the limits), CSV-level (a huge
cell, a huge row, stray quotes and NULs) and text-level (control characters, digit runs,
table pipes, lone surrogates). The seed is always a real file of the kind; the same seed
and input number give the same mutation, so every failure can be replayed.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

Mutator = Callable[[random.Random, bytes], bytes]

# Bytes parsers give meaning to: structure markers of the formats read, huge numbers.
TOKENS = (
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"%PDF-1.7",
    b"%%EOF",
    b"obj",
    b"endobj",
    b"stream\n",
    b"/Length 999999999",
    b"trailer",
    b"xref",
    b"PK\x03\x04",
    b"<",
    b"</",
    b"/>",
    b"&amp;",
    b"&#0;",
    b"&#x110000;",
    b"<!ENTITY",
    b"]]>",
    b"99999999999999999999999999",
    b"-1",
    b"NaN",
    b"1e308",
    b'"',
    b",",
    b"\r",
    b"\n",
    b"|",
    "★".encode(),
    "休".encode(),
    "第".encode(),
    "\u202e".encode(),
)


def flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def insert_token(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    chunk = rng.choice(TOKENS) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 64))
    return data[:at] + chunk * rng.choice((1, 1, 2, 50)) + data[at:]


def delete_slice(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 200) :]


def repeat_slice(rng: random.Random, data: bytes) -> bytes:
    """A region repeated many times: nesting and lengths parsers do not expect."""
    if not data:
        return data
    start = rng.randrange(len(data))
    region = data[start : start + rng.randint(1, 64)]
    times = rng.choice((2, 10, 1000, 20_000))
    return data[:start] + region * times + data[start:]


BYTE_MUTATORS: tuple[Mutator, ...] = (flip, truncate, insert_token, delete_slice, repeat_slice)


def splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """The head of one file on the tail of another of the same kind."""
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


# ---- zip containers (DOCX, XLSX, OFD) ------------------------------------------------


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(items: Sequence[tuple[str, bytes]], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in items:
            archive.writestr(name, data)
    return out.getvalue()


def replace_member(content: bytes, name: str, data: bytes | None) -> bytes:
    """The archive with one member replaced (or removed, for ``None``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
            elif data is not None:
                target.writestr(item, data)
    return out.getvalue()


def _xml_member(rng: random.Random, parts: dict[str, bytes]) -> str:
    xml = [n for n in parts if n.endswith((".xml", ".rels"))]
    return rng.choice(xml or list(parts))


def mangle_member(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    name = rng.choice(list(parts))
    mutated = rng.choice(BYTE_MUTATORS)(rng, parts[name])
    return replace_member(content, name, mutated)


def drop_or_swap_member(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    name = rng.choice(list(parts))
    other = rng.choice([None, *parts])
    return replace_member(content, name, None if other is None else parts[other])


def duplicate_member(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    """Two members of one name, the second garbage: which one does a reader take?"""
    name = _xml_member(rng, parts)
    items = [*parts.items(), (name, rng.randbytes(rng.randint(0, 200)))]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        return rezip(items)


def entity_bomb(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    """Billion laughs, or an external entity, in place of an XML member."""
    name = _xml_member(rng, parts)
    if rng.random() < 0.5:
        entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)
        )
        body = "&j;"
    else:
        entities = '<!ENTITY x SYSTEM "file:///etc/passwd">'
        body = "&x;"
    xml = f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><r>{body}</r>'
    return replace_member(content, name, xml.encode())


def deep_nesting(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    name = _xml_member(rng, parts)
    depth = rng.choice((300, 5_000, 100_000))
    return replace_member(content, name, b"<a>" * depth + b"</a>" * depth)


@cache
def _bomb_member(megabytes: int = 400) -> bytes:
    """Deflated bytes of that much XML whitespace (about 1 KB a MB), made in milliseconds:
    after a full flush a deflate stream starts afresh, so one compressed megabyte of
    spaces can be repeated as it is."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    opening = compressor.compress(b"<?xml version='1.0'?><r>") + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(b" " * (1024 * 1024)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return opening + block * megabytes + compressor.compress(b"</r>") + compressor.flush()


def bomb_member(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    """An XML member that inflates to 400 MB, its declared size true or a lie."""
    return with_bomb(
        parts, _xml_member(rng, parts), declared=rng.choice((None, rng.randint(100, 10_000)))
    )


def with_bomb(
    parts: dict[str, bytes], name: str, *, declared: int | None = None, megabytes: int = 400
) -> bytes:
    """The archive with member ``name`` inflating to ``megabytes`` of XML. ``declared`` is the
    size its headers claim (None: the truth); the CRC matches the declared bytes, so
    ``zipfile`` takes a lie for a small, intact member."""
    opening = b"<?xml version='1.0'?><r>"
    if declared is None:
        claimed = (megabytes * 1024 * 1024 + len(opening + b"</r>"), _bomb_crc(megabytes))
    else:
        claimed = (declared, zlib.crc32((opening + b" " * declared)[:declared]))
    others = [(n, d, None) for n, d in parts.items() if n != name]
    return raw_zip([*others, (name, _bomb_member(megabytes), claimed)])


@cache
def _bomb_crc(megabytes: int = 400) -> int:
    crc = zlib.crc32(b"<?xml version='1.0'?><r>")
    block = b" " * (1024 * 1024)
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    return zlib.crc32(b"</r>", crc)


def raw_zip(items: Sequence[tuple[str, bytes, tuple[int, int] | None]]) -> bytes:
    """A zip written by hand, so a member can carry already-deflated data and any sizes.

    ``None`` as the third element stores the data deflated here with true sizes.
    """
    body = io.BytesIO()
    central = io.BytesIO()
    for name, data, given in items:
        encoded = name.encode()
        if given is None:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = compressor.compress(data) + compressor.flush()
            size, crc = len(data), zlib.crc32(data)
        else:
            packed, (size, crc) = data, given
        offset = body.tell()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0
        )
        body.write(header + encoded + packed)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(packed),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start, directory = body.tell(), central.getvalue()
    count = len(items)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0)
    return body.getvalue() + directory + end


def header_lie(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    """A field of a zip header rewritten: method, flags (encrypted), sizes, name length."""
    out = bytearray(content)
    signatures = [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"]
    positions = [i for s in signatures for i in _find_all(content, s)]
    if not positions:
        return flip(rng, content)
    at = rng.choice(positions) + rng.randrange(4, 30)
    if at + 4 <= len(out):
        value = rng.choice((0, 1, 0xFFFF, 0xFFFFFFFF, 99, rng.randrange(2**32)))
        out[at : at + 4] = struct.pack("<I", value)
    return bytes(out)


def _find_all(data: bytes, needle: bytes) -> list[int]:
    found, at = [], data.find(needle)
    while at != -1:
        found.append(at)
        at = data.find(needle, at + 1)
    return found


def many_members(rng: random.Random, content: bytes, parts: dict[str, bytes]) -> bytes:
    """Tens of thousands of tiny members: the entry limit, not the size limit."""
    return _with_many_members(content, rng.choice((100, 25_000)))


@lru_cache(maxsize=16)
def _with_many_members(content: bytes, count: int) -> bytes:
    """Kept per seed and count: the same bytes every time, and 25,000 members take about
    80 ms to write (a tenth of a zip-mutating target's time before this)."""
    items = list(members(content).items())
    items += [(f"x/{n}.xml", b"<a/>") for n in range(count)]
    return rezip(items, method=zipfile.ZIP_STORED)


ZIP_MUTATORS = (
    mangle_member,
    drop_or_swap_member,
    duplicate_member,
    entity_bomb,
    deep_nesting,
    bomb_member,
    header_lie,
    many_members,
)


def mutate_zip(rng: random.Random, content: bytes) -> bytes:
    try:
        parts = members(content)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return rng.choice(BYTE_MUTATORS)(rng, content)
    if not parts:
        return flip(rng, content)
    return rng.choice(ZIP_MUTATORS)(rng, content, parts)


# ---- CSV ------------------------------------------------------------------------------


def mutate_csv(rng: random.Random, content: bytes) -> bytes:
    lines = content.split(b"\n")
    kind = rng.randrange(6)
    at = rng.randrange(len(lines))
    if kind == 0:  # one huge cell: past the csv module's field limit
        lines[at] += b"," + b"x" * rng.choice((200_000, 2_000_000))
    elif kind == 1:  # one huge row: thousands of columns
        lines[at] += b",1" * rng.choice((5_000, 100_000))
    elif kind == 2:  # very many rows
        lines.extend([lines[-2] if len(lines) > 1 else b"a"] * rng.choice((1_000, 20_000)))
    elif kind == 3:  # an unclosed quote swallowing the rest
        lines[at] = b'"' + lines[at]
    elif kind == 4:  # NULs and stray CRs
        lines[at] = lines[at].replace(b",", rng.choice((b"\x00,", b",\r", b"\r\n,")))
    else:  # another encoding's bytes
        lines[at] = lines[at].decode("utf-8", "replace").encode("utf-16", "replace")
    return b"\n".join(lines)


# ---- text -----------------------------------------------------------------------------

TEXT_TOKENS = (
    "\x00",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\ud800",
    "\U0010ffff",
    "\u0301" * 50,
    "|",
    "| --- |",
    "★",
    "＃",
    "#",
    "=",
    "~",
    "第",
    "行",
    "年",
    "一、",
    "（二）",
    "\t",
    "\r",
    "\n" * 50,
    "420104199001011234",
    "6222021234567890123",
    "13800138000",
    "0" * 500,
    "1" * 40,
    "9" * 10_000,
    "机密★",
    "绝密★启用前",
    "%PDF",
    "<script>",
)


def mutate_text(rng: random.Random, text: str) -> str:
    kind = rng.randrange(6)
    if not text or kind == 0:
        at = rng.randrange(len(text) + 1)
        token = rng.choice(TEXT_TOKENS)
        return text[:at] + token * rng.choice((1, 1, 3, 200)) + text[at:]
    if kind == 1:
        return text[: rng.randrange(len(text) + 1)]
    if kind == 2:  # a region repeated: long tables, long digit runs
        start = rng.randrange(len(text))
        region = text[start : start + rng.randint(1, 200)]
        return text[:start] + region * rng.choice((2, 50, 2_000)) + text[start:]
    if kind == 3:  # random code points, any plane
        chars = [
            chr(rng.choice((rng.randrange(0x20, 0x7F), rng.randrange(0x110000))))
            for _ in range(rng.randint(1, 50))
        ]
        at = rng.randrange(len(text) + 1)
        return text[:at] + "".join(chars) + text[at:]
    if kind == 4:  # lines shuffled
        lines = text.split("\n")
        rng.shuffle(lines)
        return "\n".join(lines)
    digits = [i for i, c in enumerate(text) if c.isdigit()]  # numbers changed
    out = list(text)
    for i in rng.sample(digits, min(len(digits), rng.randint(1, 30))):
        out[i] = rng.choice("0123456789０１２３")
    return "".join(out)


def mutate_bytes(rng: random.Random, content: bytes, *, others: Sequence[bytes] = ()) -> bytes:
    """Any byte-level mutation, a few stacked, sometimes a splice with another seed."""
    if others and rng.random() < 0.1:
        return splice(rng, content, rng.choice(others))
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        content = rng.choice(BYTE_MUTATORS)(rng, content)
    return content


def mutate_file(
    rng: random.Random, content: bytes, name: str, others: Sequence[bytes] = ()
) -> bytes:
    """A mutation suited to the file's kind: zip-aware for OOXML/OFD, CSV-aware for CSV."""
    lower = name.lower()
    roll = rng.random()
    if lower.endswith((".docx", ".xlsx", ".xlsm", ".ofd")) and roll < 0.6:
        return mutate_zip(rng, content)
    if lower.endswith(".csv") and roll < 0.5:
        return mutate_csv(rng, content)
    if lower.endswith((".txt", ".md", ".html", ".htm", ".csv")) and roll < 0.8:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("gb18030", "replace")
        return mutate_text(rng, text).encode("utf-8", "surrogatepass")
    return mutate_bytes(rng, content, others=others)
