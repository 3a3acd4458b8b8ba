"""Text from uploaded files, for pre-publication screening and for search.

``extract_text(path_or_bytes, filename)`` returns the text a reader of the file would
see — .txt/.csv, .html/.htm, .pdf, .docx, .xlsx, .ofd, and through Debian's catdoc the
legacy .doc/.wps/.xls/.et — or raises :class:`ExtractionError`
whose message says in Chinese what is wrong (too large, encrypted, damaged, scanned,
unsupported, content not matching the name) and whose ``reason`` names it for code.
Files are treated as hostile: the content type is checked by magic bytes, size and
expansion limits before parsing, XML is parsed without entities or network, and any
parser failure becomes an ExtractionError, never a crash. ``extract_text_isolated`` runs
the same in a child process with a memory and time limit, for the server.

No Django import: the screening command and the search indexer both call it.
"""

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.extract import SUPPORTED_SUFFIXES, extract_text
from gongkai.extraction.isolated import extract_text_isolated
from gongkai.extraction.limits import Limits

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ExtractionError",
    "Limits",
    "Reason",
    "extract_text",
    "extract_text_isolated",
]
