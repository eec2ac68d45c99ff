"""The learning app's models: each part of the app in its own module."""

from .invites import EvaluationInvite  # noqa: E402, F401
from .survey import (  # noqa: F401
    Answer,
    Option,
    Question,
    QuestionKind,
    RecordedResult,
    Response,
    Survey,
    SurveyLink,
)
from .training import *  # noqa: E402, F403
