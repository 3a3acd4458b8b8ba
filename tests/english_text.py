"""Find English a person would read on a page: visible text, labels and tooltips.

Shared by the test-client crawl (tests/test_chinese_ui.py) and the browser check of
JS-rendered text (tests/browser/test_chinese_ui.py). Latin letters are allowed only in
the short list of things that are Latin in a Chinese government site too: codes with
digits (文号 years, 统一社会信用代码), file names, addresses, and the standard
abbreviations below.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import html

# Abbreviations and names that stay Latin in Chinese UI text.
ALLOWED_WORDS = {
    "GB",  # GB/T 国家标准
    "T",
    "PDF",
    "DOCX",
    "DOC",
    "XLSX",
    "XLS",
    "OFD",
    "PNG",
    "JPG",
    "JPEG",
    "CSV",
    "JSON",
    "XML",
    "RSS",
    "Atom",
    "API",
    "OpenAPI",
    "URL",
    "ICP",
    "ID",
    "SMS",
    "HTML",
    "Wagtail",
    "Word",
    "Excel",
    "Email",
    "E",  # E-mail
    "mail",
    "https",
    "http",
    "www",
    "zh",
    "Hans",
    "ZIP",
    "YSQ",  # the prefix of application receipt numbers
    # Key names on the keyboard-shortcut help.
    "Ctrl",
    "Alt",
    "Shift",
    "Esc",
    "Enter",
    "Cmd",
    "Tab",
}
# Tokens that are not words: file names, addresses, codes with digits, paths.
NOT_WORDS = re.compile(
    r"\S+@\S+"  # e-mail addresses
    r"|https?://\S+"
    r"|(?:/[\w.\-]+)+/?"  # paths
    r"|[\w\-]+\.(?:pdf|docx?|xlsx?|ofd|png|jpe?g|csv|json|xml|txt|html|ico|zip)\b"
    r"|\b[\w\-]*\d[\w\-]*\b"  # anything with a digit: codes, 文号, sizes
    r"|\b[a-z_]+\.[a-z_]+\b"  # dotted identifiers (app.model)
    r"|\{[a-z_]+\}",  # placeholders of letter templates: {applicant}
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Single letters are not words (the test fixtures' names are "a信息员", "b信息员").
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "aria-description")
# Elements whose text no person reads.
SKIPPED = {"script", "style", "noscript", "svg", "code", "pre", "iframe"}


def english_words(text: str, *, allowed: Iterable[str] = ()) -> list[str]:
    """The Latin words in ``text`` that are not on the allowlist."""
    for name in allowed:
        text = text.replace(name, " ")
    stripped = NOT_WORDS.sub(" ", text)
    found = []
    for word in WORD.findall(stripped):
        bare = word.strip("'’")
        if len(bare) > 1 and bare not in ALLOWED_WORDS and bare.upper() not in ALLOWED_WORDS:
            found.append(bare)
    return found


def _texts(element: Any) -> Iterator[str]:
    if not isinstance(element.tag, str):
        return
    tag = element.tag.lower()
    if tag == "script":
        if element.get("type") == "application/json":
            yield from _json_labels(element.text or "")
        return
    if tag in SKIPPED:
        return
    for attribute in ATTRIBUTES:
        if element.get(attribute):
            yield element.get(attribute)
    is_button = tag in ("input", "button") and element.get("type") in ("submit", "button", "reset")
    if is_button and element.get("value"):
        yield element.get("value")
    if element.get("hidden") is None and element.text:
        yield element.text
    for child in element:
        yield from _texts(child)
        if child.tail:
            yield child.tail


def _json_labels(source: str) -> Iterator[str]:
    """Labels in the JSON props the admin's scripts render (the sidebar menu)."""
    try:
        data = json.loads(source)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("label", "title", "help_text") and isinstance(value, str):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def page_english(content: str, *, allowed: Iterable[str] = ()) -> list[str]:
    """Snippets of an HTML page's readable text that contain English."""
    document = html.fromstring(content)
    allowed = list(allowed)
    found = []
    for text in _texts(document):
        text = " ".join(text.split())
        if text and english_words(text, allowed=allowed):
            found.append(text[:120])
    return sorted(set(found))
