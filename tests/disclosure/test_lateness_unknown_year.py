"""Art. 26 lateness does not silently skip entries whose year has no schedule."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.disclosure.selectors import late_entries
from gongkai.workcalendar.models import HolidaySchedule
from gongkai.workcalendar.services import seed_bundled_schedules
from tests.disclosure.test_catalogue import new_entry

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's


def test_an_entry_due_in_an_unloaded_year_is_reported_as_waiting(catalogue: Any) -> None:
    seed_bundled_schedules(today=TODAY)
    HolidaySchedule.objects.filter(year__gte=2027).delete()
    entry = new_entry(catalogue, formed_on=date(2026, 12, 4))
    ids = [catalogue.a.pk]
    # Still December: due on or after 1 January 2027, so not late and nothing to report.
    before = late_entries(agency_ids=ids, today=date(2026, 12, 28), since=date(2026, 12, 1))
    assert entry.pk not in {item.entry.pk for item in before.late + before.waiting}
    # In February, unpublished, the due date cannot be told: listed as waiting, not skipped.
    after = late_entries(agency_ids=ids, today=date(2027, 2, 1), since=date(2026, 12, 1))
    waiting = [item for item in after.waiting if item.entry.pk == entry.pk]
    assert [item.due_text for item in waiting] == ["待导入2027年节假日安排"]
    assert entry.pk not in {item.entry.pk for item in after.late}
