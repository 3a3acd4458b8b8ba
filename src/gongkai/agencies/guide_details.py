"""The agency's own screen for its 政府信息公开工作机构 and remedy bodies (指南资料).

What its disclosure guide lists under 政府信息公开工作机构 (Art. 12) and 监督和救济
(Art. 51), and what its answer letters name: kept by the agency's administrator and its
disclosure office. The screen collects the fields; :func:`do_update_guide_details`
checks the user's role in that agency and audits the change. Another agency's screen
answers 404, as does any agency for the operator.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_with_role
from gongkai.agencies.services import GUIDE_EDITORS, GUIDE_FIELDS, do_update_guide_details
from gongkai.form_errors import add_service_errors


class GuideDetailsForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = list(GUIDE_FIELDS)
        help_texts = {
            "office_name": "例如：武汉市硚口区教育局办公室。",
            "office_hours": "例如：工作日上午9:00—12:00，下午14:00—17:30。",
            "office_email": "公众可通过电子邮件联系（条例第十二条“互联网联系方式”）。",
            "reconsideration_body": "申请人对答复不服时申请行政复议的机关，例如本级人民政府。",
            "court": "申请人提起行政诉讼的管辖人民法院。",
        }


def guide_agency_ids(user: Any) -> set[int]:
    """The agencies whose guide details ``user`` keeps: as administrator or disclosure office."""
    return set().union(*(agency_ids_with_role(user, role) for role in GUIDE_EDITORS))


def guide_details_index(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.filter(pk__in=guide_agency_ids(request.user)).order_by("code")
    if not agencies:
        raise PermissionDenied("只有机构管理员或政府信息公开工作机构人员可以维护本机构的指南资料。")
    if len(agencies) == 1:
        return redirect("agencies_guide_details", agencies[0].pk)
    return TemplateResponse(request, "agencies/guide_details_index.html", {"agencies": agencies})


def guide_details(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.filter(pk__in=guide_agency_ids(request.user)), pk=pk)
    form = GuideDetailsForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_guide_details(
                agency=agency, **{name: form.cleaned_data[name] for name in form.changed_data}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已保存“{agency.name}”的指南资料。")
            return redirect("agencies_guide_details", agency.pk)
    agency.refresh_from_db()
    return TemplateResponse(
        request, "agencies/guide_details.html", {"agency": agency, "form": form}
    )
