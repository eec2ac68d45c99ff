"""Who may do what in the learning app: each part's rules are in its own module, imported here so
that django-rules' autodiscovery registers them."""

from . import survey_rules  # noqa: F401
