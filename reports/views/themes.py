"""Learning themes across the board's work: under each theme, what multi-agency quality audits found
what case reviews' lessons say, and the training courses on it (each linking to the reviews and
audits it answers). Each part shows only what the reader may read: audits to the
board's people, lessons to those who read its case reviews."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from audits.models import Finding, QualityAudit
from boards.models import Board, LearningTheme
from learning.models import Course
from reviews.models import CaseReview, Lesson, review_boards


@login_required
def themes(request):
    user = request.user
    findings = (
        Finding.objects.filter(audit__in=QualityAudit.objects.visible_to(user))
        .select_related("audit__group")
        .order_by("audit__planned_month", "audit__theme", "-kind", "pk")
    )
    lessons = (
        Lesson.objects.filter(review__in=CaseReview.objects.visible_to(user))
        .select_related("review")
        .order_by("review__reference", "number")
    )
    boards = Board.objects.visible_to(user)
    themes = (
        LearningTheme.objects.filter(board__in=boards)
        .select_related("board")
        .prefetch_related(
            Prefetch("audit_findings", queryset=findings, to_attr="visible_findings"),
            Prefetch("lessons", queryset=lessons, to_attr="visible_lessons"),
            Prefetch("courses", queryset=Course.objects.order_by("title"), to_attr="theme_courses"),
        )
        .order_by("board__name", "name")
    )
    return render(
        request,
        "reports/themes.html",
        {
            "themes": themes,
            "reads_reviews": review_boards(user).exists(),
            "several_boards": boards.count() > 1,
        },
    )
