"""The ``gongkai`` command: the one entry point for operators.

Each subcommand is a thin shell over service functions and selectors; the
Django management commands stay reachable through ``gongkai manage``.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from gongkai.applications.ledger_cli import applications
from gongkai.disclosure.cli import catalogue
from gongkai.inspection.cli import inspect
from gongkai.reports.audit.cli import report_audit
from gongkai.reports.build_cli import report_build
from gongkai.reports.rollup_cli import rollup
from gongkai.screening_cli import screen
from gongkai.search.cli import search

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _setup(*, needs_database: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    if needs_database:
        _require_migrated()


def _require_migrated() -> None:
    """Refuse to run on a database that ``gongkai init`` has not prepared."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        _fail("数据库尚未初始化或需要迁移，请先运行 gongkai init。")


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(1)


def _acting_as(username: str | None) -> Any:
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
            _fail(f"找不到启用的账号“{username}”。")
    return acting(actor=actor, channel="cli")


def _parse_date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"“{value}”不是有效日期，应写作YYYY-MM-DD。", param_hint=option
        ) from None


def _errors(error: Exception) -> str:
    from django.core.exceptions import ValidationError

    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="gongkai")
def main() -> None:
    """gongkai 政府信息公开平台 · government information disclosure platform."""


main.add_command(applications)
main.add_command(catalogue)
main.add_command(inspect)
main.add_command(screen)
main.add_command(search)

# --- system ---------------------------------------------------------------


@main.command()
def init() -> None:
    """初始化或迁移数据库（可重复执行） · Create or migrate the database (idempotent)."""
    _setup(needs_database=False)
    from django.core.management import call_command

    from gongkai.portal.setup import ensure_site
    from gongkai.workcalendar.services import seed_bundled_schedules

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with _acting_as(None):
        added = seed_bundled_schedules()
        ensure_site()
    from django.conf import settings

    click.echo(f"数据库已就绪：{settings.DATABASES['default']['NAME']}")
    if added:
        click.echo(f"已导入节假日安排：{added[0]}–{added[-1]}年")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址 · bind address")
@click.option("--port", default=8000, show_default=True, help="端口 · port")
@click.option("--workers", default=2, show_default=True, help="Web 进程数 · web processes")
@click.option("--no-worker", is_flag=True, help="不启动后台任务进程 · do not start a task worker")
def serve(host: str, port: int, workers: int, no_worker: bool) -> None:
    """启动生产级 Web 服务（gunicorn） · Run the production web server (gunicorn)."""
    _setup()
    from gongkai.serving import run_server

    run_server(host=host, port=port, workers=workers, with_worker=not no_worker)


@main.command()
@click.option("--workers", default=2, show_default=True, help="并发数 · concurrent workers")
@click.option(
    "--type",
    "worker_type",
    type=click.Choice(["thread", "process"]),
    default="thread",
    show_default=True,
    help="并发方式 · worker type",
)
def worker(workers: int, worker_type: str) -> None:
    """运行后台任务与定时任务 · Run queued and periodic background jobs."""
    _setup()
    from gongkai.jobs.queue import queue

    consumer = queue.create_consumer(workers=workers, worker_type=worker_type)
    click.echo(f"后台任务进程已启动（{workers}个{worker_type}），队列：{type(queue).__name__}")
    consumer.run()


@main.command()
def demo() -> None:
    """载入演示数据并列出演示账号 · Load demo data and list the demo logins."""
    _setup()
    from django.utils import timezone

    from gongkai.demo.applications import build_demo_applications
    from gongkai.demo.build import DEMO_PASSWORD, build_demo
    from gongkai.demo.catalogue import build_demo_catalogue
    from gongkai.demo.reports import build_demo_reports

    with _acting_as(None):
        logins = build_demo()
        build_demo_catalogue(today=timezone.localdate())
        build_demo_applications(today=timezone.localdate())
        build_demo_reports(today=timezone.localdate())
    from gongkai.search.indexing import rebuild

    click.echo(f"全文检索索引：{rebuild()}条。")
    click.echo(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
    for username, role, agency in logins:
        click.echo(f"  {role:<14}\t{username:<20}\t{agency}")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """运行 Django 管理命令 · Run a Django management command."""
    _setup(needs_database=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *args])


# --- agencies and staff ---------------------------------------------------


@main.group()
def agency() -> None:
    """机构管理 · Agencies."""


@agency.command("create")
@click.option("--code", required=True, help="统一社会信用代码 · unified social credit code")
@click.option("--name", required=True, help="机构全称 · full name")
@click.option("--short-name", default="", help="简称 · short name")
@click.option(
    "--kind",
    type=click.Choice(["government", "department", "street", "institution", "other"]),
    default="department",
    show_default=True,
    help="类型 · kind",
)
@click.option("--parent", "parent_code", default=None, help="上级机构代码 · parent's code")
@click.option("--as", "as_user", default=None, help="以该账号身份操作 · act as this user")
def agency_create(
    code: str, name: str, short_name: str, kind: str, parent_code: str | None, as_user: str | None
) -> None:
    """新建机构 · Create an agency."""
    _setup()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.agencies.services import do_create_agency

    with _acting_as(as_user):
        try:
            parent = agency_by_code(parent_code) if parent_code else None
            created = do_create_agency(
                code=code, name=name, short_name=short_name, kind=kind, parent=parent
            )
        except (ValidationError, PermissionDenied, LookupError) as error:
            _fail(_errors(error))
    click.echo(f"已创建机构：{created.name}（{created.code}）")


@agency.command("list")
@click.option("--as", "as_user", default=None, help="以该账号身份查看 · list as this user")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def agency_list(as_user: str | None, fmt: str) -> None:
    """列出机构 · List agencies."""
    _setup()
    from gongkai.agencies.models import Agency
    from gongkai.audit.context import is_system

    with _acting_as(as_user) as ctx:
        rows = (
            Agency.objects.all() if is_system(ctx.actor) else Agency.objects.visible_to(ctx.actor)
        )
        rows = rows.select_related("parent")
        data = [
            {
                "code": a.code,
                "name": a.name,
                "kind": a.get_kind_display(),
                "parent": a.parent.code if a.parent else None,
            }
            for a in rows
        ]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for row in data:
            click.echo(f"{row['code']}  {row['name']}  {row['kind']}")


@main.group()
def staff() -> None:
    """人员与角色 · Staff and roles."""


@staff.command("create")
@click.option("--username", required=True, help="登录账号 · login name")
@click.option("--name", "full_name", required=True, help="姓名 · full name")
@click.option("--agency", "agency_code", required=True, help="所属机构代码 · agency code")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice(
        [
            "editor",
            "first_reviewer",
            "second_reviewer",
            "final_approver",
            "disclosure_officer",
            "agency_admin",
            "operator",
        ]
    ),
    help="角色，可多次指定 · role (repeatable)",
)
@click.option("--email", default="", help="电子邮箱 · e-mail")
@click.password_option(
    envvar="GONGKAI_NEW_PASSWORD", help="密码（或环境变量 GONGKAI_NEW_PASSWORD） · password"
)
@click.option("--as", "as_user", default=None, help="以该账号身份操作 · act as this user")
def staff_create(
    username: str,
    full_name: str,
    agency_code: str,
    roles: tuple[str, ...],
    email: str,
    password: str,
    as_user: str | None,
) -> None:
    """新建工作人员账号 · Create a staff account with its roles."""
    _setup()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.agencies.services import do_create_staff_user

    with _acting_as(as_user):
        try:
            do_create_staff_user(
                username=username,
                password=password,
                full_name=full_name,
                agency=agency_by_code(agency_code),
                roles=list(roles),
                email=email,
            )
        except (ValidationError, PermissionDenied, LookupError) as error:
            _fail(_errors(error))
    click.echo(f"已创建账号：{username}")


# --- audit ----------------------------------------------------------------


@main.group()
def audit() -> None:
    """审计日志 · Audit log."""


@audit.command("export")
@click.option("--as", "as_user", required=True, help="以该账号身份导出 · export as this user")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def audit_export(as_user: str, fmt: str, output: Path | None) -> None:
    """导出审计日志（仅限该账号可见范围） · Export the audit entries this user may see."""
    _setup()
    from gongkai.audit.export import write_entries
    from gongkai.audit.models import AuditEntry

    with _acting_as(as_user) as ctx:
        entries = AuditEntry.objects.visible_to(ctx.actor).select_related("agency")
        handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            count = write_entries(entries, handle, fmt=fmt)
        finally:
            if output:
                handle.close()
    if output:
        click.echo(f"已导出{count}条审计记录到 {output}")


# --- annual reports ---------------------------------------------------------


@main.group()
def report() -> None:
    """年度报告 · Annual reports."""


report.add_command(rollup)
report.add_command(report_audit)
report.add_command(report_build)


# --- calendar and deadlines ----------------------------------------------


@main.group()
def calendar() -> None:
    """工作日历 · Working-day calendar."""


@calendar.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="替换已有年度 · replace an existing year")
def calendar_load(path: Path, replace: bool) -> None:
    """从文件导入年度节假日安排 · Load a year's holiday schedule from a file."""
    _setup()
    from django.core.exceptions import ValidationError

    from gongkai.workcalendar.file_format import CalendarFileError, parse_calendar_file
    from gongkai.workcalendar.services import do_load_schedule

    try:
        parsed = parse_calendar_file(path.read_text(encoding="utf-8"))
        with _acting_as(None):
            do_load_schedule(schedule=parsed.schedule, names=parsed.names, replace=replace)
    except (CalendarFileError, ValidationError, UnicodeDecodeError) as error:
        _fail(_errors(error))
    schedule = parsed.schedule
    click.echo(
        f"已导入{schedule.year}年节假日安排：放假{len(schedule.holidays)}天，"
        f"调休上班{len(schedule.workdays)}天。"
    )


@calendar.command("list")
def calendar_list() -> None:
    """列出已有年度 · List the years with a schedule."""
    _setup()
    from gongkai.workcalendar.models import HolidaySchedule

    for row in HolidaySchedule.objects.order_by("year"):
        click.echo(f"{row.year}\t{row.source}")


@main.command()
@click.option("--received", required=True, help="收到申请之日 YYYY-MM-DD · received date")
@click.option("--supplement-received", default=None, help="收到补正之日 · supplement received")
@click.option(
    "--pause",
    "pauses",
    multiple=True,
    help="征求意见期间 A:B（发出:最后答复） · consultation sent:answered",
)
@click.option("--extended", is_flag=True, help="已批准延期 · extension approved")
def deadline(
    received: str, supplement_received: str | None, pauses: tuple[str, ...], extended: bool
) -> None:
    """计算依申请公开答复期限 · Compute an application's answer deadline."""
    _setup()
    from gongkai.rules.clock import Pause, compute_deadline
    from gongkai.rules.workdays import UnknownYearError
    from gongkai.workcalendar.selectors import working_calendar

    parsed_pauses = []
    for text in pauses:
        start, sep, end = text.partition(":")
        if not sep:
            raise click.BadParameter(
                f"“{text}”应写作 YYYY-MM-DD:YYYY-MM-DD。", param_hint="--pause"
            )
        try:
            parsed_pauses.append(
                Pause(start=_parse_date(start, "--pause"), end=_parse_date(end, "--pause"))
            )
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--pause") from None
    try:
        result = compute_deadline(
            calendar=working_calendar(),
            received=_parse_date(received, "--received"),
            supplement_received=(
                _parse_date(supplement_received, "--supplement-received")
                if supplement_received
                else None
            ),
            pauses=parsed_pauses,
            extended=extended,
        )
    except UnknownYearError as error:
        _fail(str(error))
    except ValueError as error:
        _fail(str(error))
    click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
