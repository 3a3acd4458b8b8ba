from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def shared_design_tokens() -> str:
    """The back office wears the portal's colours and fonts: one design language."""
    return format_html('<link rel="stylesheet" href="{}">', static("gongkai/admin.css"))
