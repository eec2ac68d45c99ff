"""The list of case reviews as a spreadsheet (CSV or XLSX), formulas neutralised by actions' writers."""

from core.downloads import spreadsheet_response

HEADER = [
    "Board",
    "Reference",
    "Kind",
    "Status",
    "Incident",
    "Became known",
    "Notification due",
    "Notified",
    "Rapid review due",
    "Rapid review completed",
    "Decision",
    "Published",
    "Period under review",
    "Lessons",
    "Actions completed",
    "Actions outstanding",
]


def iso(day):
    return day.isoformat() if day else ""


def period(review):
    if review.period_start and review.period_end:
        return f"{review.period_start:%d/%m/%Y} to {review.period_end:%d/%m/%Y}"
    return review.period_note


def rows(reviews):
    """Header, then one row per review (annotated with `with_counts`)."""
    yield HEADER
    for review in reviews:
        yield [
            review.board.short_name,
            review.reference,
            review.get_kind_display(),
            review.status_label,
            iso(review.incident_date),
            iso(review.known_date),
            iso(review.notification_due),
            iso(review.notified_date),
            iso(review.rapid_review_due),
            iso(review.rapid_review_date),
            iso(review.decision_date),
            iso(review.publication_date),
            period(review),
            review.lesson_count,
            review.completed,
            review.outstanding,
        ]


def download(reviews, fmt, name="case-reviews"):
    return spreadsheet_response(rows(reviews), fmt, name, title="Case reviews")
