"""The visible text of an HTML page.

The standard library's tokenizer, not a browser: nothing is fetched, no script runs,
entities are decoded by ``html.unescape`` (no expansion attacks), and broken markup
still yields its text. Script, style, template and noscript content is not text a
reader sees; block elements end a line and table cells are separated by a tab.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HIDDEN = frozenset({"script", "style", "template", "noscript"})
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl",
        "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "title",
        "tr", "ul",
    }
)  # fmt: skip
CELLS = frozenset({"td", "th"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base"})
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")  # &nbsp; is a space to a reader


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            if tag not in VOID:
                self.hidden_depth += 1
            return
        if tag in BLOCKS:
            self.parts.append("\n")
        elif tag in CELLS:
            self.parts.append("\t")
        elif tag == "img" and not self.hidden_depth:
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f" {alt} ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    lines = ("".join(parser.parts)).split("\n")
    kept = [line.strip(" \t") for line in lines]
    return "\n".join(line for line in kept if line.strip())
