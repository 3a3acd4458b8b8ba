"""How staff are named on screens: by the name colleagues know, not the login name.

The login name (qzfb_first) is for signing in and for the audit log's 操作人账号; every
other screen shows the person's name, falling back to the login name only for an
account created without one.
"""

from __future__ import annotations

from typing import Any

NOBODY = "系统"


def staff_name(user: Any) -> str:
    if user is None:
        return NOBODY
    return user.get_full_name() or user.get_username()


def staff_choice_label(user: Any) -> str:
    """In a list to pick someone from: the name, and the login name to tell namesakes apart."""
    name = user.get_full_name()
    return f"{name}（{user.get_username()}）" if name else user.get_username()
