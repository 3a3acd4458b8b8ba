from typing import Any

from django import template

from gongkai.agencies.names import staff_name as _staff_name

register = template.Library()


@register.filter
def staff_name(user: Any) -> str:
    """``{{ event.recorded_by|staff_name }}``: the person's name; 系统 for no one."""
    return _staff_name(user)
