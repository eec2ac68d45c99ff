"""A board's published safeguarding adults reviews for the national SAR library: one row per review
with the fields of the library's coversheet (sar_library_coversheet.toml, which says what could not be
verified). References only, never names; the adult's age only as a band."""

from core.downloads import spreadsheet_response

from .models import PUBLISHED_STATUSES, CaseReview, LearningTheme, ReviewKind
from .sar import SarDetails, coversheet


def values(review, details, themes):
    """{coversheet key: cell} for one review (`details` may be None: the cells stay empty;
    `themes` the names of its lessons' themes, in order)."""
    row = {
        "review": review.reference,
        "sab": review.board.name,
        "published": review.publication_date.isoformat() if review.publication_date else "",
        "themes": "; ".join(themes),
    }
    if details:
        row |= {
            "abuse_types": "; ".join(details.abuse_type_labels()),
            "age_band": details.get_age_band_display() if details.age_band else "",
            "gender": details.get_gender_display() if details.gender else "",
            "ethnicity": details.get_ethnicity_display() if details.ethnicity else "",
            "methodology": details.get_methodology_display() if details.methodology else "",
            "s44": details.get_decision_display() if details.decision else "",
        }
    return row


def published(board):
    return (
        CaseReview.objects.filter(board=board, kind=ReviewKind.SAR, status__in=PUBLISHED_STATUSES)
        .select_related("board")
        .order_by("publication_date", "reference")
    )


def theme_names(reviews):
    """{review id: the names of the themes its lessons are tagged with, each once, by name}, in one
    query (theme names are unique on a board)."""
    found = {}
    pairs = (
        LearningTheme.objects.filter(lessons__review__in=reviews)
        .values_list("lessons__review", "name")
        .distinct()
        .order_by("name")
    )
    for review_id, name in pairs:
        found.setdefault(review_id, []).append(name)
    return found


def rows(board):
    fields = coversheet()["fields"]
    yield [field["label"] for field in fields]
    reviews = list(published(board))
    details = {d.review_id: d for d in SarDetails.objects.filter(review__in=reviews)}
    themes = theme_names(reviews)
    for review in reviews:
        row = values(review, details.get(review.pk), themes.get(review.pk, []))
        yield [row.get(field["key"], "") for field in fields]


def download(board, fmt):
    name = f"{board.short_name or 'sab'}-sar-library".replace(" ", "-").lower()
    return spreadsheet_response(rows(board), fmt, name, title="SAR library coversheet")
