"""`{% load htmx %}{% htmx_script %}`: the htmx shipped in django-htmx, when it is installed.

Its script is a static file of the `django_htmx` app, so it is served only once that app is in
INSTALLED_APPS; until then the tag renders nothing and the pages work without it (every form
posts and redirects; htmx only adds the live preview).
"""

from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag(takes_context=True)
def htmx_script(context: template.Context) -> str:
    if not apps.is_installed("django_htmx"):
        return ""
    from django_htmx.templatetags.django_htmx import htmx_script as bundled

    return bundled(context)
