"""The project's Chinese catalogues (src/gongkai/locale): complete, valid, compiled.

They fill what Django's and Wagtail's own zh_Hans catalogues leave in English. An entry
without a translation would show English again; a .mo older than its .po would ship
yesterday's strings (the .mo is what Django reads, and it is committed).
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

LC_MESSAGES = Path(__file__).resolve().parents[1] / "src/gongkai/locale/zh_Hans/LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is not installed")


@needs_msgfmt
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_msgid_has_a_translation(domain: str) -> None:
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(LC_MESSAGES / f"{domain}.po")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "msgid" not in result.stdout, result.stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", str(LC_MESSAGES / f"{domain}.po")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "msgid" not in fuzzy.stdout, fuzzy.stdout


@needs_msgfmt
@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_po(domain: str, tmp_path: Path) -> None:
    """``msgfmt --check`` passes (placeholders kept) and the committed .mo is its output."""
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(fresh), str(LC_MESSAGES / f"{domain}.po")],
        capture_output=True,
        check=True,
    )
    with fresh.open("rb") as new, (LC_MESSAGES / f"{domain}.mo").open("rb") as committed:
        wanted = gettext.GNUTranslations(new)._catalog  # type: ignore[attr-defined]
        shipped = gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
    assert shipped == wanted, f"recompile: msgfmt --check -o {domain}.mo {domain}.po"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Go to the first error", "转到第一处错误"),
        ("Your pages and snippets in a workflow", "我在审核流程中的页面和内容"),
        ("Privacy and access", "隐私与访问"),
        ("By task", "按环节"),
        ("admin theme", "后台主题"),
    ],
)
def test_project_catalogue_is_what_django_uses(english: str, chinese: str) -> None:
    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese


# Wagtail templates copied only to replace English they hard-code (no msgid to translate):
# the copy must stay Wagtail's file apart from those strings, or an upgrade drifts.
OVERRIDES = Path(__file__).resolve().parents[1] / "src/gongkai/portal/templates/wagtailadmin"
HARD_CODED = {
    "home.html": [('value="Search"', 'value="搜索"')],
    "shared/header.html": [('value="Search"', 'value="搜索"')],
    "shared/headers/_actions.html": [('aria-label="Actions"', 'aria-label="操作"')],
}


@pytest.mark.parametrize("name", sorted(HARD_CODED))
def test_copied_wagtail_templates_differ_only_by_their_chinese(name: str) -> None:
    import wagtail.admin

    upstream = (Path(wagtail.admin.__file__).parent / "templates/wagtailadmin" / name).read_text()
    for english, chinese in HARD_CODED[name]:
        assert english in upstream, f"Wagtail changed {name}: review the copy"
        upstream = upstream.replace(english, chinese)
    assert (OVERRIDES / name).read_text() == upstream


# Wagtail modules whose messages staff read while editing and reviewing (locks, workflow
# states, revisions, references shown before a delete). Their literals are checked one by
# one, because the crawl reaches each screen in one state only: the editor's view of an
# entry waiting at a later step read "This 页面 is awaiting '主要负责人把关' …".
CHECKED_WAGTAIL_MODULES = [
    "locks.py",
    "models/workflows.py",
    "models/pages.py",
    "models/revisions.py",
    "models/reference_index.py",
    "models/view_restrictions.py",
    "fields.py",
    "coreutils.py",
    "admin/active_filters.py",
]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext_lazy", "ngettext"}


def _literal_msgids(source: str) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        first = node.args[0]
        literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if name in GETTEXT_NAMES and literal and any(c.isalpha() for c in first.value):
            found.append(first.value)
    return found


@pytest.mark.parametrize("module", CHECKED_WAGTAIL_MODULES)
def test_wagtail_messages_staff_read_are_translated(module: str) -> None:
    import wagtail

    source = (Path(wagtail.__file__).parent / module).read_text()
    msgids = _literal_msgids(source)
    assert msgids, f"no messages found in wagtail/{module}: did Wagtail move it?"
    with translation.override("zh-hans"):
        english = [m for m in msgids if translation.gettext(m) == m]
    assert english == []
