"""Loads the case reviews of the 2016-17 annual report (sections 24 to 26): five serious case reviews
with their stories, lessons and action plans, four practice reviews (Child AD re-categorised from an
SCR), the board's learning themes (the practice reviews' combined learning) and the dissemination
checklists. The data and every transcription decision are in data/case_reviews.toml.

Idempotent: a review, its lessons, plan, actions and checklist are created only when missing.
"""

import tomllib
from datetime import date, datetime, time
from pathlib import Path

from django.utils import timezone

from actions.models import Action, Update
from actions.updating import record_update
from reviews.models import (
    CaseReview,
    DisseminationTask,
    LearningTheme,
    Lesson,
    ReviewKind,
    ReviewSettings,
    Status,
    StatusChange,
)
from reviews.workflow import open_plan

DATA = Path(__file__).parent / "data" / "case_reviews.toml"
YEAR_END = date(2017, 3, 31)
TRANSCRIBED = "Transcribed from the LSCB Annual Report 2016-17."
PRACTICE_SUMMARY = (
    "A practice review: the Case Review Group concluded that the criteria for a Serious Case Review "
    "were not met, but there could be learning for the LSCB and agencies. Completed in 2016-17. Its "
    "learning is published combined with the other practice reviews of the year, under the board's "
    "learning themes, and has been used in training, newsletters, policies and procedure updates and "
    "Practitioner Forums."
)


def noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def load(board, office_user, stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    group = board.subgroups.get(name=data["case_review_group"])
    ReviewSettings.objects.get_or_create(board=board, defaults={"case_review_group": group})
    themes = {}
    for row in data["themes"]:
        themes[row["name"]], _ = LearningTheme.objects.get_or_create(
            board=board, name=row["name"], defaults={"description": row["description"]}
        )
    groups = {g.name: g for g in board.subgroups.all()}
    created = 0
    for row in data["reviews"]:
        review, new = CaseReview.objects.get_or_create(
            board=board,
            reference=row["reference"],
            defaults={
                "kind": row["kind"],
                "status": row["status"],
                "publication_date": row["publication_date"],
                "period_start": row.get("period_start"),
                "period_end": row.get("period_end"),
                "period_note": row.get("period_note", ""),
                "summary": row["summary"].strip(),
            },
        )
        if not new:
            continue
        created += 1
        StatusChange.objects.create(
            review=review,
            previous_status=Status.DRAFT_REPORT,
            status=review.status,
            kind=review.kind,
            on=review.publication_date,
            note=TRANSCRIBED,
        )
        for number, item in enumerate(row["lessons"], start=1):
            lesson = Lesson.objects.create(
                review=review, number=number, title=item.get("title", ""), text=item["text"]
            )
            lesson.themes.set(themes[name] for name in item["themes"])
        # In the audit trail the lessons are the review's from its publication (see the data file).
        Lesson.history.filter(review_id=review.pk).update(
            history_date=noon(review.publication_date)
        )
        plan = open_plan(review, user=office_user)
        for ref, item in enumerate([*row["actions"], *data["common_actions"]], start=1):
            add_action(plan, str(ref), item, groups, office_user, on=review.publication_date)
        for item in data["dissemination"]:
            DisseminationTask.objects.create(
                review=review,
                task=item["task"],
                done_on=review.publication_date if item.get("on_publication") else item["on"],
                done_by=item["by"],
                note=item["note"],
            )
    for row in data["practice_reviews"]:
        review, new = CaseReview.objects.get_or_create(
            board=board,
            reference=row["reference"],
            defaults={
                "kind": row.get("recategorised_from", ReviewKind.PRACTICE),
                "status": Status.CLOSED,
                "summary": PRACTICE_SUMMARY,
            },
        )
        if not new:
            continue
        created += 1
        if "recategorised_from" in row:
            StatusChange.objects.create(
                review=review,
                previous_status=review.status,
                status=review.status,
                previous_kind=review.kind,
                kind=ReviewKind.PRACTICE,
                on=row["recategorised_on"],
                note=row["recategorised_note"],
            )
            review.kind = ReviewKind.PRACTICE
            review.save()
        StatusChange.objects.create(
            review=review, status=Status.CLOSED, kind=review.kind, on=YEAR_END, note=TRANSCRIBED
        )
    total = CaseReview.objects.filter(board=board).count()
    stdout.write(f"Case reviews: {total} ({created} added), {len(themes)} learning themes.")


def add_action(plan, ref, item, groups, user, *, on):
    """An action of a review's plan, added on the review's publication day `on`, its update (if it
    has one) dated at the end of the report's year: the plans as they stood at 31 March 2017."""
    action = Action(
        plan=plan,
        ref=ref,
        text=item["text"],
        named_owners=item.get("named_owners", ""),
        due_date=item.get("due"),
        created=noon(on),
    )
    action._history_user, action._history_date = user, noon(on)
    action.save()
    action.set_owners(groups[name] for name in item.get("owners", []))
    if item.get("update"):
        record_update(
            action, author=user, text=item["update"], rag=item["rag"], comment=TRANSCRIBED
        )
        Update.objects.filter(action=action).update(created=noon(YEAR_END))
        Action.history.filter(id=action.pk, history_type="~").update(history_date=noon(YEAR_END))
