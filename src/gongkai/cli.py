"""The ``gongkai`` command: the one entry point for operators.

Each subcommand is a thin shell over service functions and selectors; the
Django management commands stay reachable through ``gongkai manage``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gongkai.applications.ledger_cli import applications
from gongkai.backup.cli import backup, restore
from gongkai.cli_support import acting_as, error_text, fail, parse_date, setup_django
from gongkai.disclosure.cli import catalogue
from gongkai.inspection.cli import inspect
from gongkai.reports.audit.cli import report_audit
from gongkai.reports.build_cli import report_build
from gongkai.reports.rollup_cli import rollup
from gongkai.screening_cli import screen
from gongkai.search.cli import search

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="gongkai")
def main() -> None:
    """gongkai 政府信息公开平台 · government information disclosure platform."""


main.add_command(applications)
main.add_command(backup)
main.add_command(restore)
main.add_command(catalogue)
main.add_command(inspect)
main.add_command(screen)
main.add_command(search)

# --- system ---------------------------------------------------------------


@main.command()
def init() -> None:
    """初始化或迁移数据库（可重复执行） · Create or migrate the database (idempotent)."""
    setup_django(needs_database=False)
    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.portal.setup import ensure_site
    from gongkai.workcalendar.services import seed_bundled_schedules

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with acting_as(None):
        added = seed_bundled_schedules(today=timezone.localdate())
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
    setup_django()
    from gongkai.serving import run_server

    run_server(host=host, port=port, workers=workers, with_worker=not no_worker)


@main.command()
@click.option("--workers", default=2, show_default=True, help="主队列并发数 · main-queue workers")
@click.option(
    "--batch-workers",
    default=1,
    show_default=True,
    help="批量队列并发数（年报核查、索引重建、巡检） · batch-queue workers",
)
@click.option(
    "--queue",
    "queue_names",
    type=click.Choice(["main", "batch"]),
    multiple=True,
    help="只处理这些队列（默认全部） · only these queues (default: all)",
)
@click.option(
    "--type",
    "worker_type",
    type=click.Choice(["thread", "process"]),
    default="thread",
    show_default=True,
    help="并发方式 · worker type",
)
@click.option(
    "--wait",
    is_flag=True,
    help="队列已有后台任务进程时等它退出，而不是报错 · wait for the queue's current worker",
)
def worker(
    workers: int, batch_workers: int, queue_names: tuple[str, ...], worker_type: str, wait: bool
) -> None:
    """运行后台任务与定时任务 · Run queued and periodic background jobs."""
    from gongkai.jobs.lifetime import die_with_server

    die_with_server()  # first: a server killed while this process starts is not missed
    setup_django()
    from gongkai.jobs.lifetime import QueueBusy
    from gongkai.jobs.worker import run_worker

    threads = {"main": workers, "batch": batch_workers}
    try:
        run_worker(
            {name: threads[name] for name in queue_names or threads},
            worker_type=worker_type,
            wait=wait,
            say=click.echo,
        )
    except QueueBusy as busy:
        fail(str(busy))


@main.command()
@click.option(
    "--per-year",
    default=50,
    show_default=True,
    type=click.IntRange(1, 500),
    help="每个机构每年的目录条目数 · catalogue entries per agency and year",
)
def demo(per_year: int) -> None:
    """载入演示数据并列出演示账号 · Load demo data and list the demo logins."""
    setup_django()
    from django.utils import timezone

    from gongkai.demo.build import DEMO_PASSWORD
    from gongkai.demo.run import build_everything

    click.echo("正在载入演示数据（首次约需数分钟）：")
    with acting_as(None):
        logins = build_everything(today=timezone.localdate(), per_year=per_year, say=click.echo)
    click.echo(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
    for username, role, agency in logins:
        click.echo(f"  {role:<14}\t{username:<20}\t{agency}")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """运行 Django 管理命令 · Run a Django management command."""
    setup_django(needs_database=False)
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
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.agencies.services import do_create_agency

    with acting_as(as_user):
        try:
            parent = agency_by_code(parent_code) if parent_code else None
            created = do_create_agency(
                code=code, name=name, short_name=short_name, kind=kind, parent=parent
            )
        except (ValidationError, PermissionDenied, LookupError) as error:
            fail(error_text(error))
    click.echo(f"已创建机构：{created.name}（{created.code}）")


@agency.command("list")
@click.option("--as", "as_user", default=None, help="以该账号身份查看 · list as this user")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def agency_list(as_user: str | None, fmt: str) -> None:
    """列出机构 · List agencies."""
    setup_django()
    from gongkai.agencies.models import Agency
    from gongkai.audit.context import is_system

    with acting_as(as_user) as ctx:
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
            "security_admin",
            "audit_admin",
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
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.agencies.services import do_create_staff_user

    with acting_as(as_user):
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
            fail(error_text(error))
    click.echo(f"已创建账号：{username}")


@staff.command("reset-2fa")
@click.argument("username")
@click.option("--as", "as_user", default=None, help="以该账号身份操作 · act as this user")
def staff_reset_2fa(username: str, as_user: str | None) -> None:
    """重置账号的两步验证（丢失手机） · Remove an account's authenticator and recovery codes.

    Without --as this is the server's shell: the way back in for the last administrator.
    """
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    from gongkai.accounts.second_factor import do_reset_second_factor

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        fail(f"找不到账号“{username}”。")
    with acting_as(as_user):
        try:
            do_reset_second_factor(user=user)
        except PermissionDenied as error:
            fail(error_text(error))
    click.echo(f"已重置账号“{username}”的两步验证；其下次登录时须重新启用。")


@staff.command("unlock")
@click.argument("username")
@click.option("--as", "as_user", default=None, help="以该账号身份操作 · act as this user")
def staff_unlock(username: str, as_user: str | None) -> None:
    """解除账号的登录锁定 · Forget an account's failed logins from every address (audited).

    Without --as this is the server's shell: the way back in when every administrator is
    locked out. `gongkai manage axes_reset` would do it unaudited; use this instead.
    """
    setup_django()
    from django.core.exceptions import PermissionDenied

    from gongkai.agencies.lockout import do_unlock_account

    with acting_as(as_user):
        try:
            removed = do_unlock_account(username=username)
        except PermissionDenied as error:
            fail(error_text(error))
    if removed:
        click.echo(f"已解除账号“{username}”的登录锁定。")
    else:
        click.echo(f"账号“{username}”没有登录失败记录，无需解锁。")


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
    setup_django()
    from gongkai.audit.export import write_entries
    from gongkai.audit.models import AuditEntry

    with acting_as(as_user) as ctx:
        entries = AuditEntry.objects.visible_to(ctx.actor).select_related("agency")
        handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            count = write_entries(entries, handle, fmt=fmt)
        finally:
            if output:
                handle.close()
    if output:
        click.echo(f"已导出{count}条审计记录到 {output}")


@audit.command("verify")
def audit_verify() -> None:
    """封存新记录并校验审计日志哈希链 · Seal new entries and verify the hash chain.

    Exits 1 when an entry was deleted, altered or inserted after it was sealed.
    """
    setup_django()
    from gongkai.audit.chain import seal_pending, verify

    sealed = seal_pending()
    verdict = verify()
    for problem in verdict.problems:
        click.echo(problem, err=True)
    click.echo(f"新封存{sealed}条；校验{verdict.checked}条；链头摘要 {verdict.head}")
    if not verdict.intact:
        fail(f"审计日志哈希链有{len(verdict.problems)}处不符。")
    click.echo("审计日志完整。")


@audit.command("archive")
@click.option("--before", required=True, help="归档此日期以前的记录 · entries before DATE")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default=None,
    help="默认按文件扩展名（.csv 为 CSV，否则 JSON Lines） · default: by the file's suffix",
)
@click.option("--as", "as_user", default=None, help="以该账号身份操作 · act as this user")
def audit_archive(before: str, out: Path, fmt: str | None, as_user: str | None) -> None:
    """归档早于某日的审计记录（含哈希链摘要，可校验） · Archive old entries with their digests.

    Nothing is removed: the log stays append-only; the archive is a copy to keep elsewhere.
    """
    setup_django()
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from gongkai.audit.archive import do_archive

    day = parse_date(before, "--before")
    fmt = fmt or ("csv" if out.suffix.lower() == ".csv" else "jsonl")
    with acting_as(as_user), out.open("w", encoding="utf-8", newline="") as handle:
        try:
            written, kept = do_archive(
                before=day, handle=handle, fmt=fmt, today=timezone.localdate()
            )
        except PermissionDenied as error:
            fail(error_text(error))
    click.echo(
        f"已归档{written.count}条审计记录到 {out}（第{written.first_id}–{written.last_id}号）"
    )
    click.echo(f"末条摘要 {written.head}：请另行记录，以便日后校验归档。")
    if kept:
        click.echo(f"注意：{kept}", err=True)


@audit.command("verify-archive")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def audit_verify_archive(path: Path) -> None:
    """校验审计日志归档文件 · Verify an archive's chain (exit 1 on any break)."""
    setup_django()
    from gongkai.audit.archive import verify_archive

    with path.open(encoding="utf-8", newline="") as handle:
        try:
            verdict = verify_archive(handle)
        except (ValueError, KeyError) as error:
            fail(f"无法读取归档文件：{error}")
    for problem in verdict.problems:
        click.echo(problem, err=True)
    click.echo(f"校验{verdict.checked}条；末条摘要 {verdict.head}")
    if not verdict.intact:
        fail(f"归档文件有{len(verdict.problems)}处不符。")
    click.echo("归档文件完整。")


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
    setup_django()
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from gongkai.workcalendar.file_format import CalendarFileError, parse_calendar_file
    from gongkai.workcalendar.services import do_load_schedule

    try:
        parsed = parse_calendar_file(path.read_text(encoding="utf-8"))
        with acting_as(None):
            do_load_schedule(
                schedule=parsed.schedule,
                names=parsed.names,
                replace=replace,
                today=timezone.localdate(),
            )
    except (CalendarFileError, ValidationError, UnicodeDecodeError) as error:
        fail(error_text(error))
    schedule = parsed.schedule
    click.echo(
        f"已导入{schedule.year}年节假日安排：放假{len(schedule.holidays)}天，"
        f"调休上班{len(schedule.workdays)}天。"
    )


@calendar.command("list")
def calendar_list() -> None:
    """列出已有年度 · List the years with a schedule."""
    setup_django()
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
    setup_django()
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
                Pause(start=parse_date(start, "--pause"), end=parse_date(end, "--pause"))
            )
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--pause") from None
    try:
        result = compute_deadline(
            calendar=working_calendar(),
            received=parse_date(received, "--received"),
            supplement_received=(
                parse_date(supplement_received, "--supplement-received")
                if supplement_received
                else None
            ),
            pauses=parsed_pauses,
            extended=extended,
        )
    except UnknownYearError as error:
        fail(str(error))
    except ValueError as error:
        fail(str(error))
    click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
