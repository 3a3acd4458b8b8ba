"""What an applicant chooses and types on the public side (条例 Art. 29).

Field names are the service's ``APPLICANT_FIELDS``, so a ``ValidationError`` raised by
:func:`~gongkai.applications.services.intake.do_submit_online_application` lands on the
field the applicant has to correct. Checks that only the form can make (which fields an
organisation needs, what a chosen delivery method needs) live here; the identity
checksums are the service's, called early so every mistake is reported in one round.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.applications.identity import QUERY_CODE_LENGTH, clean_identity
from gongkai.applications.models import (
    PERSON_IDENTITY_KINDS,
    DeliveryMethod,
    IdentityKind,
    InformationForm,
)
from gongkai.applications.public import challenge
from gongkai.applications.services.intake import APPLICANT_FIELDS, art29_problems
from gongkai.applications.uploads import ACCEPTED_TEXT, ScreenedFile, screen_upload
from gongkai.rules.identifiers import phone_problem, postcode_problem
from gongkai.rules.outcomes import ApplicantCategory

# ---------------------------------------------------------------------------------------
# Choosing the agency
# ---------------------------------------------------------------------------------------


@dataclass
class AgencyNode:
    """One agency in the chooser; inactive ones only appear to hold active ones below."""

    code: str
    name: str
    active: bool
    children: list[AgencyNode] = field(default_factory=list)


def agency_choices() -> list[AgencyNode]:
    """The district tree of agencies that accept applications, one group per root.

    Applicants look for "the bureau under the district government", so the list keeps
    the tree rather than an alphabetical list. A deactivated agency that still has
    active agencies below it stays as an unlinked heading; branches with nothing active
    are dropped.
    """
    nodes: dict[int, AgencyNode] = {}
    parents: dict[int, int | None] = {}
    for agency in Agency.objects.only("pk", "code", "name", "is_active", "parent_id"):
        nodes[agency.pk] = AgencyNode(code=agency.code, name=agency.name, active=agency.is_active)
        parents[agency.pk] = agency.parent_id
    roots: list[AgencyNode] = []
    for pk, node in nodes.items():  # Agency.Meta.ordering (code) keeps siblings in order
        parent = parents[pk]
        (nodes[parent].children if parent in nodes else roots).append(node)

    def prune(branch: list[AgencyNode]) -> list[AgencyNode]:
        kept = []
        for node in branch:
            node.children = prune(node.children)
            if node.active or node.children:
                kept.append(node)
        return kept

    return prune(roots)


# ---------------------------------------------------------------------------------------
# The application (Art. 29)
# ---------------------------------------------------------------------------------------

DESCRIPTION_MAX = 2000
TOKEN_SALT = "gongkai.applications.submission"
TOKEN_MAX_AGE = 2 * 24 * 3600  # a form left open over a weekend night still submits


def new_submission_token() -> str:
    """A random nonce signed by this server: the only tokens an application accepts."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(secrets.token_urlsafe(16))


def _required(what: str, verb: str = "填写") -> dict[str, str]:
    """Django's own "这个字段是必填项。" does not say which field; ours does."""
    return {"required": f"请{verb}{what}。"}


def _text(label: str, max_length: int, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    """A text field whose messages name it (``what``, when the label is too long to)."""
    what = kwargs.pop("what", label)
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            **_required(what),
            "max_length": f"{what}不能超过{max_length}个字符（现为%(show_value)d个）。",
        },
        **kwargs,
    )


def _radio(label: str, choices: Any) -> forms.ChoiceField:
    """A radio group: every option visible at once, no JavaScript needed."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            **_required(label, "选择"),
            "invalid_choice": f"请从列出的选项中选择{label}。",
        },
    )


class DescribedForm(forms.Form):
    """Ties every control to its hint and error message, and lists errors for a summary.

    Screen-reader users hear a field's hint and, after a failed submit, its error when
    they reach it (aria-describedby); the summary at the top links to each control.
    """

    HINTS: dict[str, str] = {}
    # Controls rendered as a radio group in a fieldset: the fieldset is described, and
    # summary links go to the first option.
    RADIO_GROUPS: tuple[str, ...] = ()

    def ask_challenge(self) -> None:
        """Require a solved challenge (see :mod:`~gongkai.applications.public.challenge`)."""
        self.fields[challenge.FIELD] = challenge.challenge_field()
        self.describe_all()

    def hint(self, name: str) -> str:
        return challenge.HINT if name == challenge.FIELD else self.HINTS.get(name, "")

    def hint_id(self, name: str) -> str:
        return f"{self[name].auto_id}_hint"

    def error_id(self, name: str) -> str:
        return f"{self[name].auto_id}_error"

    def described_by(self, name: str) -> str:
        ids = []
        if self.hint(name):
            ids.append(self.hint_id(name))
        if self._errors and name in self._errors:
            ids.append(self.error_id(name))
        return " ".join(ids)

    def describe_all(self) -> None:
        for name, form_field in self.fields.items():
            if name in self.RADIO_GROUPS:
                continue
            ids = self.described_by(name)
            if ids:
                form_field.widget.attrs["aria-describedby"] = ids
            else:
                form_field.widget.attrs.pop("aria-describedby", None)

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        self.describe_all()

    @property
    def ui(self) -> dict[str, dict[str, str]]:
        """Per field, the hint and the ids the template needs (templates cannot pass args)."""
        return {
            name: {
                "hint": self.hint(name),
                "hint_id": self.hint_id(name),
                "error_id": self.error_id(name),
                "described_by": self.described_by(name),
            }
            for name in self.fields
        }

    def anchor(self, name: str) -> str:
        """Where an error summary link takes the applicant: the control itself."""
        bound = self[name]
        return f"{bound.auto_id}_0" if name in self.RADIO_GROUPS else bound.auto_id

    def error_summary(self) -> list[tuple[str | None, str]]:
        """(anchor id or None, message) in page order; every message names its field."""
        items: list[tuple[str | None, str]] = [(None, str(e)) for e in self.non_field_errors()]
        for name in self.fields:
            items.extend((self.anchor(name), str(message)) for message in self.errors.get(name, []))
        return items


class ApplicationForm(DescribedForm):
    """The online application (条例 Art. 29 (一)–(三)) plus the applicant's declaration."""

    category = _radio("申请人类型", [(c.value, c.label) for c in ApplicantCategory])
    applicant_name = _text("姓名或名称", 100, what="申请人姓名或名称")
    identity_kind = forms.ChoiceField(
        label="证件类型",
        choices=[(kind.value, kind.label) for kind in PERSON_IDENTITY_KINDS],
        required=False,
        initial=IdentityKind.RESIDENT_ID,
        error_messages={"invalid_choice": "请从列出的证件类型中选择。"},
    )
    identity_number = _text("身份证明号码", 40, what="身份证明号码（证件号码或统一社会信用代码）")
    identity_proof = forms.FileField(
        label="身份证明文件",
        required=False,
        error_messages={
            "invalid": "上传的身份证明文件无效，请重新选择。",
            "empty": "上传的身份证明文件是空文件，请重新选择。",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    contact_person = _text("联系人", 50, required=False)
    phone = _text("联系电话", 30, required=False)
    email = forms.EmailField(
        label="电子邮箱",
        max_length=254,
        required=False,
        error_messages={
            "invalid": "电子邮箱格式不正确，请检查（例如 name@example.com）。",
            "max_length": "电子邮箱不能超过254个字符。",
        },
    )
    address = _text("通信地址", 200, required=False)
    postal_code = _text("邮政编码", 6, required=False)
    description = _text(
        "所需政府信息的名称、文号或者便于查询的其他特征性描述",
        DESCRIPTION_MAX,
        what="所需政府信息的描述",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    document_number = _text("文号", 100, required=False)
    information_form = _radio("信息的指定提供形式", InformationForm.choices)
    delivery_method = _radio("获取信息的方式", DeliveryMethod.choices)
    # Makes a resubmission (double click, retry after a lost response) return the first
    # application instead of filing a second one; see submission_key().
    submission_token = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    declaration = forms.BooleanField(
        label="我确认以上填写的内容真实、准确，并知悉网上提交的申请以政府信息公开工作机构"
        "与我确认之日为收到申请之日。",
        error_messages={"required": "请阅读并勾选声明后再提交。"},
    )

    # Shown under each label and read out with the field (aria-describedby).
    HINTS = {
        "category": "自然人以个人名义申请；法人或其他组织以单位名义申请，请选择所属类别。",
        "applicant_name": "自然人填写姓名；法人或其他组织填写全称，与营业执照或登记证书一致。",
        "identity_kind": "自然人选择所持证件：居民身份证、护照、港澳居民来往内地通行证、"
        "台湾居民来往大陆通行证或外国人永久居留身份证。",
        "identity_number": "自然人填写所选证件的号码；法人或其他组织填写18位统一社会信用代码。",
        "contact_person": "法人或其他组织必填：负责本申请、接收通知的联系人姓名。",
        "phone": "手机或固定电话。工作人员将通过您留下的联系方式与您确认收到申请。",
        "email": "指定以电子邮件提供或获取信息的，必须填写。",
        "address": "选择邮寄的，必须填写。",
        "postal_code": "6位数字。",
        "description": "请写明所需政府信息的名称、文号，或者便于行政机关查询的其他特征性描述，"
        "如制作机关、大致时间、涉及的事项。",
        "document_number": "选填。知道文号的，填写文号可以加快查找。",
        "information_form": "您希望以什么形式获得信息。",
        "delivery_method": "您希望通过什么方式取得信息。",
    }
    INPUT_ATTRS = {
        "applicant_name": {"autocomplete": "name"},
        "identity_number": {
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
        },
        "contact_person": {"autocomplete": "name"},
        "phone": {"autocomplete": "tel", "inputmode": "tel"},
        "email": {"autocomplete": "email"},
        "address": {"autocomplete": "street-address"},
        "postal_code": {"autocomplete": "postal-code", "inputmode": "numeric"},
    }
    ORGANISATION_ONLY = ("contact_person",)
    PERSON_ONLY = ("identity_kind",)
    RADIO_GROUPS = ("category", "information_form", "delivery_method")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", new_submission_token())
        self.HINTS = {
            **self.HINTS,
            "identity_proof": "选填。证件照片或扫描件（法人或其他组织可上传营业执照等），"
            f"{ACCEPTED_TEXT}格式，不超过{settings.GONGKAI_APPLICANT_UPLOAD_MAX_MB}MB。"
            "仅受理机构的政府信息公开工作人员可以查看。",
        }
        # Let browsers fill in what they know (WCAG 1.3.5) and show fitting keyboards.
        for name, attrs in self.INPUT_ATTRS.items():
            self.fields[name].widget.attrs.update(attrs)
        self.describe_all()

    # --- validation ------------------------------------------------------------------

    def clean_phone(self) -> str:
        """Loose on purpose: landlines with area codes and extensions must pass."""
        phone = self.cleaned_data["phone"].strip()
        problem = phone_problem(phone) if phone else None
        if problem:
            raise ValidationError(problem)
        return phone

    def clean_identity_proof(self) -> ScreenedFile | None:
        """Size, kind by first bytes, readable: see :mod:`gongkai.applications.uploads`."""
        upload = self.cleaned_data.get("identity_proof")
        return screen_upload(upload, what="身份证明文件") if upload else None

    def clean_postal_code(self) -> str:
        code = self.cleaned_data["postal_code"].strip()
        problem = postcode_problem(code) if code else None
        if problem:
            raise ValidationError(problem)
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        category = data.get("category")
        organisation = bool(category) and ApplicantCategory(category).is_organisation
        if category and data.get("identity_number"):
            try:
                _, data["identity_number"] = clean_identity(
                    category=category,
                    kind="" if organisation else data.get("identity_kind") or "",
                    number=data["identity_number"],
                )
            except ValidationError as error:
                self.add_service_errors(error)
        # Art. 29's contents, as the intake service checks them on every channel; a
        # field that already has an error (a malformed e-mail, say) keeps that one.
        contact_fields = {"phone", "email", "address"}
        for name, message in art29_problems(data).items():
            if name in self.errors or (name == "phone" and contact_fields & set(self.errors)):
                continue
            self.add_error(name, message)
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they are about (else at the top)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            target = "identity_number" if key == "identity_kind" else key
            self.add_error(target if target in self.fields else None, errors)

    def submission_key(self, *, submitter: str, agency: Agency) -> str | None:
        """The idempotency key of this filing, or None if the page's token is not ours.

        The token must be one this server signed (a made-up string reaches nothing); the
        key also binds the browser (its ``submitter`` cookie) and everything typed, so
        only the same browser posting the same form again finds the first application.
        """
        try:
            nonce = signing.TimestampSigner(salt=TOKEN_SALT).unsign(
                self.cleaned_data.get("submission_token", ""), max_age=TOKEN_MAX_AGE
            )
        except signing.BadSignature:
            return None
        if not submitter:
            return None
        content = json.dumps(self.applicant_fields(), sort_keys=True, ensure_ascii=False)
        bound = f"{nonce}\n{submitter}\n{agency.pk}\n{content}"
        return hashlib.sha256(bound.encode()).hexdigest()

    def replace_token(self) -> None:
        """A fresh token in the re-rendered page, after the old one was refused."""
        self.data = self.data.copy()
        self.data["submission_token"] = new_submission_token()

    def applicant_fields(self) -> dict[str, Any]:
        """The cleaned data as the intake service takes it."""
        data = self.cleaned_data
        organisation = ApplicantCategory(data["category"]).is_organisation
        fields = {name: data.get(name, "") for name in APPLICANT_FIELDS}
        # For organisations the service picks 统一社会信用代码; persons chose their document.
        fields["identity_kind"] = "" if organisation else data.get("identity_kind") or ""
        for name in self.ORGANISATION_ONLY:
            if not organisation:
                fields[name] = ""
        return {
            key: value.strip() if isinstance(value, str) else value for key, value in fields.items()
        }

    # --- rendering -------------------------------------------------------------------

    def category_person(self) -> Any:
        return self["category"].subwidgets[0]

    def category_organisations(self) -> list[Any]:
        return list(self["category"].subwidgets[1:])


# ---------------------------------------------------------------------------------------
# Tracking an application
# ---------------------------------------------------------------------------------------


class TrackForm(DescribedForm):
    """Receipt number and query code; posted, so the code never lands in a URL or a log."""

    receipt_number = forms.CharField(
        label="申请编号",
        max_length=60,
        error_messages={"required": "请填写申请编号。", "max_length": "申请编号过长，请检查。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    query_code = forms.CharField(
        label="查询码",
        max_length=40,
        error_messages={"required": "请填写查询码。", "max_length": "查询码过长，请检查。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    HINTS = {
        "receipt_number": "提交申请后回执上的编号，以“YSQ”开头。",
        "query_code": f"提交申请时显示的{QUERY_CODE_LENGTH}位查询码，不区分大小写。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe_all()


# ---------------------------------------------------------------------------------------
# Sending the supplement (补正) on the status page
# ---------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one control; each is checked like a single one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class SupplementForm(DescribedForm):
    """The supplement material the agency asked for (条例 Art. 30), with a short note."""

    files = MultipleFileField(
        label="补正材料",
        required=False,
        error_messages={"invalid": "上传的文件无效，请重新选择。", "empty": "上传的文件是空文件。"},
    )
    note = _text(
        "补正说明",
        500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.HINTS = {
            "files": f"可选择多个文件，{ACCEPTED_TEXT}格式，每个不超过"
            f"{settings.GONGKAI_APPLICANT_UPLOAD_MAX_MB}MB。",
            "note": "选填。对补正内容的说明，如更正后的信息名称、文号或时间范围。",
        }
        self.describe_all()

    def clean_files(self) -> list[ScreenedFile]:
        uploads = self.cleaned_data.get("files") or []
        if not uploads:
            raise ValidationError("请选择要上传的补正材料（PDF、JPG或PNG文件）。")
        from gongkai.applications.services.applicant_files import SUPPLEMENT_MAX_FILES

        if len(uploads) > SUPPLEMENT_MAX_FILES:
            raise ValidationError(f"一次最多上传{SUPPLEMENT_MAX_FILES}个文件。")
        return [screen_upload(upload, what="补正材料") for upload in uploads]
