"""{% service_navigation %}: the links of the service navigation in base.html, the current page's
marked. The same for every signed-in person, so each page's list is put together once a process."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

LINKS = [
    ("Home", "home"),
    ("Performance", "performance:index"),
    ("Case reviews", "reviews:list"),
    ("Good practice", "audits:good_practice"),
    ("Quality audits", "audits:quality_audits"),
    ("Training", "learning:index"),
    ("Notifications", "notifications:list"),
]


@register.simple_tag(takes_context=True)
def service_navigation(context):
    match = getattr(context.get("request"), "resolver_match", None)
    return _links(match.view_name if match else None, get_script_prefix())


@lru_cache(maxsize=512)  # a list per view name (and script prefix): some hundreds at most
def _links(current, prefix):
    return format_html_join(
        "\n",
        '<li class="govuk-service-navigation__item{}">'
        '<a class="govuk-service-navigation__link" href="{}"{}>{}</a></li>',
        (
            (
                " govuk-service-navigation__item--active" if name == current else "",
                reverse(name),
                mark_safe(' aria-current="page"') if name == current else "",  # noqa: S308 (a constant)
                text,
            )
            for text, name in LINKS
        ),
    )
