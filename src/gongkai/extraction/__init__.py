"""Text from uploaded files, for pre-publication screening and for search.

``extract_text(path_or_bytes, filename)`` returns the text a reader of the file would
see — .txt/.csv, .html/.htm, .pdf, .docx, .xlsx — or raises :class:`ExtractionError`
whose message says in Chinese what is wrong (too large, encrypted, damaged, scanned,
unsupported) and whose ``reason`` names it for code. Files are treated as hostile: size
and expansion limits are checked before parsing, XML is parsed without entities or
network, and any parser failure becomes an ExtractionError, never a crash.

No Django import: the screening command and the search indexer both call it.
"""

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.extract import SUPPORTED_SUFFIXES, extract_text
from gongkai.extraction.limits import Limits

__all__ = ["SUPPORTED_SUFFIXES", "ExtractionError", "Limits", "Reason", "extract_text"]
