import datetime
from decimal import Decimal

from django.urls import reverse

from datasets import library, tables
from datasets.figures import structure, total_problems
from datasets.models import Dataset, Figure

from .conftest import YEAR_END, key_of


def test_the_parts_must_add_up_to_the_total(dataset):
    shape = structure(dataset)
    m = dataset.measures.get().pk
    good = {(m, ""): Decimal(5), (m, key_of(dataset, "Physical")): Decimal(5)}
    assert total_problems(shape, good) == []
    bad = {**good, (m, key_of(dataset, "Sexual")): Decimal(1)}
    assert total_problems(shape, bad) == [
        "Allegations: the figures by category add up to 6, but the total is 5"
    ]
    outcomes = {**good, (m, key_of(dataset, "Substantiated")): Decimal(50)}
    assert total_problems(shape, outcomes) == []  # outcomes do not add up
    partial = {(m, ""): Decimal(9), (m, key_of(dataset, "Physical")): Decimal(2)}
    assert total_problems(shape, partial) == []  # checked once every part is in


def test_the_page_shows_the_table_year_on_year_and_a_chart(figures, dataset, login_as):
    response = login_as("member").get(dataset.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "LADO allegations: allegations by category" in content
    assert "2015-16" in content and "2016-17" in content
    assert "<svg" in content and "2016-17: 30" in content


def test_as_at_a_date_ignores_later_periods(figures, dataset):
    built, series, days = tables.build(dataset, datetime.date(2016, 12, 31))
    assert days == [datetime.date(2016, 3, 31)]
    assert built[0]["rows"][-1] == ["Total", "20"]


def test_published_outputs_suppress_small_numbers(figures, dataset):
    dataset.suppress_below = 5
    dataset.save()
    built, _, _ = tables.build(dataset, YEAR_END, published=True)
    outcome = built[1]
    assert outcome["rows"] == [["Substantiated", "fewer than 5", "fewer than 5"]]
    assert tables.build(dataset, YEAR_END)[0][1]["rows"] == [["Substantiated", "3", "3"]]


def period_post(dataset, day, values, **extra):
    m = dataset.measures.get().pk
    data = {
        "period_end_0": str(day.day),
        "period_end_1": str(day.month),
        "period_end_2": str(day.year),
        "source": "LADO database",
    }
    for labels, value in values.items():
        key = key_of(dataset, *labels) if labels else ""
        data[f"m{m}_c{key.replace(',', '_') or 'total'}"] = str(value)
    return {**data, **extra}


def test_the_agency_lead_enters_a_period(dataset, login_as):
    client = login_as("lead_x")
    url = reverse("datasets:period", args=[dataset.pk])
    assert client.get(url).status_code == 200
    day = datetime.date(2018, 3, 31)
    response = client.post(
        url, period_post(dataset, day, {(): 10, ("Physical",): 4, ("Sexual",): 6})
    )
    assert response.status_code == 302
    assert dataset.figures.filter(period_end=day).count() == 3
    figure = dataset.figures.get(period_end=day, cell="")
    assert figure.source == "LADO database"
    assert figure.history.first().history_user.name == "Lee Lead"


def test_a_period_that_does_not_add_up_is_refused(dataset, login_as):
    client = login_as("office")
    url = reverse("datasets:period", args=[dataset.pk])
    day = datetime.date(2018, 3, 31)
    response = client.post(
        url, period_post(dataset, day, {(): 10, ("Physical",): 4, ("Sexual",): 5})
    )
    assert response.status_code == 200
    assert "add up to 9, but the total is 10" in response.content.decode()
    assert not dataset.figures.exists()


def test_correcting_a_stored_period_needs_a_reason(figures, dataset, login_as):
    client = login_as("office")
    url = reverse("datasets:period_edit", args=[dataset.pk, "2017-03-31"])
    form = client.get(url).context["form"]
    token = form["seen_values"].value()
    values = {(): 31, ("Physical",): 22, ("Sexual",): 9, ("Substantiated",): 3}
    data = period_post(dataset, YEAR_END, values, seen_values=token)
    response = client.post(url, data)
    assert "Say why the stored figures change" in response.content.decode()
    response = client.post(url, {**data, "reason": "LADO recount"})
    assert response.status_code == 302
    total = dataset.figures.get(period_end=YEAR_END, cell="")
    assert total.value == 31
    assert total.history.first().history_change_reason == "LADO recount"


def test_who_may_enter_figures(dataset, login_as, client):
    url = reverse("datasets:period", args=[dataset.pk])
    assert client.get(url).status_code == 302  # anonymous
    for role, status in {
        "lead_y": 403,  # another agency's lead
        "member": 403,  # reads, does not write
        "outsider": 404,  # another board
        "other_board_lead": 404,
        "office": 200,
        "lead_x": 200,
    }.items():
        client.logout()
        assert login_as(role).get(url).status_code == status, role


def test_a_figure_is_corrected_and_deleted_with_a_reason(figures, dataset, login_as):
    client = login_as("lead_x")
    figure = dataset.figures.get(period_end=YEAR_END, cell=key_of(dataset, "Substantiated"))
    url = reverse("datasets:figure_edit", args=[figure.pk])
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "value": "4",
            "source": "LADO",
            "note": "",
            "reason": "Recount",
            "seen_values": form["seen_values"].value(),
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == 4
    # a part that breaks its total is refused
    part = dataset.figures.get(period_end=YEAR_END, cell=key_of(dataset, "Physical"))
    form = client.get(reverse("datasets:figure_edit", args=[part.pk])).context["form"]
    response = client.post(
        reverse("datasets:figure_edit", args=[part.pk]),
        {
            "value": "1",
            "source": "",
            "note": "",
            "reason": "x",
            "seen_values": form["seen_values"].value(),
        },
    )
    assert "add up to" in response.content.decode()
    delete = reverse("datasets:figure_delete", args=[figure.pk])
    assert client.post(delete, {"reason": ""}).status_code == 200
    assert client.post(delete, {"reason": "Entered in error"}).status_code == 302
    assert not Figure.objects.filter(pk=figure.pk).exists()
    assert Figure.history.filter(id=figure.pk).first().history_change_reason == "Entered in error"
    other = reverse("datasets:figure_delete", args=[part.pk])
    client.logout()
    assert login_as("lead_y").get(other).status_code == 403


def test_the_library_adds_a_standard_dataset_with_one_choice(board, login_as):
    client = login_as("office")
    url = reverse("datasets:add_from_library", args=[board.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"key": "lado"})
    dataset = Dataset.objects.get(board=board, library_key="lado")
    assert response.url == dataset.get_absolute_url()
    assert dataset.dimensions.get(name="Employer").within.name == "Category"
    assert ("lado", "LADO allegations") not in library.choices(board)


def test_every_library_entry_loads(board, office):
    for key in library.entries():
        dataset = library.add(board, key, user=office)
        assert structure(dataset).cells


def test_the_list_and_page_are_not_shown_to_another_board(dataset, login_as):
    client = login_as("outsider")
    assert client.get(dataset.get_absolute_url()).status_code == 404
    assert client.get(reverse("datasets:index", args=[dataset.board_id])).status_code == 404


def test_the_page_query_count_does_not_grow_with_figures(
    lado, login_as, django_assert_max_num_queries
):
    measure = lado.measures.get()
    shape = structure(lado)
    rows = []
    for year in range(2008, 2018):
        for cell in shape.cells:
            rows.append(
                Figure(
                    dataset=lado,
                    measure=measure,
                    period_end=datetime.date(year, 3, 31),
                    cell=cell.key,
                    value=1,
                )
            )
    Figure.objects.bulk_create(rows)
    client = login_as("member")
    with django_assert_max_num_queries(25):
        assert client.get(lado.get_absolute_url()).status_code == 200
