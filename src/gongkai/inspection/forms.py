"""Forms of the inspection screens; each date is typed, never taken from the clock alone."""

from __future__ import annotations

from django import forms

from gongkai.agencies.models import Agency
from gongkai.date_input import DATE_INPUT
from gongkai.inspection.models import RectificationTicket
from gongkai.rules.site_inspection import ColumnKind


class RunForm(forms.Form):
    today = forms.DateField(label="巡检日期", widget=DATE_INPUT)
    include_portal = forms.BooleanField(label="包括本平台门户", required=False, initial=True)
    max_pages = forms.IntegerField(label="页面预算", min_value=1, max_value=200000, initial=2000)


class SendTicketForm(forms.Form):
    sent_on = forms.DateField(label="下发日期", widget=DATE_INPUT)
    note = forms.CharField(
        label="整改要求", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StrikeForm(forms.Form):
    reason = forms.CharField(label="核减理由", widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="答复类型", choices=RectificationTicket.Answer.choices, widget=forms.RadioSelect
    )
    answer_text = forms.CharField(
        label="答复内容", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    answered_on = forms.DateField(label="答复日期", widget=DATE_INPUT)


class SiteForm(forms.Form):
    url = forms.URLField(label="网址", max_length=500, assume_scheme="https")
    name = forms.CharField(label="网站名称", max_length=200)
    agency = forms.ModelChoiceField(label="主办机构", queryset=Agency.objects.all(), required=False)
    check_external = forms.BooleanField(label="检查外部链接", required=False)


class ColumnsForm(forms.Form):
    file = forms.FileField(label="栏目清单CSV（url,name,kind）")


class ColumnForm(forms.Form):
    url = forms.CharField(label="栏目网址", max_length=1000)
    name = forms.CharField(label="栏目名称", max_length=200)
    kind = forms.ChoiceField(label="栏目类别", choices=[(k.value, k.value) for k in ColumnKind])


class PeriodForm(forms.Form):
    name = forms.CharField(label="名称", max_length=200)
    starts_on = forms.DateField(label="开始日期", widget=DATE_INPUT)
    ends_on = forms.DateField(label="结束日期", widget=DATE_INPUT)
