"""How much a file may make us read. Uploads are hostile until proven otherwise.

Defaults sized for government attachments: a 500-page PDF report is a few MB; a DOCX
or XLSX of 50 MB on disk is already unusual; 2,000 pages is more than any agency
publishes as one attachment (issue 12: a 2,990-page PDF held the write lock for 26 s).
A zip bomb (a small DOCX/XLSX that inflates to gigabytes) is stopped by the sum of the
declared sizes before anything is inflated, and the inflating reader stops at the same
bound.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_unzipped_bytes: int = 300 * 1024 * 1024
    max_zip_entries: int = 20_000
    max_pdf_pages: int = 2_000
    max_sheet_cells: int = 3_000_000
    # About 10,000 pages of Chinese text: more is not a document anyone publishes.
    max_text_chars: int = 20_000_000
    # A reader running in a child process (isolated.py, legacy_office.py) is killed past
    # these: a hostile file cannot hold a worker's memory or time.
    child_memory_bytes: int = 1024 * 1024 * 1024
    child_seconds: int = 120


DEFAULT_LIMITS = Limits()
