"""Helpers every ``gongkai`` subcommand shares, in a leaf module each command module
imports at the top (as sentry's ``runner/decorators.py``): the entry point registers the
command groups, so the groups must not import private names back from it.

Django is set up only when a command runs (``setup_django``), never at import, so
``gongkai --help`` works without a database.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any

import click


def setup_django(*, needs_database: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    if needs_database:
        require_migrated()


def require_migrated() -> None:
    """Refuse to run on a database that ``gongkai init`` has not prepared."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        fail("数据库尚未初始化或需要迁移，请先运行 gongkai init。")


def fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(1)


def acting_as(username: str | None) -> Any:
    """Audit context for the CLI; ``--as USER`` also applies that user's permissions.

    Without ``--as`` the command is the server's own shell and acts as the system; this
    and the background jobs are the only places the system actor is set.
    """
    from django.contrib.auth import get_user_model

    from gongkai.audit.context import SYSTEM, acting

    actor: Any = SYSTEM
    if username:
        actor = get_user_model().objects.filter(username=username, is_active=True).first()
        if actor is None:
            fail(f"找不到启用的账号“{username}”。")
    return acting(actor=actor, channel="cli")


def parse_date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"“{value}”不是有效日期，应写作YYYY-MM-DD。", param_hint=option
        ) from None


def error_text(error: Exception) -> str:
    from django.core.exceptions import ValidationError

    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error)
