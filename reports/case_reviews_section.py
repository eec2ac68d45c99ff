"""The annual report's case reviews section, as at the report's period end: the reviews published in
the year as their status log says (a review moved to published after the year's end is not in it,
whatever its publication date), of the kind they were then, with the lessons and recommendations
that existed then (their history) and their action plans' progress then (each action's latest
update on or before the period end)."""

from django.db.models import Count, Q

from actions.models import Action
from core.as_at import existing
from core.rag import DONE
from reviews.models import CaseReview, Lesson, Recommendation, ReviewKind, review_boards

from .content import table

NOT_SHOWN_REVIEWS = (
    "The board's case reviews are shown here to its office staff, chair and members and its case "
    "review group; they appear in the published report."
)


def period_under_review(review):
    if review.period_note:
        return review.period_note
    if review.period_start and review.period_end:
        return f"{review.period_start:%B %Y} to {review.period_end:%B %Y}"
    return ""


def lessons_at(reviews, day):
    """{review id: [(lesson as it was then, [its themes])]}: the lessons that existed at `day`."""
    records = existing(Lesson.history.filter(review_id__in=[r.pk for r in reviews]), day)
    records = list(records.order_by("review_id", "number"))
    themes = {}
    through = Lesson.themes.through.objects.filter(lesson_id__in=[r.id for r in records])
    for link in through.select_related("learningtheme").order_by("learningtheme__name"):
        themes.setdefault(link.lesson_id, []).append(link.learningtheme.name)
    by_review = {}
    for record in records:
        by_review.setdefault(record.review_id, []).append(
            (record.instance, themes.get(record.id, []))
        )
    return by_review


def recommendations_at(reviews, day):
    """{review id: how many recommendations it had at `day`}."""
    records = existing(Recommendation.history.filter(review_id__in=[r.pk for r in reviews]), day)
    counts = {}
    for review_id in records.values_list("review_id", flat=True):
        counts[review_id] = counts.get(review_id, 0) + 1
    return counts


def progress_at(reviews, day):
    """{review id: (actions complete, outstanding)} of the review's action plan as at `day`."""
    plans = {r.plan_id: r.pk for r in reviews if r.plan_id}
    rows = (
        Action.objects.filter(plan_id__in=plans)
        .as_at(day)
        .values("plan_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(rag_then__in=DONE)))
        .order_by()
    )
    return {plans[row["plan_id"]]: (row["done"], row["n"] - row["done"]) for row in rows}


def case_reviews(section, report, reader):
    """The reviews published in the year, their lessons, and how far their action plans had got, all
    as at the period end."""
    if not review_boards(reader).filter(pk=report.board_id).exists():
        return {"paragraphs": [NOT_SHOWN_REVIEWS]}
    day = report.period_end
    reviews = list(
        CaseReview.objects.visible_to(reader)
        .filter(board=report.board, publication_date__range=(report.period_start, day))
        .published_as_at(day)
        .order_by("publication_date", "reference")
    )
    if not reviews:
        return {"paragraphs": [f"No case review was published in the year to {day:%-d %B %Y}."]}
    lessons, recommendations = lessons_at(reviews, day), recommendations_at(reviews, day)
    progress = progress_at(reviews, day)
    n_lessons = sum(len(lessons.get(r.pk, [])) for r in reviews)
    n_recommendations = sum(recommendations.values())
    done = sum(progress.get(r.pk, (0, 0))[0] for r in reviews)
    open_ = sum(progress.get(r.pk, (0, 0))[1] for r in reviews)
    summary = (
        f"{len(reviews)} case reviews published in the year, with {n_lessons} lessons"
        + (f" and {n_recommendations} recommendations" if n_recommendations else "")
        + f"; {done} of their actions complete and {open_} outstanding at {day:%-d %B %Y}."
    )
    published = [
        [
            "Review",
            "Kind",
            "Published",
            "Period under review",
            "Lessons",
            "Actions complete",
            "Actions outstanding",
        ],
        *(
            [
                r.reference,
                ReviewKind(r.kind_then).label,
                f"{r.publication_date:%-d %B %Y}",
                period_under_review(r),
                len(lessons.get(r.pk, [])),
                *progress.get(r.pk, (0, 0)),
            ]
            for r in reviews
        ),
    ]
    learning = [
        ["Review", "Lesson", "Themes"],
        *(
            [f"{r.reference} {lesson.number}", lesson.title or lesson.lead, ", ".join(themes)]
            for r in reviews
            for lesson, themes in lessons.get(r.pk, [])
        ),
    ]
    return {
        "paragraphs": [summary],
        "tables": [table("Case reviews published", published), table("Lessons learned", learning)],
    }
