"""A published national table imported by mapping its columns once: the board remembers the mapping
and the next year's table of the same headings imports straight away, comparators and all."""

from decimal import Decimal

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


WIDE = (
    "time_period,geographic_level,area,Referrals received,Re-referral rate,CP plans at 31 March\n"
)


def test_a_wide_national_table_maps_a_column_to_each_item_once(board, office, login_as):
    """A published table with a row per area and a column per measure: each column mapped to an
    item (a value and a measure) once; the next year's table of the same headings imports at once."""
    dataset = library.add(board, "cin_cla", user=office)
    area = dataset.dimensions.get(name="Area")
    item = {v.label: v.pk for v in dataset.dimensions.get(name="Item").values.all()}
    number = dataset.measures.get(name="Number").pk
    per_cent = dataset.measures.get(name="Per cent").pk
    client = login_as("office")
    text = WIDE + "201516,Local authority,Local authority,5000,20.1,416\n"
    text += "201516,National,England,621470,22.3,x\n"
    response = upload(client, dataset, text)
    assert "Which columns hold what?" in response.content.decode()
    url = reverse("datasets:import", args=[dataset.pk])
    page = client.get(url + "?layout=wide")
    assert page.status_code == 200
    assert "Figures of Item: Referrals in the year (Number)" in page.content.decode()
    mapping = {
        "step": "map",
        "layout": "wide",
        "c0": "period",
        "c2": f"d{area.pk}",
        "c3": f"w{number}_{item['Referrals in the year']}",
        "c4": f"w{per_cent}_{item['Re-referrals within 12 months']}",
        "c5": "",
    }
    refused = client.post(url, {**mapping, "c1": "period"})
    assert "Period end is already column A" in refused.content.decode()
    response = client.post(url, mapping)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert dataset.figures.count() == 4
    england = dataset.dimensions.get(name="Area").values.get(label="England")
    rate = dataset.figures.get(
        measure_id=per_cent,
        cell=",".join(
            sorted([str(england.pk), str(item["Re-referrals within 12 months"])], key=int)
        ),
    )
    assert rate.value == Decimal("22.3")
    remembered = ImportMapping.objects.get(board=board, kind=ImportKind.DATASET)
    assert "Item: Referrals in the year (Number): “Referrals received”" in remembered.description
    # The next year: the remembered mapping, CP plans still not imported (not mapped).
    text = WIDE + "201617,Local authority,Local authority,4800,17.7,523\n"
    response = upload(client, dataset, text)
    assert response.status_code == 302
    assert dataset.figures.filter(period_end__year=2017).count() == 2
    page = client.get(dataset.get_absolute_url()).content.decode()
    assert "4,800" in page and "17.7%" in page


def test_a_wide_column_named_as_an_item_is_recognised(board, office, login_as):
    dataset = library.add(board, "private_fostering", user=office)
    client = login_as("office")
    text = "Period end,Local authority,Region,England\n2017-03-31,6,x,x\n2016-03-31,13,,\n"
    response = upload(client, dataset, text)
    assert response.status_code == 302
    assert dataset.figures.count() == 4  # the empty cells are no figure; x is not available
    assert dataset.figures.filter(value__isnull=True).count() == 2
