"""What one HTML page holds for the checks: its links (and whether CSS hides them), its
visible text and its main document's text.

The standard library's tokenizer, as in ``gongkai.extraction.html_text``: nothing is
fetched and no script runs. Hiding is judged from the page itself — an inline ``style``,
the ``hidden`` attribute, or a class or id that a ``<style>`` block of the same page hides.
A stylesheet loaded from elsewhere is not read: what it hides is not seen (README: limits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from gongkai.extraction.html_text import VOID, html_to_text

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^[.#][\w-]+$")
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)")
OFF_SCREEN_PX = -500  # left/top/text-indent this far out of view: nobody sees it


@dataclass(frozen=True, slots=True)
class Link:
    href: str  # absolute, without fragment
    text: str
    hidden: str = ""  # why it is hidden ("display:none" …), or empty


@dataclass
class ParsedPage:
    links: list[Link] = field(default_factory=list)
    text: str = ""
    document_text: str = ""  # the text of <div class="document">, when there is one


def _length(value: str) -> float | None:
    match = _NUMBER.search(value)
    return float(match.group(1)) if match else None


def hiding(declarations: str) -> str:
    """Why these CSS declarations hide an element, or "" when they do not."""
    styles: dict[str, str] = {}
    for part in declarations.split(";"):
        name, _, value = part.partition(":")
        styles[name.strip().lower()] = value.strip().lower().replace("!important", "").strip()
    if styles.get("display") == "none":
        return "display:none"
    if styles.get("visibility") in {"hidden", "collapse"}:
        return "visibility:hidden"
    if _length(styles.get("width", "x")) == 0 or _length(styles.get("height", "x")) == 0:
        return "zero size"
    if _length(styles.get("font-size", "x")) == 0:
        return "font-size:0"
    for name in ("left", "top", "text-indent", "margin-left", "margin-top"):
        value = _length(styles.get(name, "x"))
        if value is not None and value <= OFF_SCREEN_PX:
            return f"off-screen ({name}:{styles[name]})"
    return ""


def hidden_selectors(css: str) -> dict[str, str]:
    """``.class`` and ``#id`` selectors a page's own <style> hides, with the reason."""
    hidden: dict[str, str] = {}
    for selectors, declarations in _RULE.findall(css):
        reason = hiding(declarations)
        if not reason:
            continue
        for selector in selectors.split(","):
            selector = selector.strip()
            if _SIMPLE_SELECTOR.match(selector):
                hidden[selector] = reason
    return hidden


class _Links(HTMLParser):
    def __init__(self, base: str, hidden: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.hidden = hidden
        self.stack: list[tuple[str, str, bool]] = []  # tag, hidden reason, in document
        self.links: list[Link] = []
        self.anchor: tuple[str, str] | None = None
        self.anchor_text: list[str] = []
        self.document: list[str] = []

    def _reason(self, attrs: dict[str, str | None]) -> str:
        if "hidden" in attrs:
            return "hidden"
        reason = hiding(attrs.get("style") or "")
        if reason:
            return reason
        for name in (attrs.get("class") or "").split():
            if f".{name}" in self.hidden:
                return f"{self.hidden['.' + name]}（.{name}）"
        element_id = attrs.get("id")
        if element_id and f"#{element_id}" in self.hidden:
            return f"{self.hidden['#' + element_id]}（#{element_id}）"
        return ""

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        parent_reason, in_document = ("", False) if not self.stack else self.stack[-1][1:]
        reason = parent_reason or self._reason(attrs)
        classes = (attrs.get("class") or "").split()
        # The attachment list is read as attachments, not as the document's text.
        in_document = (in_document or "document" in classes) and "attachments" not in classes
        if tag == "a" and attrs.get("href"):
            self.anchor = (urldefrag(urljoin(self.base, attrs["href"] or ""))[0], reason)
            self.anchor_text = []
        if tag not in VOID:
            self.stack.append((tag, reason, in_document))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.anchor is not None:
            href, reason = self.anchor
            self.links.append(Link(href, "".join(self.anchor_text).strip(), reason))
            self.anchor = None
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if self.anchor is not None:
            self.anchor_text.append(data)
        if self.stack and self.stack[-1][2] and self.stack[-1][0] not in {"script", "style"}:
            self.document.append(data)


def parse_page(html: str, url: str) -> ParsedPage:
    """Links (http/https only, absolute), visible text and the main document's text."""
    css = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S | re.I))
    parser = _Links(url, hidden_selectors(css))
    parser.feed(html)
    parser.close()
    links = [link for link in parser.links if link.href.startswith(("http://", "https://"))]
    return ParsedPage(links=links, text=html_to_text(html), document_text="".join(parser.document))
