"""三员分立 (separation of duties, 等保2.0 三级): which platform administrator does what.

* The **system administrator** is the operator role (平台运营方): it configures the
  platform and manages agencies and staff, as it always did.
* The **security administrator** (安全管理员) looks after accounts' security: lockouts,
  second-factor resets and the password policy, on every account.
* The **audit administrator** (审计管理员) reads and exports the whole audit log and
  verifies its hash chain; everything else it may only read, and it reads no case file.

None of them can alter or delete an audit entry (nobody can). In separated mode (the
default) the operator no longer reads the whole audit log nor lifts lockouts; no person
holds two of the three; the security and audit administrators hold no agency role; and
the three roles are granted and revoked only from the server's shell (``gongkai staff``
without ``--as``), so none of them can make themselves another. A small deployment with a
single operator sets ``GONGKAI_SEPARATION_OF_DUTIES=false``: the operator then does all
three, and grants the platform roles in the admin as before.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from gongkai.agencies.models import AGENCY_ROLES, PLATFORM_ROLES, Role
from gongkai.agencies.selectors import administered_agency_ids, is_operator, roles_of_user


def separated() -> bool:
    return bool(settings.GONGKAI_SEPARATION_OF_DUTIES)


def is_security_admin(user: Any) -> bool:
    return Role.SECURITY_ADMIN in roles_of_user(user)


def is_audit_admin(user: Any) -> bool:
    return Role.AUDIT_ADMIN in roles_of_user(user)


def looks_after_every_account(user: Any) -> bool:
    """Lockouts, second factor and password policy of every account."""
    return is_security_admin(user) or (not separated() and is_operator(user))


def reads_whole_audit_log(user: Any) -> bool:
    return is_audit_admin(user) or (not separated() and is_operator(user))


def reads_platform(user: Any) -> bool:
    """Read-only sight of the platform's configuration: agencies, staff roles, jobs."""
    return is_operator(user) or is_audit_admin(user) or is_security_admin(user)


def grantable_roles(user: Any) -> list[Role]:
    """The roles ``user`` may grant in the admin: an agency's roles where they administer
    one; the platform's only in single-operator mode (otherwise from the shell)."""
    roles = list(AGENCY_ROLES) if administered_agency_ids(user) else []
    if not separated() and is_operator(user):
        roles += [role for role in Role if role in PLATFORM_ROLES]
    return roles


# Held alone: whoever audits or guards the others does no other work on the platform.
EXCLUSIVE_ROLES = frozenset({Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


def conflict(held: set[str], role: str) -> str | None:
    """Why ``role`` may not join the roles ``held`` under 三员分立, or ``None``."""
    if not separated() or role in held:
        return None
    if role in PLATFORM_ROLES and held & PLATFORM_ROLES:
        return "三员分立：同一人不能兼任系统管理员（平台运营方）、安全管理员、审计管理员中的两个。"
    if held & EXCLUSIVE_ROLES or (role in EXCLUSIVE_ROLES and held):
        return "三员分立：安全管理员和审计管理员不兼任其他任何角色。"
    return None
