from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from gongkai.agencies.menu import OperatorMenuItem
from gongkai.inspection import views


@hooks.register("register_admin_urls")
def register_inspection_urls() -> list:
    return [
        path("inspection/", views.runs, name="inspection_runs"),
        path("inspection/runs/<int:pk>/", views.run_detail, name="inspection_run"),
        path(
            "inspection/runs/<int:pk>/report.<str:fmt>",
            views.run_report,
            name="inspection_run_report",
        ),
        path("inspection/findings/", views.findings, name="inspection_findings"),
        path("inspection/findings/<int:pk>/", views.finding_detail, name="inspection_finding"),
        path("inspection/trend/", views.trend, name="inspection_trend"),
        path("inspection/tickets/", views.tickets, name="inspection_tickets"),
        path("inspection/tickets/<int:pk>/", views.ticket_detail, name="inspection_ticket"),
        path("inspection/sites/", views.sites, name="inspection_sites"),
        path("inspection/sites/<int:pk>/", views.site_detail, name="inspection_site"),
        path("inspection/periods/", views.periods, name="inspection_periods"),
    ]


@hooks.register("register_admin_menu_item")
def register_inspection_menu() -> MenuItem:
    items = [
        OperatorMenuItem("巡检记录", reverse("inspection_runs"), icon_name="site", order=1),
        MenuItem("巡检发现", reverse("inspection_findings"), icon_name="warning", order=2),
        MenuItem("整改工单", reverse("inspection_tickets"), icon_name="tasks", order=3),
        OperatorMenuItem("巡检趋势", reverse("inspection_trend"), icon_name="view", order=4),
        OperatorMenuItem("巡检网站", reverse("inspection_sites"), icon_name="list-ul", order=5),
        OperatorMenuItem("重要时期", reverse("inspection_periods"), icon_name="date", order=6),
    ]
    return SubmenuMenuItem("网站巡检", Menu(items=items), icon_name="site", order=940)
