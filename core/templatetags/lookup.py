from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ answers|get_item:criterion.pk }}: a dictionary's value in a template."""
    return mapping.get(key)
