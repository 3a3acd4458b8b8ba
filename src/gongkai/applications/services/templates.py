"""Agencies' own wording for letters."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.letters.render import PLACEHOLDERS, placeholder_names
from gongkai.applications.models import LetterTemplate
from gongkai.audit.services import diff, record, snapshot


def check_placeholders(body: str) -> None:
    """Refuse a template with a placeholder that is not plain, or that nothing fills."""
    try:
        names = set(placeholder_names(body))
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from None
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        allowed = "、".join(f"{{{n}}}" for n in sorted(PLACEHOLDERS))
        raise ValidationError(
            {"body": f"未知的占位符：{'、'.join(unknown)}。可用的占位符有：{allowed}"}
        )


def do_save_letter_template(
    *, agency: Agency | None, kind: str, title: str, body: str
) -> LetterTemplate:
    """Create or replace an agency's (or, for the operator, the platform's) wording."""
    from gongkai.agencies.services import require_role

    if agency is None:
        from gongkai.agencies.services import require_operator

        require_operator()
    else:
        require_role(agency, {"agency_admin", "disclosure_officer"})
    kind = LetterKind(kind)
    if not title.strip() or not body.strip():
        raise ValidationError("标题和正文都不能为空。")
    check_placeholders(body)
    with transaction.atomic():
        template, created = LetterTemplate.objects.select_for_update().get_or_create(
            agency=agency, kind=kind, defaults={"title": title, "body": body}
        )
        before = {} if created else snapshot(template, ("title", "body"))
        template.title, template.body = title.strip(), body.strip()
        template.save()
        record(
            action="letter_template.save",
            summary=f"{'新建' if created else '修改'}文书模板：{kind.label}"
            f"（{agency.name if agency else '平台默认'}）",
            obj=template,
            agency=agency,
            changes=diff(before, snapshot(template, ("title", "body"))),
        )
    return template
