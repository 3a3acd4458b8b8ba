from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.accounts.menu import AccountGuardMenuItem
from gongkai.accounts.views import security_view


@hooks.register("register_admin_urls")
def register_security_urls() -> list:
    return [path("staff/security/", security_view, name="accounts_security")]


@hooks.register("register_admin_menu_item")
def register_security_menu_item() -> MenuItem:
    return AccountGuardMenuItem(
        "账号安全", reverse("accounts_security"), icon_name="key", order=971
    )


@hooks.register("register_account_menu_item")
def register_second_factor_account_item(request: HttpRequest) -> dict:
    return {
        "url": reverse("accounts_enrol"),
        "label": "两步验证",
        "help_text": "用手机验证器应用生成的验证码保护您的账号，并查看剩余恢复码。",
    }
