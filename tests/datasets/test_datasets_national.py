"""A published national table imported by mapping its columns once: the board remembers the mapping
and the next year's table of the same headings imports straight away, comparators and all."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.models import ImportKind, ImportMapping
from datasets import library

HEADINGS = "time_period,geographic_level,area_name,indicator,item_name,figure\n"


def upload(client, dataset, text):
    url = reverse("datasets:import", args=[dataset.pk])
    return client.post(url, {"file": SimpleUploadedFile("cin.csv", text.encode(), "text/csv")})


def test_the_office_maps_a_national_table_once_and_imports_two_years(board, office, login_as):
    dataset = library.add(board, "cin_cla", user=office)
    area, item = dataset.dimensions.get(name="Area"), dataset.dimensions.get(name="Item")
    client = login_as("office")
    text = HEADINGS + "201516,Local authority,Local authority,Number,Referrals in the year,5000\n"
    text += "201516,National,England,Number,Referrals in the year,621470\n"
    response = upload(client, dataset, text)
    assert response.status_code == 200
    assert "Which columns hold what?" in response.content.decode()
    assert not dataset.figures.exists()  # nothing before the mapping
    mapping = {
        "step": "map",
        "period": "0",
        "measure": "3",
        f"d{area.pk}": "2",
        f"d{item.pk}": "4",
        "value": "5",
    }
    response = client.post(reverse("datasets:import", args=[dataset.pk]), mapping)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert dataset.figures.count() == 2
    remembered = ImportMapping.objects.get(board=board, kind=ImportKind.DATASET)
    assert "Area: “area_name”" in remembered.description
    text = HEADINGS + "201617,Local authority,Local authority,Number,Referrals in the year,4800\n"
    text += "201617,National,England,Number,Referrals in the year,646120\n"
    response = upload(client, dataset, text)
    assert response.status_code == 302  # the remembered mapping: no second step
    built = dataset.figures.filter(period_end__year=2017).count()
    assert built == 2
    page = client.get(dataset.get_absolute_url()).content.decode()
    assert "646,120" in page and "4,800" in page
