"""Starting a survey from last year's: each question copied with a pointer to the one it repeats,
and each answer choice to the choice it repeats, so this year's answers compare with last year's."""

from django.db import transaction

from .models import Option, Question


@transaction.atomic
def repeat_questions(survey, previous, user):
    """Copy `previous`'s questions (and their choices) into `survey`, after any it has."""
    start = survey.questions.count()
    for offset, old in enumerate(previous.questions.prefetch_related("options"), start=1):
        question = Question(
            survey=survey,
            number=start + offset,
            text=old.text,
            hint=old.hint,
            kind=old.kind,
            repeats=old,
        )
        question._history_user = user
        question.save()
        for option in old.options.all():
            copy = Option(question=question, number=option.number, text=option.text, repeats=option)
            copy._history_user = user
            copy.save()


@transaction.atomic
def save_question(form, user):
    """Save a question and its choices from the form's lines: a line keeps the choice in its place
    (rewording it keeps what it repeats); lines added become new choices, lines gone are removed."""
    question = form.save(commit=False)
    if not question.pk:
        last = question.survey.questions.order_by("-number").first()
        question.number = last.number + 1 if last else 1
    question._history_user = user
    question.save()
    existing = list(question.options.all())
    lines = form.cleaned_data["lines"]
    for number, text in enumerate(lines, start=1):
        option = existing[number - 1] if number <= len(existing) else Option(question=question)
        if not option.pk or (option.number, option.text) != (number, text):
            option.number, option.text = number, text
            option._history_user = user
            option.save()
    for option in existing[len(lines) :]:
        option._history_user = user
        option.delete()
    return question
