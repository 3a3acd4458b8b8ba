"""A hostile legacy file read outside the isolated child still meets the child's limits.

Found by the fuzzer (issue 17 point 2): a mutated ``.xls`` whose sector chain loops made
``xls2csv`` take 15 GB in 20 s when ``extract_text`` ran in the calling process, as the
crawler (an attachment on an agency's website) and the screening CLI run it. The tool
now starts under ``ulimit`` with ``Limits.child_memory_bytes`` and ``child_seconds``.
"""

from __future__ import annotations

import shutil
import struct
import time

import pytest

from gongkai.extraction import ExtractionError, extract_text
from gongkai.extraction.errors import Reason
from gongkai.extraction.limits import Limits
from tests.screening.legacy_files import END, SECTOR, xls_file


def looped_xls() -> bytes:
    """A real .xls whose every sector chain ends by pointing back to sector 0."""
    data = bytearray(xls_file([["名单", "1"]]))
    (fat_sector,) = struct.unpack_from("<I", data, 0x4C)  # the first DIFAT entry
    at = SECTOR + fat_sector * SECTOR
    entries = struct.unpack_from(f"<{SECTOR // 4}I", data, at)
    struct.pack_into(f"<{SECTOR // 4}I", data, at, *(0 if e == END else e for e in entries))
    return bytes(data)


@pytest.mark.skipif(not shutil.which("xls2csv"), reason="catdoc (xls2csv) is not installed")
def test_a_looping_xls_is_refused_at_the_memory_limit_in_this_process() -> None:
    limits = Limits(child_memory_bytes=256 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(ExtractionError) as refused:
        extract_text(looped_xls(), "名单.xls", limits=limits)
    assert time.monotonic() - started < 10  # without the limit: 10 s and 8 GB, still growing
    assert refused.value.reason is Reason.TOO_LARGE
    assert "超过了256MB内存的上限" in str(refused.value)
