"""Forms of the report editor: new report, narrative, table 二 figures, review comment."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.agencies.models import Agency
from gongkai.reports.narrative import OVERVIEW_PARTS, TEXT_FIELDS, normalize_narrative
from gongkai.reports.proactive import FigureCell
from gongkai.reports.selectors import ProactiveEntry

_TEXT = {"rows": 6, "class": "gk-report-text"}


class NewReportForm(forms.Form):
    agency = forms.ModelChoiceField(label="机构", queryset=Agency.objects.none())
    year = forms.IntegerField(label="报告年度", min_value=2019, max_value=2100)

    def __init__(self, *args: Any, agencies: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["year"].initial = year
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


class NarrativeForm(forms.Form):
    """One heading and text per part of 一、总体情况, then the other written parts."""

    def __init__(self, *args: Any, narrative: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = normalize_narrative(narrative)
        for part, stored in zip(OVERVIEW_PARTS, current["overview"], strict=True):
            self.fields[f"{part.key}__heading"] = forms.CharField(
                label=f"一、总体情况 · {part.topic} · 标题",
                initial=stored["heading"],
                max_length=100,
                required=False,
            )
            self.fields[f"{part.key}__text"] = forms.CharField(
                label=f"一、总体情况 · {part.topic}",
                initial=stored["text"],
                widget=forms.Textarea(attrs=_TEXT),
                required=False,
            )
        for name, label in TEXT_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=label,
                initial=current[name],
                widget=forms.Textarea(attrs=_TEXT),
                required=False,
            )

    def narrative(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "overview": [
                {
                    "key": part.key,
                    "heading": data[f"{part.key}__heading"],
                    "text": data[f"{part.key}__text"],
                }
                for part in OVERVIEW_PARTS
            ],
            **{name: data[name] for name in TEXT_FIELDS},
        }


def figure_field(cell: FigureCell, suffix: str) -> str:
    return f"{cell.row.key}.{cell.column.key}.{suffix}"


class FiguresForm(forms.Form):
    """Every cell of table 二: a number and its source. Blank cells stay unentered."""

    def __init__(self, *args: Any, entries: list[ProactiveEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = entries
        for entry in entries:
            self.fields[figure_field(entry.cell, "value")] = forms.CharField(
                label=f"{entry.cell.label}",
                initial=entry.value_text,
                required=False,
                max_length=20,
            )
            self.fields[figure_field(entry.cell, "source")] = forms.CharField(
                label=f"{entry.cell.label} · 数据来源",
                initial=entry.source,
                required=False,
                max_length=300,
            )

    def rows(self) -> list[tuple[ProactiveEntry, Any, Any]]:
        return [
            (e, self[figure_field(e.cell, "value")], self[figure_field(e.cell, "source")])
            for e in self.entries
        ]

    def entries_to_save(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Cells given a value or a source; a cell left wholly blank stays unentered."""
        found = {}
        for entry in self.entries:
            value = self.cleaned_data[figure_field(entry.cell, "value")].strip()
            source = self.cleaned_data[figure_field(entry.cell, "source")].strip()
            if value or source:
                found[entry.cell.key] = (value, source)
        return found

    def add_cell_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            name = f"{key}.value"
            self.add_error(name if name in self.fields else None, messages)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="意见", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
