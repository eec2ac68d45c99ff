"""{{ amount|money }}: £212,588 (whole pounds) or £1,234.50, as the budget pages and report print it."""

from django import template

from ..funding import money as as_money

register = template.Library()


@register.filter
def money(value):
    return as_money(value)
