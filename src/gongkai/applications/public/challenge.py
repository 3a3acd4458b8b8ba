"""The challenge a public form asks for once its address or receipt number is busy.

A small sum drawn as an image by django-simple-captcha on this server (Pillow, a bundled
font, no outside service, no JavaScript): cheap for a person, a cost for a script that
files thousands of applications or spreads code guesses over many addresses. Each
challenge is answered once (right or wrong) and expires after ``CAPTCHA_TIMEOUT``.
"""

from __future__ import annotations

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms

FIELD = "challenge"
LABEL = "验证：请计算图中算式的结果"
HINT = "为防止滥用，本次提交需要完成验证。请输入图中算式的计算结果（阿拉伯数字）。"
WRONG = "验证答案不正确或已过期，请计算新显示的算式后重新填写。"


class ChallengeInput(CaptchaTextInput):
    """The library's widget with a Chinese text alternative and a numeric keyboard."""

    template_name = "applications/public/_challenge_widget.html"


def challenge_field() -> forms.Field:
    return CaptchaField(
        label=LABEL,
        widget=ChallengeInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "请填写验证答案。", "invalid": WRONG},
    )


def solved(form: forms.Form) -> bool:
    """Whether ``form`` asked for a challenge and it was answered right (after ``is_valid``)."""
    return FIELD in form.fields and FIELD in getattr(form, "cleaned_data", {})
