"""What the operator reads for a job: its Chinese title, and its queue's.

A JobRun row stores huey's task name (the function's name), which the back office must
not show as such: the interface speaks Chinese (tests/test_chinese_ui.py). Every job
defined in src/ has its title here; a name without one is shown as 其他后台任务.
"""

from __future__ import annotations

from gongkai.jobs.queue_names import BATCH, MAIN

TITLES: dict[str, str] = {
    "audit_batch_job": "审查一批已发布年度报告",
    "catch_up": "检索索引跟进变更",
    "check_calendar_coverage": "检查工作日历是否覆盖下一年",
    "deliver_report_reminders": "发送年度报告填报提醒",
    "probe_sites_job": "探测网站可用性",
    "prune_feed": "清理过期的检索变更记录",
    "publish_scheduled": "发布到期的定时公开信息",
    "remind_handlers": "提醒承办人办理期限",
    "remine_grams": "重建检索索引的高频短语表",
    "retry_report_reminders": "重发未送达的年度报告提醒",
    "scheduled_inspection_job": "定期网站巡检",
    "inspection_now_job": "立即巡检",
    "screen_revision_job": "公开前检查（敏感信息筛查）",
    "seal_audit_log": "封存审计日志",
    "send_notice_email": "向申请人发送办理进度邮件",
    "send_notice_sms": "向申请人发送办理进度短信",
    "tell_handlers_of_supplement": "通知承办人申请人已补正",
}
OTHER = "其他后台任务"

QUEUE_TITLES: dict[str, str] = {MAIN: "常规队列", BATCH: "批量队列"}


def job_title(name: str) -> str:
    """The title of a task named by its function, bare or with its module."""
    return TITLES.get(name.rsplit(".", 1)[-1], OTHER)


def queue_title(name: str) -> str:
    return QUEUE_TITLES.get(name, name or "—")
