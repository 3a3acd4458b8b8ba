"""Chinese names for the audit log's action ids, for the screens that show them.

The ids stay as recorded (stable, searchable, exported); people read the label.
"""

from __future__ import annotations

ACTION_LABELS = {
    "agency.combined_review_roles": "设置一人兼任多级审核",
    "application.applicant_file_downloaded": "下载申请人上传文件",
    "application.applicant_file_downloaded_by_applicant": "申请人下载本人上传文件",
    "application.supplement_uploaded": "申请人在线提交补正材料",
    "inspection.column.add": "添加巡检栏目",
    "inspection.columns.import": "导入巡检栏目",
    "inspection.period.mark": "标记重要时期",
    "inspection.site.add": "添加巡检站点",
    "inspection.strike": "核减巡检发现",
    "inspection.ticket.answer": "答复整改工单",
    "inspection.ticket.send": "发送整改工单",
    "agency.create": "新建机构",
    "agency.update": "修改机构",
    "agency.guide_details": "修改政府信息公开工作机构和救济渠道",
    "appeal.create": "登记救济案件",
    "appeal.decide": "记录救济结果",
    "application.create": "登记申请",
    "application.assign": "指定承办人",
    "application.transfer": "转办申请",
    "application.mark_junk": "标记为无效申请",
    "application.viewed": "查看申请",
    "application.list_export": "导出申请列表",
    "application.ledger_import": "导入申请台账",
    "application.ledger_export": "导出申请台账",
    "application.letter_downloaded": "下载文书",
    "application.letter_downloaded_by_applicant": "申请人下载文书",
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录失败",
    "auth.unlock": "解除账号锁定",
    "auth.2fa_enrolled": "启用两步验证",
    "auth.2fa_verified": "两步验证通过",
    "auth.2fa_failed": "两步验证失败",
    "auth.2fa_reset": "重置两步验证",
    "auth.recovery_code_used": "使用恢复码登录",
    "audit.verify": "校验审计日志哈希链",
    "audit.archive": "归档审计日志",
    "auth.password_expired": "密码过期须修改",
    "auth.password_change_required": "要求修改密码",
    "auth.session_rejected": "结束在其他客户端使用的会话",
    "calendar.replace": "载入节假日安排",
    "catalogue.branch": "建立机构公开目录",
    "catalogue.import": "导入公开目录",
    "catalogue.entry.create": "新建公开信息",
    "catalogue.entry.mask": "遮盖不予公开内容",
    "catalogue.entry.validity": "变更有效性",
    "catalogue.entry.withdraw": "撤回公开信息",
    "catalogue.screening.override": "确认公开前检查提示",
    "inspection.run": "运行巡检",
    "inspection.request": "开始巡检",
    "job.requeue": "重新排队中断的后台任务",
    "job.abandon": "中断的后台任务已无重试次数",
    "inspection.acknowledge": "确认巡检问题",
    "letter.issue": "出具文书",
    "letter_template.save": "保存文书模板",
    "membership.grant": "授予角色",
    "membership.revoke": "撤销角色",
    "report.create": "新建年度报告",
    "report.figure": "填写年度报告数据",
    "report.narrative": "填写年度报告文字",
    "report.submit": "提交年度报告审核",
    "report.approve": "批准年度报告",
    "report.reject": "退回年度报告",
    "report.final": "发布年度报告",
    "report.remind": "发送年报催报提醒",
    "report_audit.upload": "上传年报核查文件",
    "website_report.create": "新建网站年度报表",
    "website_report.refresh": "更新网站年度报表平台数据",
    "website_report.figures": "填报网站年度报表",
    "website_report.final": "网站年度报表定稿",
    "website_report.reopen": "网站年度报表退回修改",
    "website_report.publish": "发布网站年度报表",
    "system.backup": "备份实例",
    "system.restore": "恢复实例",
    "user.create": "新建人员账号",
    "user.update": "修改人员账号",
    "user.groups.add": "加入用户组",
    "user.groups.remove": "移出用户组",
    "user.groups.clear": "清空用户组",
}


def action_label(action: str) -> str:
    """The Chinese name of an action id; an id no one named yet is shown as it is."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith("application."):
        from gongkai.rules.application_clock import EventKind

        try:
            return EventKind(action.removeprefix("application.")).label
        except ValueError:
            return action
    if action.startswith("wagtail:"):
        from wagtail.log_actions import registry

        name = action.removeprefix("wagtail:")
        if not registry.action_exists(name):
            return action
        return f"页面：{registry.get_action_label(name)}"
    return action
