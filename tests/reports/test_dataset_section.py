"""An annual report section drawn from a dataset, as at the report's period end."""

import datetime

from django.urls import reverse

from reports import annual
from reports.models import AnnualReport, Section, SectionKind

from ..datasets.conftest import dataset, figures  # noqa: F401  (fixtures)


def report_with(board, data, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=datetime.date(2016, 4, 1),
        period_end=datetime.date(2017, 3, 31),
    )
    Section.objects.create(
        report=report, number=1, title="LADO", kind=SectionKind.DATASET, dataset=data
    )
    return report


def test_the_section_shows_the_dataset_as_at_the_period_end(board, office, figures, dataset):  # noqa: F811
    dataset.figures.create(
        measure=dataset.measures.get(), period_end=datetime.date(2018, 3, 31), cell="", value=99
    )
    dataset.suppress_below = 5
    dataset.save()
    built = annual.build(report_with(board, dataset, office), office)
    section = built["sections"][0]
    assert section["paragraphs"][0] == "Allegations: total in 2016-17: 30 (2015-16: 20)."
    by_category, by_outcome = section["tables"]
    assert by_category["head"] == ["Category", "2015-16", "2016-17"]  # not 2017-18
    assert by_category["rows"][-1] == ["Total", "20", "30"]
    assert by_outcome["rows"] == [["Substantiated", "fewer than 5", "fewer than 5"]]


def test_the_office_chooses_the_dataset_of_a_section(board, office, figures, dataset, login_as):  # noqa: F811
    report = report_with(board, dataset, office)
    section = report.sections.get()
    client = login_as("office")
    url = reverse("reports:section_edit", args=[section.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["dataset"].queryset) == [dataset]
    response = client.get(reverse("reports:annual", args=[report.pk]))
    assert "LADO allegations: allegations by category" in response.content.decode()


def test_the_report_on_a_page_shows_the_datasets_headline_figures(board, office, figures, dataset):  # noqa: F811
    report = report_with(board, dataset, office)
    Section.objects.create(report=report, number=2, title="On a page", kind=SectionKind.ON_A_PAGE)
    dataset.figures.create(
        measure=dataset.measures.get(), period_end=datetime.date(2018, 3, 31), cell="", value=99
    )

    def statistics():
        page = annual.build(report, office)["sections"][1]
        return page["tables"][1]

    # No headline value: the total, as at the period end (not 2017-18's 99).
    found = statistics()
    assert found["caption"] == "Performance and data as at 31 March 2017"
    assert found["head"] == ["Dataset", "Figure", "The period before", "Latest"]
    assert found["rows"] == [
        ["LADO allegations", "Total, allegations", "20 (2015-16)", "30 (2016-17)"]
    ]
    dataset.dimensions.get(name="Outcome").values.update(headline=True)
    dataset.suppress_below = 5
    dataset.save()
    assert statistics()["rows"] == [
        [
            "LADO allegations",
            "Substantiated, allegations",
            "fewer than 5 (2015-16)",
            "fewer than 5 (2016-17)",
        ]
    ]
