"""The operator's forms: the year to prepare, and every item of the form with its source.

The fields only carry what was typed; :mod:`gongkai.website_report.services` cleans and
checks each value against :mod:`gongkai.rules.website_report` and its errors come back
onto the field of the item they name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from gongkai.rules import website_report as form
from gongkai.website_report.services import HAND, PLATFORM

SOURCE_SUFFIX = "__source"
BY_LABELS = {PLATFORM: "平台统计", HAND: "手工填报"}


class YearForm(forms.Form):
    year = forms.IntegerField(label="报表年度", min_value=2017, max_value=2100)


def _value_field(item: form.Item) -> forms.Field:
    label = item.printed_label
    if item.kind is form.Kind.YES_NO:
        choices = [("", "—"), (form.YES, form.YES), (form.NO, form.NO)]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if item.kind is form.Kind.CHOICE:
        choices = [("", "—"), *((c, c) for c in item.choices)]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if item.kind is form.Kind.DATE:
        widget: forms.Widget = forms.DateInput(attrs={"type": "date"})
    elif item.kind in (form.Kind.COUNT, form.Kind.NUMBER):
        widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 12})
    else:
        widget = forms.TextInput(attrs={"size": 30})
    return forms.CharField(label=label, required=False, widget=widget, strip=True)


def stored_text(figure: Mapping[str, Any] | None) -> tuple[str, str]:
    """A stored figure as the form shows it: (value, source), empty when there is none."""
    if not figure:
        return "", ""
    value = figure.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return ("" if value is None else str(value)), str(figure.get("source") or "")


class FiguresForm(forms.Form):
    """A value field (named by the item's key) and a source field for every item."""

    def __init__(self, *args: Any, figures: Mapping[str, Any], **kwargs: Any) -> None:
        self.stored = {item.key: stored_text(figures.get(item.key)) for item in form.ITEMS}
        self.by = {key: BY_LABELS.get(figure.get("by"), "—") for key, figure in figures.items()}
        initial = {}
        for key, (value, source) in self.stored.items():
            initial[key], initial[key + SOURCE_SUFFIX] = value, source
        super().__init__(*args, initial=initial, **kwargs)
        for item in form.ITEMS:
            self.fields[item.key] = _value_field(item)
            self.fields[item.key + SOURCE_SUFFIX] = forms.CharField(
                label=f"{item.label}的数据来源",
                required=False,
                max_length=form.MAX_SOURCE,
                widget=forms.TextInput(attrs={"size": 36}),
            )

    def changed_entries(self) -> dict[str, tuple[str, str]]:
        """``{key: (value, source)}`` for the items the operator changed; an item the
        request did not post at all is left as it is."""
        entries = {}
        for item in form.ITEMS:
            if item.key not in self.data and item.key + SOURCE_SUFFIX not in self.data:
                continue
            typed = (
                self.cleaned_data.get(item.key) or "",
                self.cleaned_data.get(item.key + SOURCE_SUFFIX) or "",
            )
            if typed != self.stored[item.key]:
                entries[item.key] = typed
        return entries

    def rows(self) -> list[tuple[form.Section | None, list[tuple[form.Item, Any, Any, str]]]]:
        """(section, [(item, value field, source field, who gave it)]) in the form's order;
        the sign-off comes last under no section."""
        sections: list[tuple[form.Section | None, list[form.Item]]] = [
            *((s, list(s.items)) for s in form.SECTIONS),
            (None, list(form.SIGNOFF)),
        ]
        return [
            (
                section,
                [
                    (i, self[i.key], self[i.key + SOURCE_SUFFIX], self.by.get(i.key, "—"))
                    for i in items
                ],
            )
            for section, items in sections
        ]
