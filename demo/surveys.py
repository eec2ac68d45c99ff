"""Loads the demo's practitioner surveys of 2015 and 2016 (data/practitioner_surveys.toml, whose header
records the transcription decisions) as recorded surveys: the shares and counts the seed prints, no
invented responses. `repeats` names the question (or choice) number of the survey's `previous`.
Idempotent: a survey already there is left as it is."""

import tomllib
from decimal import Decimal
from pathlib import Path

from learning.models import Option, Question, RecordedResult, Survey

DATA = Path(__file__).parent / "data" / "practitioner_surveys.toml"


def load(board, author, stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    for spec in data["surveys"]:
        if Survey.objects.filter(board=board, title=spec["title"]).exists():
            continue
        previous = Survey.objects.filter(board=board, title=spec.get("previous", "")).first()
        survey = Survey(
            board=board,
            title=spec["title"],
            opens=spec.get("opens"),
            closes=spec.get("closes"),
            period_note=spec.get("period_note", ""),
            previous=previous,
            recorded_responses=spec["responses"],
        )
        survey._history_user = author
        survey.save()
        for item in spec["questions"]:
            load_question(survey, previous, item, author)
        stdout.write(f"{survey}: {survey.questions.count()} questions, recorded results.")


def load_question(survey, previous, item, author):
    repeats = previous.questions.get(number=item["repeats"]) if "repeats" in item else None
    question = Question(
        survey=survey,
        number=item["number"],
        text=item["text"],
        kind=item["kind"],
        repeats=repeats,
        recorded_answered=item.get("answered"),
    )
    question._history_user = author
    question.save()
    for number, choice in enumerate(item["options"], start=1):
        option = Option(question=question, number=number, text=choice["text"])
        if "repeats" in choice:
            option.repeats = repeats.options.get(number=choice["repeats"])
        option._history_user = author
        option.save()
        result = RecordedResult(
            option=option, share=Decimal(str(choice["share"])), count=choice.get("count")
        )
        result._history_user = author
        result.save()
