"""What a signed-in user may do, for the templates (the site's nav shows teachers their classes)."""

from typing import Any

from django import template

from proficio.accounts.api import can_teach as _can_teach

register = template.Library()


@register.filter
def can_teach(user: Any) -> bool:
    return bool(user.is_authenticated) and _can_teach(user)
