"""The office defines a dataset, its dimensions and measures; the list and the audit trail."""

from django.urls import reverse

from datasets.models import Dataset, Dimension


def test_the_office_defines_a_dataset(board, agency_x, login_as):
    client = login_as("office")
    url = reverse("datasets:add", args=[board.pk])
    response = client.post(
        url,
        {
            "name": "Missing episodes",
            "description": "",
            "agency": agency_x.pk,
            "period_kind": "quarter",
            "source": "Police",
            "has_total": "on",
            "suppress_below": "",
        },
    )
    dataset = Dataset.objects.get(name="Missing episodes")
    assert response.url == dataset.get_absolute_url()
    assert (
        dataset.agency == agency_x and dataset.history.first().history_user.name == "Olive Office"
    )
    assert client.post(url, {"name": "missing episodes", "period_kind": "year"}).status_code == 200


def test_the_office_adds_and_edits_a_dimension_and_a_measure(dataset, login_as):
    client = login_as("office")
    response = client.post(
        reverse("datasets:dimension_add", args=[dataset.pk]),
        {
            "name": "Employer",
            "order": "2",
            "sums_to_total": "on",
            "within": dataset.dimensions.get(name="Category").pk,
            "values_text": "Health\nPolice\n",
        },
    )
    assert response.status_code == 302
    employer = Dimension.objects.get(dataset=dataset, name="Employer")
    assert [v.label for v in employer.values.all()] == ["Health", "Police"]
    url = reverse("datasets:dimension_edit", args=[employer.pk])
    token = client.get(url).context["form"]["seen_values"].value()
    response = client.post(
        url,
        {
            "name": "Employer",
            "order": "2",
            "sums_to_total": "on",
            "values_text": "Police\nEducation",
            "seen_values": token,
        },
    )
    assert response.status_code == 302
    assert [v.label for v in employer.values.all()] == ["Police", "Education"]
    response = client.post(
        reverse("datasets:measure_add", args=[dataset.pk]),
        {"name": "Staff suspended", "unit": "count", "decimals": "0", "order": "1"},
    )
    assert response.status_code == 302
    assert dataset.measures.filter(name="Staff suspended").exists()


def test_a_value_with_figures_cannot_be_taken_away(figures, dataset, login_as):
    client = login_as("office")
    category = dataset.dimensions.get(name="Category")
    url = reverse("datasets:dimension_edit", args=[category.pk])
    token = client.get(url).context["form"]["seen_values"].value()
    response = client.post(
        url,
        {
            "name": "Category",
            "order": "0",
            "sums_to_total": "on",
            "values_text": "Physical",
            "seen_values": token,
        },
    )
    assert "“Sexual” has figures" in response.content.decode()


def test_the_list_marks_what_the_lead_supplies(dataset, login_as, client):
    url = reverse("datasets:index", args=[dataset.board_id])
    assert "Your agency supplies it" in login_as("lead_x").get(url).content.decode()
    client.logout()
    page = login_as("lead_y").get(url).content.decode()
    assert "LADO allegations" in page and "Your agency supplies it" not in page


def test_the_audit_trail_shows_corrections_with_their_reasons(figures, dataset, login_as):
    figure = dataset.figures.get(cell="", period_end__year=2017)
    figure.value = 31
    figure._change_reason = "LADO recount"
    figure.save()
    page = login_as("lead_x").get(reverse("datasets:history", args=[dataset.pk])).content.decode()
    assert "LADO recount" in page and "Allegations, Total, 2016-17" in page


def test_the_list_query_count_does_not_grow_with_datasets(
    board, agency_x, login_as, django_assert_max_num_queries
):
    for n in range(30):
        Dataset.objects.create(board=board, name=f"Dataset {n}", agency=agency_x if n % 2 else None)
    client = login_as("lead_x")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("datasets:index", args=[board.pk]))
    assert response.content.decode().count("Your agency supplies it") == 15


def test_the_office_marks_the_headline_values_of_a_dimension(figures, dataset, login_as):
    client = login_as("office")
    category = dataset.dimensions.get(name="Category")
    url = reverse("datasets:dimension_edit", args=[category.pk])
    form = client.get(url).context["form"]
    assert form.fields["headlines"].choices == [("Physical", "Physical"), ("Sexual", "Sexual")]
    response = client.post(
        url,
        {
            "name": "Category",
            "order": "0",
            "sums_to_total": "on",
            "values_text": "Physical\nSexual",
            "headlines": ["Sexual"],
            "seen_values": form["seen_values"].value(),
        },
    )
    assert response.status_code == 302
    assert list(category.values.filter(headline=True).values_list("label", flat=True)) == ["Sexual"]
