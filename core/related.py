"""Sections an app higher up adds to a lower app's page, so the lower app never imports it: the
courses that answer a case review or a quality audit (`learning`) on the review's and the audit's
pages. The higher app registers, in its `AppConfig.ready`, a template and a function giving the
template's context for the object and the person looking; the lower page draws
`{% load related %}{% related_sections obj %}` (core/templatetags/related.py), which is empty when
nothing is registered."""

SECTIONS = {}  # "app_label.Model" -> [(template, context(obj, user) -> dict or None)]


def register(model_label, template, context):
    """Add a section to the pages of `model_label`; `context` returning None draws nothing."""
    SECTIONS.setdefault(model_label, []).append((template, context))


def sections(obj):
    return SECTIONS.get(obj._meta.label, [])
