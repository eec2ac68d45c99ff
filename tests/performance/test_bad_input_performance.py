"""Bad input, part 5: the performance scorecard. Markup in indicators and figures is escaped in its
pages, formulas are neutralised in its exports, and bad figure imports are refused whole."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from performance.models import Indicator, Measurement

from ..factories import BoardFactory

FORMULA = '=HYPERLINK("http://evil.example","x")'


def payload(label):
    return f'<script>alert("{label}")</script>'


FIELDS = [
    (Indicator, "description"),
    (Indicator, "area"),
    (Indicator, "source"),
    (Indicator, "notes"),
    (Measurement, "note"),
    (Measurement, "rag_reason"),
]


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=[f"{m.__name__}.{f}" for m, f in FIELDS])
def test_markup_is_escaped_in_the_scorecard_and_indicator_pages(
    login_as, board, measurement, model, field
):
    obj = measurement if model is Measurement else measurement.indicator
    value = payload(f"{model.__name__}.{field}")
    extra = (
        {"rag_override": "R"} if field == "rag_reason" else {}
    )  # a reason shows with its override
    model.objects.filter(pk=obj.pk).update(**{field: value}, **extra)
    client = login_as("office")
    shown = False
    for url in (
        reverse("performance:scorecard", args=[board.pk]),
        reverse("performance:indicator", args=[measurement.indicator_id]),
        reverse("performance:index"),
    ):
        html = client.get(url).content.decode()
        assert value not in html, url
        shown = shown or escape(value) in html
    assert shown, f"{model.__name__}.{field} is shown on none of the pages"


def export_url(board, fmt):
    return reverse("performance:export", args=[board.pk, fmt])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_scorecard_exports_neutralise_formulas(login_as, board, measurement, fmt):
    Indicator.objects.filter(pk=measurement.indicator_id).update(
        description=FORMULA, area="@SUM(1)"
    )
    response = login_as("member").get(export_url(board, fmt))
    assert response.status_code == 200
    if fmt == "csv":
        values = [c for row in csv.reader(io.StringIO(response.content.decode())) for c in row]
    else:
        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "'" + FORMULA in values and FORMULA not in values
    for value in values:
        assert value[:1] not in ("=", "@", "\t", "\r"), value


def post(client, board, name, content):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("performance:import", args=[board.pk]), {"file": file})


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("figures.csv", bytes(range(256)), "The file is not a CSV text file"),
        ("figures.xlsx", b"Code,Period end\n", "The file is not an Excel .xlsx workbook"),
        ("figures.pdf", b"%PDF-1.4", "The file must be a CSV or an Excel .xlsx file"),
    ],
    ids=["binary", "fake-xlsx", "pdf"],
)
def test_malformed_figure_files_are_refused(login_as, board, indicator, name, content, reason):
    response = post(login_as("office"), board, name, content)
    assert response.status_code == 200
    assert reason in " ".join(response.context["form"].errors["file"])
    assert not Measurement.objects.exists()


def test_100_000_figures_are_refused_whole(login_as, board, indicator, settings):
    settings.UPLOAD_MAX_BYTES = 50 * 1024 * 1024
    lines = ["Code,Period end,Value,Note"] + [
        f"CS2.0,31/03/2017,{i % 100}," for i in range(100_000)
    ]
    response = post(login_as("office"), board, "figures.csv", "\n".join(lines).encode())
    assert response.status_code == 200
    assert (
        f"The file has more than {settings.IMPORT_MAX_ROWS:,} figures" in response.content.decode()
    )
    assert not Measurement.objects.exists()


def test_another_boards_indicator_codes_are_unknown(login_as, board, indicator):
    elsewhere = BoardFactory()
    elsewhere.indicators.create(code="XB1", description="Elsewhere secret", polarity="high")
    content = b"Code,Period end,Value,Note\nXB1,31/03/2017,12,\n"
    response = post(login_as("office"), board, "figures.csv", content)
    assert response.status_code == 200
    assert "no indicator of the board has the code" in response.content.decode()
    assert not Measurement.objects.exists()
