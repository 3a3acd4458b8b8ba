"""One small form per legal step; each maps onto one service function."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.names import staff_choice_label, staff_name
from gongkai.applications.models import (
    Appeal,
    Application,
    Channel,
    DeliveryMethod,
    IdentityKind,
    InformationForm,
)
from gongkai.applications.selectors import extension_approvers
from gongkai.date_input import DATE_INPUT
from gongkai.rules.clock import EXTENSION_MAX_DAYS
from gongkai.rules.fees import FeeBasis
from gongkai.rules.outcomes import AnswerType, ApplicantCategory, outcome_for

DATE = {"widget": DATE_INPUT}


def _today() -> Any:
    return timezone.localdate()


class OnForm(forms.Form):
    on = forms.DateField(label="日期", initial=_today, **DATE)


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label="承办人", queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = Membership.objects.filter(agency=application.agency).values_list("user", flat=True)
        self.fields["handler"].queryset = get_user_model().objects.filter(
            pk__in=staff, is_active=True
        )


class TransferForm(forms.Form):
    to_agency = forms.ModelChoiceField(label="转至机构", queryset=Agency.objects.active())
    reason = forms.CharField(label="转办理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = Agency.objects.active().exclude(
            pk=application.agency_id
        )


class SupplementForm(OnForm):
    due = forms.DateField(label="补正期限", **DATE)
    items = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}))


class ConsultationForm(OnForm):
    party = forms.CharField(label="被征求意见方", max_length=100)
    co_agency = forms.BooleanField(label="共同制作机关（第三十四条）", required=False)


class ConsultationAnswerForm(OnForm):
    party = forms.CharField(label="答复方", max_length=100)
    opinion = forms.CharField(label="意见摘要", required=False, max_length=300)


class ExtensionForm(OnForm):
    days = forms.IntegerField(
        label="延长工作日数", min_value=1, max_value=EXTENSION_MAX_DAYS, initial=20
    )
    approved_by = forms.ModelChoiceField(
        label="批准人（负责人）",
        queryset=get_user_model().objects.none(),
        empty_label="请选择批准延期的负责人",
        error_messages={"invalid_choice": "请从本机构的负责人中选择批准人。"},
    )
    reason = forms.CharField(label="延期理由", max_length=200)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["approved_by"]
        field.queryset = extension_approvers(application.agency)
        field.label_from_instance = staff_choice_label

    def clean_approved_by(self) -> str:
        """The clock event and the letters record the approver by name."""
        return staff_name(self.cleaned_data["approved_by"])


class DelayForm(OnForm):
    due = forms.DateField(label="延迟答复期限", **DATE)
    reason = forms.CharField(label="理由", max_length=200)


class FeeForm(OnForm):
    basis = forms.ChoiceField(label="收费方式", choices=[(b.value, b.label) for b in FeeBasis])
    pages = forms.IntegerField(label="页数（按量计收时填写）", min_value=0, initial=0)


class AnswerForm(OnForm):
    answer_type = forms.ChoiceField(label="答复类型")
    detail = forms.CharField(
        label="答复内容（获取方式、理由等）",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    repeat_of = forms.ModelChoiceField(
        label="重复申请所指前次申请", queryset=Application.objects.none(), required=False
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        from gongkai.applications.services.handling import earlier_answers_for_same_applicant

        super().__init__(*args, **kwargs)
        self.fields["answer_type"].choices = [
            (a.value, f"{a.label} → {outcome_for(a).ledger_text}")
            for a in AnswerType
            if a not in {AnswerType.SUPPLEMENT_OVERDUE, AnswerType.FEE_UNPAID}
        ]
        self.fields["repeat_of"].queryset = earlier_answers_for_same_applicant(application)


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Appeal.Kind.choices)
    body = forms.CharField(label="复议机关/受理法院", max_length=100)
    filed_on = forms.DateField(label="申请/起诉日期", **DATE)
    result = forms.ChoiceField(label="结果", choices=Appeal.Result.choices, initial="pending")
    decided_on = forms.DateField(label="审结日期", required=False, **DATE)


class RegisterForm(forms.Form):
    """Staff entering an application that arrived in person, by post or by fax."""

    channel = forms.ChoiceField(
        label="提交方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_on = forms.DateField(
        label="收到申请之日（当面：提交之日；邮寄：签收之日）", required=False, **DATE
    )
    category = forms.ChoiceField(
        label="申请人类型", choices=[(c.value, c.label) for c in ApplicantCategory]
    )
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    identity_kind = forms.ChoiceField(label="身份证明类型", choices=IdentityKind.choices)
    identity_number = forms.CharField(label="证件号码", max_length=40)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postal_code = forms.CharField(label="邮政编码", max_length=6, required=False)
    description = forms.CharField(label="所需信息的名称或特征描述", widget=forms.Textarea)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    information_form = forms.ChoiceField(label="指定提供形式", choices=InformationForm.choices)
    delivery_method = forms.ChoiceField(label="获取方式", choices=DeliveryMethod.choices)
