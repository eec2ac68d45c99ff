"""{% related_sections obj %}: the sections other apps add to `obj`'s page (core/related.py)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.related import sections

register = template.Library()


@register.simple_tag(takes_context=True)
def related_sections(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    drawn = []
    for template_name, make_context in sections(obj):
        extra = make_context(obj, user)
        if extra is not None:
            drawn.append(render_to_string(template_name, extra, request=request))
    return mark_safe("".join(drawn))  # noqa: S308 (each section is a template, escaped as usual)
