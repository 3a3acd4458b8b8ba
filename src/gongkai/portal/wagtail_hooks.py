from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def shared_design_tokens() -> str:
    """The back office wears the portal's colours and fonts: one design language."""
    return format_html('<link rel="stylesheet" href="{}">', static("gongkai/admin.css"))


# Help items that link to wagtail.org: the platform runs on intranets, offline.
_EXTERNAL_HELP = ("whats-new-in-wagtail", "editor-guide")


@hooks.register("construct_help_menu")
def drop_external_help(request: object, menu_items: list) -> None:
    menu_items[:] = [item for item in menu_items if not str(item.name).startswith(_EXTERNAL_HELP)]
