"""Loads the illustrative safeguarding adults board beside the Cumbria board (data/illustrative_sab.toml,
made up, not transcribed: its header says so): its agencies, SAR subgroup, office, independent chair
and member, and one safeguarding adults review from referral to publication, with its section 44
decision, methodology, coversheet, quality markers, findings, recommendations and action plan.

Idempotent: the board, agencies and people are brought up to date; the review is created only once."""

import tomllib
from datetime import date
from pathlib import Path

from django.conf import settings

from accounts.models import User
from actions.models import Action, Update
from actions.updating import record_update
from boards.models import Board, BoardAgency, BoardMembership
from reviews.models import (
    CaseReview,
    LearningTheme,
    Lesson,
    Recommendation,
    ReviewSettings,
    Status,
)
from reviews.sar import SarDetails
from reviews.sar_workflow import decide, record_referral, save_markers
from reviews.workflow import move, open_plan
from subgroups.models import Subgroup, SubgroupMembership

from .boards import DEMO_PASSWORD, partner_agency, upsert
from .reviews import noon

DATA = Path(__file__).parent / "data" / "illustrative_sab.toml"
YEAR_END = date(2017, 3, 31)
DETAIL_FIELDS = ("condition", "concern", "decision", "decided_on", "rationale", "methodology",
                 "methodology_note", "abuse_types", "age_band", "gender", "ethnicity")  # fmt: skip


def load(stdout):
    """The board and its people: (board, {email: user})."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    spec = data["board"]
    board = upsert(Board, {"name": spec["name"]}, {k: spec[k] for k in spec if k != "name"})
    agencies = {}
    for row in data["agencies"]:
        agency = partner_agency(
            board, row["name"], {"short_name": row["short_name"], "sector": row["sector"]}
        )
        upsert(BoardAgency, {"board": board, "agency": agency}, {"represented": True})
        agencies[agency.name] = agency
    group = upsert(
        Subgroup,
        {"board": board, "name": data["subgroup"]["name"]},
        {"short_name": data["subgroup"]["short_name"], "purpose": data["subgroup"]["purpose"]},
    )
    ReviewSettings.objects.get_or_create(board=board, defaults={"case_review_group": group})
    people = {}
    for row in data["people"]:
        agency = agencies.get(row["agency"])
        user = people[row["email"]] = upsert(
            User,
            {"email": row["email"]},
            {"name": row["name"], "job_title": row["job_title"], "agency": agency},
        )
        if settings.DEBUG and not (
            user.has_usable_password() and user.check_password(DEMO_PASSWORD)
        ):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif not settings.DEBUG and user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        for role in row["roles"]:
            upsert(BoardMembership, {"user": user, "board": board, "role": role}, {})
        if row.get("group_role"):
            upsert(
                SubgroupMembership,
                {"user": user, "subgroup": group},
                {"role": row["group_role"], "agency": agency},
            )
    stdout.write(f"\nLoaded {board.name} (illustrative): {len(agencies)} agencies.")
    if settings.DEBUG:
        for row in data["people"]:
            stdout.write(f"  {row['email']:<32} {', '.join(row['roles'])} of {board.short_name}")
    return board, people


def load_review(board, office_user, stdout):
    """The board's one SAR, from referral to published, with everything a SAR records."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    spec = data["sar"]
    if CaseReview.objects.filter(board=board, reference=spec["reference"]).exists():
        return
    review = CaseReview(
        board=board,
        reference=spec["reference"],
        incident_date=None,
        period_note="The year before the adult's death",
        summary=spec["referral_summary"],
    )
    details = SarDetails(
        referral_date=spec["referral_date"],
        referrer=spec["referrer"],
        referral_summary=spec["referral_summary"],
    )
    record_referral(review, details, user=office_user)
    for field in DETAIL_FIELDS:
        setattr(details, field, spec[field])
    decide(details, user=office_user)
    themes = {}
    for row in data["themes"]:
        themes[row["name"]], _ = LearningTheme.objects.get_or_create(
            board=board, name=row["name"], defaults={"description": row["description"]}
        )
    markers = {n: tuple(pair) for n, pair in enumerate(spec["markers"], start=1)}
    for status, on, note in spec["moves"]:
        move(review, status, user=office_user, on=on, note=note)
        if status == Status.IN_PROGRESS:
            save_markers(details, {n: markers[n] for n in range(1, 13)}, user=office_user)
    save_markers(details, markers, user=office_user)
    published = review.publication_date
    for number, item in enumerate(spec["findings"], start=1):
        lesson = Lesson(review=review, number=number, title=item["title"], text=item["text"])
        lesson._history_user = office_user
        lesson.save()
        lesson.themes.set(themes[name] for name in item["themes"])
    plan = open_plan(review, user=office_user)
    group = board.review_settings.case_review_group
    for number, (text, item) in enumerate(
        zip(spec["recommendations"], spec["actions"], strict=True), start=1
    ):
        recommendation = Recommendation(review=review, number=number, text=text)
        recommendation._history_user = office_user
        recommendation.save()
        action = Action(
            plan=plan,
            ref=str(number),
            text=item["text"],
            due_date=item["due"],
            created=noon(published),
        )
        action._history_user, action._history_date = office_user, noon(published)
        action.save()
        action.set_owners([group])
        recommendation.actions.add(action)
        record_update(action, author=office_user, text=item["update"], rag=item["rag"])
        Update.objects.filter(action=action).update(created=noon(YEAR_END))
        Action.history.filter(id=action.pk, history_type="~").update(history_date=noon(YEAR_END))
    # In the audit trail the findings and recommendations are the review's from its publication, and
    # the actions' ratings from the end of its year: the annual report reads them as at that day.
    Lesson.history.filter(review_id=review.pk).update(history_date=noon(published))
    Recommendation.history.filter(review_id=review.pk).update(history_date=noon(published))
    stdout.write(
        f"\n{review.reference} of {board.short_name}: a safeguarding adults review, published."
    )
