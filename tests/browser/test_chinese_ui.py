"""Text the admin's scripts render reads in Chinese too (the test client sees only HTML).

The sidebar menu, the rich-text editor's placeholder, the side panels and dialogs are
built in the browser from Wagtail's JS catalogue (djangojs), which the project's
src/gongkai/locale fills where Wagtail's own leaves English.
"""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage
from tests.browser.test_staff_login import log_in
from tests.english_text import english_words

# What a person reads: visible text and the labels assistive technology reads out.
READABLE_TEXT = """() => {
  const texts = [document.body.innerText];
  for (const el of document.querySelectorAll('[placeholder],[title],[aria-label]')) {
    if (el.closest('[hidden]')) continue;
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts.join('\\n');
}"""


def english_lines(page: Any) -> list[str]:
    text = page.evaluate(READABLE_TEXT)
    return sorted({line.strip() for line in text.splitlines() if english_words(line)})


@pytest.mark.parametrize("username", ["operator", "qzfb_editor"])
def test_admin_screens_rendered_by_scripts_are_chinese(
    demo_site: Any, live_server: Any, page: Any, username: str
) -> None:
    log_in(page, live_server.url, username)
    screens = ["/admin/", "/admin/pages/", "/admin/account/", "/admin/reports/workflow/"]
    if username == "qzfb_editor":
        # The entry editor: the rich-text placeholder and the side panels.
        branch = AgencyCataloguePage.objects.get(agency__name="武汉市硚口区人民政府办公室")
        column = ColumnPage.objects.descendant_of(branch).order_by("path").first()
        screens.append(f"/admin/pages/add/disclosure/catalogueentrypage/{column.pk}/")
    found = {}
    for path in screens:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        # Open the sidebar's first sub-menu: its items are rendered on demand.
        toggles = page.locator("nav.sidebar-main-menu button[aria-haspopup]")
        if toggles.count():
            toggles.first.click()
        english = english_lines(page)
        if english:
            found[path] = english
    assert found == {}
