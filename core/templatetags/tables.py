"""{% table_region %}<table>...</table>{% endtable_region %}: a table that may be wider than a small
screen scrolls inside its own region, as GOV.UK services do, and the page never scrolls sideways
(WCAG 2.2 success criterion 1.4.10, Reflow). The region is named by the table's caption (which gets
an id, unique in the page) and can be reached with the keyboard to scroll it.

A builtin (lscb/settings.py), so templates need no {% load %}."""

import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import slugify

register = template.Library()

CAPTION = re.compile(r"<caption\b([^>]*)>(.*?)</caption>", re.DOTALL)
ID = re.compile(r'\bid="([^"]+)"')
TAGS = re.compile(r"<[^>]+>")


@register.tag
def table_region(parser, token):
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode(nodelist)


class TableRegionNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        caption = CAPTION.search(html)
        if caption is None:
            raise template.TemplateSyntaxError("{% table_region %} needs a table with a caption")
        attrs = caption.group(1)
        if found := ID.search(attrs):
            caption_id = found.group(1)
        else:
            caption_id = unique_id(context, TAGS.sub("", caption.group(2)))
            opening = f'<caption id="{caption_id}"{attrs}>'
            html = html[: caption.start()] + opening + html[caption.end(1) + 1 :]
        return mark_safe(  # noqa: S308 (the table is rendered by its template; the id is a slug)
            f'<div class="app-table-wrapper" role="region" aria-labelledby="{caption_id}" '
            f'tabindex="0">{html}</div>'
        )


def unique_id(context, text):
    """An id from the caption's words, numbered so that no two tables of a page share one."""
    count = getattr(context, "_app_table_count", 0) + 1
    context._app_table_count = count
    return f"table-{count}-{slugify(text)[:40].strip('-') or 'caption'}"
