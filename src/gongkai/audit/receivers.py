"""Audit entries for changes that do not pass through our service functions.

Logins happen in Django's auth views and user accounts can be edited in
Wagtail's user screens; signals catch those so the log stays complete.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from gongkai.audit.context import acting
from gongkai.audit.services import ObjectRef, diff, record, snapshot

User = get_user_model()
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_superuser")


def _agency_of(user: Any) -> Any:
    from gongkai.agencies.selectors import primary_agency

    return primary_agency(user) if user is not None and user.pk else None


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with acting(actor=user):
        record(action="auth.login", summary="登录后台", obj=user, agency=_agency_of(user))


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        with acting(actor=user):
            record(action="auth.logout", summary="退出后台", obj=user, agency=_agency_of(user))


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = User.objects.filter(username=username).first()
    record(
        action="auth.login_failed",
        summary=f"登录失败：账号“{username}”",
        obj=user,
        agency=_agency_of(user),
        changes={"username": username},
    )


@receiver(pre_save, sender=User)
def _user_before(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.pk and not kwargs.get("raw"):
        old = User.objects.filter(pk=instance.pk).first()
        if old is not None:
            instance._audit_before = snapshot(old, USER_FIELDS)
            instance._audit_password_changed = old.password != instance.password


@receiver(post_save, sender=User)
def _user_after(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if created or kwargs.get("raw"):
        return  # creation is recorded by the service that created the account
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    before = getattr(instance, "_audit_before", None)
    if before is None:
        return
    changes = diff(before, snapshot(instance, USER_FIELDS))
    if getattr(instance, "_audit_password_changed", False):
        changes["password"] = ["（已隐去）", "（已更改）"]
    if changes:
        record(
            action="user.update",
            summary=f"修改人员账号“{instance.get_username()}”：{'、'.join(changes)}",
            obj=instance,
            agency=_agency_of(instance),
            changes=changes,
        )


@receiver(m2m_changed, sender=User.groups.through)
def _user_groups(sender: Any, instance: Any, action: str, pk_set: Any, **kwargs: Any) -> None:
    if action not in {"post_add", "post_remove"} or not pk_set or not isinstance(instance, User):
        return
    from django.contrib.auth.models import Group

    names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    verb = "加入" if action == "post_add" else "移出"
    record(
        action=f"user.groups.{action[5:]}",
        summary=f"人员“{instance.get_username()}”{verb}权限组：{'、'.join(names)}",
        obj=instance,
        agency=_agency_of(instance),
        changes={"groups": names},
    )


# Apps whose writes already go through service functions that audit them.
_SELF_AUDITED = {"agencies", "audit", "workcalendar", "jobs"}


def _agency_of_log(instance: Any) -> Any:
    """The agency whose branch holds the logged page (or whose collection the document).

    Wagtail's entries know no agency; without one the agency administrator, who sees
    only the agency's entries, would never see who created, submitted, approved,
    rejected or published its pages.
    """
    from wagtail.models import Page

    from gongkai.agencies.models import Agency
    from gongkai.disclosure.models.tree import AgencyCataloguePage

    page_id = getattr(instance, "page_id", None)
    if page_id is None:
        return _agency_of_document(instance)
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    agency_id = (
        AgencyCataloguePage.objects.ancestor_of(page, inclusive=True)
        .values_list("agency_id", flat=True)
        .first()
    )
    return Agency.objects.filter(pk=agency_id).first() if agency_id else None


def _agency_of_document(instance: Any) -> Any:
    """A document's entries belong to the agency whose collection holds it."""
    from wagtail.documents import get_document_model

    from gongkai.disclosure.permissions import agency_of_collection

    Document = get_document_model()
    content_type = instance.content_type
    if content_type is None or content_type.model_class() is not Document:
        return None
    document = Document.objects.filter(pk=instance.object_id).select_related("collection").first()
    return agency_of_collection(document.collection) if document is not None else None


def _mirror_wagtail_log(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Copy Wagtail's own log entries (pages, images, documents…) into ours.

    Wagtail records its editors' actions in its own tables; mirroring them keeps
    one log a supervisor can read and export, with the request's origin added and
    the page's agency, so each agency's administrator sees its own review chain.
    """
    if not created or kwargs.get("raw"):
        return
    content_type = instance.content_type
    if content_type is not None and content_type.app_label in _SELF_AUDITED:
        return
    record(
        action=f"wagtail:{instance.action}"[:64],
        summary=f"{instance.message}：{instance.label}",
        obj=ObjectRef(
            type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
            id=str(getattr(instance, "object_id", None) or getattr(instance, "page_id", "")),
            repr=instance.label[:300],
        ),
        agency=_agency_of_log(instance),
        changes={"wagtail_log_id": instance.pk, "data": instance.data},
        actor=instance.user,
    )


def _connect_wagtail_logs() -> None:
    from wagtail.models import ModelLogEntry, PageLogEntry

    for model in (ModelLogEntry, PageLogEntry):
        post_save.connect(
            _mirror_wagtail_log, sender=model, dispatch_uid=f"mirror_{model.__name__}"
        )


_connect_wagtail_logs()
