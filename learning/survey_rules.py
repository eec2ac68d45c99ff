"""Who may do what with practitioner surveys. A survey's board's people read its results (totals,
by sector only where at least 5 answered); its office builds, opens and shares it and alone reads
the free text. Answering needs no account (learning/answering.py)."""

import rules

from boards.rules import is_admin, is_board_office


@rules.predicate
def questions_unanswered(user, survey):
    """Questions change only until the first answer arrives (and never on a recorded survey)."""
    survey = getattr(survey, "survey", survey)
    return not survey.is_recorded and not survey.responses.exists()


rules.add_perm("learning.add_survey", is_admin | is_board_office)
rules.add_perm("learning.manage_survey", is_admin | is_board_office)
rules.add_perm("learning.change_questions", (is_admin | is_board_office) & questions_unanswered)
rules.add_perm("learning.read_comments", is_admin | is_board_office)
