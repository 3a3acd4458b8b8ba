"""The date input of every staff form.

A browser's ``<input type="date">`` takes only an ISO date as its value; Django renders a
date in the active locale's format (「2026年12月4日」), which the browser drops, so the
field showed empty and the form could not be sent without retyping today's date.
"""

from __future__ import annotations

from django import forms

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
