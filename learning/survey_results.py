"""A survey's results: each answer's share of those who answered the question, year on year for a
repeated question, and by sector where at least `MIN_SECTOR` answered (fewer show as "fewer than 5").

A recorded survey (transcribed from an earlier report) has no responses: its shares and counts are
those the report printed (RecordedResult), and a share it did not print is shown as not recorded.
Free text is the office's alone (`comments`), each comment flagged when it may name someone."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch

from boards.models import Sector

from .models import Answer, Option, Question, QuestionKind
from .name_flags import name_flags

MIN_SECTOR = 5
FEWER = f"fewer than {MIN_SECTOR}"


def share_of(count, answered):
    if not answered:
        return None
    return (Decimal(100) * count / answered).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class OptionResult:
    option: Option
    count: int | None
    share: Decimal | None


@dataclass
class Row:
    """One line of a year-on-year table: this year's choice (or choices compared together)."""

    label: str
    this_year: Decimal | None
    last_year: Decimal | None

    @property
    def change(self):
        if self.this_year is None or self.last_year is None:
            return None
        return self.this_year - self.last_year


@dataclass
class QuestionResult:
    question: Question
    answered: int | None
    options: list = field(default_factory=list)
    sectors: list = field(default_factory=list)  # (sector label, answered or FEWER, [shares])
    comparison: list = field(default_factory=list)  # Rows, when the question repeats last year's
    previous: "QuestionResult | None" = None


def whole(share):
    """A recorded share as printed: 19 not 19.00 (3.10 stays 3.10)."""
    return Decimal(int(share)) if share == int(share) else share


def questions_of(survey):
    options = Prefetch("options", queryset=Option.objects.select_related("recorded"))
    return survey.questions.exclude(kind=QuestionKind.TEXT).prefetch_related(options)


def results(survey, compare=True):
    """[QuestionResult] of the survey's choice questions, with last year's where repeated."""
    questions = list(questions_of(survey))
    chosen, answered = tally(survey)
    out = []
    for question in questions:
        if survey.is_recorded:
            result = recorded(question)
        else:
            total = sum(answered[question.pk].values())
            result = QuestionResult(question, total)
            for option in question.options.all():
                count = sum(chosen[option.pk].values())
                result.options.append(OptionResult(option, count, share_of(count, total)))
            result.sectors = by_sector(question, chosen, answered[question.pk])
        out.append(result)
    if compare and survey.previous_id:
        last = {r.question.pk: r for r in results(survey.previous, compare=False)}
        for result in out:
            result.previous = last.get(result.question.repeats_id)
            if result.previous:
                result.comparison = year_on_year(result, result.previous)
    return out


def tally(survey):
    """({option id: {sector: count}}, {question id: {sector: how many answered}}): two queries."""
    chosen, answered = defaultdict(dict), defaultdict(dict)
    answers = Answer.objects.filter(question__survey=survey)
    for row in (
        answers.filter(option__isnull=False)
        .values("option", "response__agency__sector")
        .annotate(n=Count("id"))
    ):
        chosen[row["option"]][row["response__agency__sector"]] = row["n"]
    for row in answers.values("question", "response__agency__sector").annotate(
        n=Count("response", distinct=True)
    ):
        answered[row["question"]][row["response__agency__sector"]] = row["n"]
    return chosen, answered


def recorded(question):
    result = QuestionResult(question, question.recorded_answered)
    for option in question.options.all():
        kept = getattr(option, "recorded", None)
        share = whole(kept.share) if kept else None
        result.options.append(OptionResult(option, kept.count if kept else None, share))
    return result


def by_sector(question, chosen, answered):
    labels = dict(Sector.choices)
    rows = []
    for sector, total in sorted(answered.items(), key=lambda item: str(labels.get(item[0]))):
        if total < MIN_SECTOR:
            rows.append((labels.get(sector, sector), FEWER, []))
            continue
        shares = [share_of(chosen[o.pk].get(sector, 0), total) for o in question.options.all()]
        rows.append((labels.get(sector, sector), total, shares))
    return rows


def year_on_year(current, previous):
    """Rows comparing this year's shares with last year's, choice by choice: this year's choices
    that repeat the same choice of last year's are compared together (their shares added); a choice
    new this year, or one asked only last year, has one side empty."""
    last = {o.option.pk: o for o in previous.options}
    groups = {}
    for result in current.options:
        key = (
            result.option.repeats_id
            if result.option.repeats_id in last
            else ("new", result.option.pk)
        )
        groups.setdefault(key, []).append(result)
    rows = []
    for key, members in groups.items():
        shares = [m.share for m in members]
        this_year = None if None in shares else sum(shares, Decimal(0))
        label = "; ".join(m.option.text for m in members)
        rows.append(Row(label, this_year, last[key].share if key in last else None))
    rows += [
        Row(f"{o.option.text} (last year only)", None, o.share)
        for pk, o in last.items()
        if pk not in groups
    ]
    return rows


def responses(survey):
    """How many responded: as recorded, or counted."""
    return survey.recorded_responses if survey.is_recorded else survey.responses.count()


def comments(survey):
    """[(question, [(text, flags)])] of the free text, for the office alone."""
    texts = (
        Answer.objects.filter(question__survey=survey, option__isnull=True)
        .exclude(text="")
        .select_related("question")
        .order_by("question__number", "pk")
    )
    grouped = {}
    for answer in texts:
        grouped.setdefault(answer.question, []).append((answer.text, name_flags(answer.text)))
    return list(grouped.items())
