"""Frameworks of standards: office staff add one, start a new version as a copy whose criteria
continue the old ones, and edit it until a cycle uses it; the year-on-year comparison and last year's
answers follow the criteria through the change."""

from django.urls import reverse

from audits.compliance import compliance
from audits.models import Criterion, Framework, Rating, Standard, SubmissionStatus
from audits.submitting import record_results
from audits.versions import new_version

from ..factories import AuditCycleFactory, CriterionFactory, StandardFactory, SubmissionFactory
from ..helpers import errors_of, page
from .test_audits import answer
from .test_compliance import fully_met_returns


def test_a_new_version_copies_every_criterion_and_continues_it(office, audit_cycle):
    old = audit_cycle.framework
    new = new_version(old, version="2018", user=office)
    assert (new.name, new.version, new.previous) == (old.name, "2018", old)
    pairs = [
        (
            c.standard.number,
            c.number,
            c.text,
            [(r.standard.number, r.number) for r in c.replaces.all()],
        )
        for c in Criterion.objects.filter(standard__framework=new).order_by(
            "standard__number", "number"
        )
    ]
    assert pairs == [
        (1, 1, "Commissioning requires safeguarding", [(1, 1)]),
        (1, 2, "A senior lead is named", [(1, 2)]),
        (2, 1, "Staff checks are reviewed regularly", [(2, 1)]),
    ]
    assert all(
        r.standard.framework == old
        for c in new.standards.get(number=1).criteria.all()
        for r in c.replaces.all()
    )
    assert new.history.get().history_user == office


def test_office_starts_a_new_version_from_the_framework_page(login_as, audit_cycle):
    client = login_as("office")
    url = reverse("audits:framework", args=[audit_cycle.framework.pk])
    assert "Start a new version" in page(client, url)
    response = client.post(url, {"version": "2018"})
    new = Framework.objects.get(version="2018")
    assert response.url == new.get_absolute_url()
    html = page(client, new.get_absolute_url())
    assert f"Continues 1.1 of {audit_cycle.framework}" in html
    assert "Add a criterion" in html  # not used by a cycle yet: editable
    # The same version twice is refused, with the reason.
    errors = errors_of(client.post(url, {"version": "2018"}))
    assert errors["version"] == [f"{new.name} already has a version 2018"]


def test_office_edits_a_draft_version(login_as, office, audit_cycle):
    new = new_version(audit_cycle.framework, version="2018", user=office)
    client = login_as("office")
    standard = new.standards.get(number=2)
    response = client.post(
        reverse("audits:criterion_add", args=[standard.pk]),
        {"number": 2, "text": "Recruiters are trained in safer recruitment", "replaces": []},
    )
    assert response.status_code == 302
    added = standard.criteria.get(number=2)
    assert added.history.get().history_user == office
    # A criterion may continue a criterion of another standard of the old version.
    old_1_2 = Criterion.objects.get(
        standard__framework=audit_cycle.framework, standard__number=1, number=2
    )
    client.post(
        reverse("audits:criterion_edit", args=[added.pk]),
        {"number": 2, "text": added.text, "replaces": [old_1_2.pk]},
    )
    assert list(added.replaces.all()) == [old_1_2]
    errors = errors_of(
        client.post(reverse("audits:criterion_add", args=[standard.pk]), {"number": 1, "text": "x"})
    )
    assert errors["number"] == ["Standard 2 already has a criterion 1"]
    client.post(
        reverse("audits:standard_add", args=[new.pk]), {"number": 3, "title": "Supervision"}
    )
    assert new.standards.get(number=3).title == "Supervision"
    client.post(reverse("audits:criterion_delete", args=[added.pk]), {"submit": "Yes, delete"})
    assert not Criterion.objects.filter(pk=added.pk).exists()
    client.post(reverse("audits:standard_delete", args=[standard.pk]), {"submit": "Yes, delete"})
    assert list(new.standards.values_list("number", flat=True)) == [1, 3]
    client.post(
        reverse("audits:framework_edit", args=[new.pk]), {"name": new.name, "version": "2018b"}
    )
    new.refresh_from_db()
    assert new.version == "2018b"


def test_a_framework_in_use_is_fixed(login_as, audit_cycle):
    framework = audit_cycle.framework
    standard = framework.standards.get(number=1)
    criterion = standard.criteria.first()
    client = login_as("office")
    for url in (
        reverse("audits:framework_edit", args=[framework.pk]),
        reverse("audits:standard_add", args=[framework.pk]),
        reverse("audits:standard_edit", args=[standard.pk]),
        reverse("audits:standard_delete", args=[standard.pk]),
        reverse("audits:criterion_add", args=[standard.pk]),
        reverse("audits:criterion_edit", args=[criterion.pk]),
        reverse("audits:criterion_delete", args=[criterion.pk]),
    ):
        assert client.post(url, {"number": 9, "text": "x", "title": "x"}).status_code == 403, url
    assert Standard.objects.filter(framework=framework).count() == 2
    assert "Add a criterion" not in page(client, framework.get_absolute_url())


def test_board_members_read_frameworks_but_cannot_start_versions(login_as, audit_cycle):
    client = login_as("member")
    assert str(audit_cycle.framework) in page(client, reverse("audits:frameworks"))
    url = reverse("audits:framework", args=[audit_cycle.framework.pk])
    assert "Start a new version" not in page(client, url)
    assert client.post(url, {"version": "2018"}).status_code == 403
    assert Framework.objects.count() == 1


def submitted(cycle, agency, ratings):
    submission = SubmissionFactory(cycle=cycle, agency=agency, status=SubmissionStatus.SUBMITTED)
    for ref, rating in ratings.items():
        answer(submission, ref, rating, improvement_action="Fix it")
    record_results(submission)
    return submission


def test_year_on_year_follows_the_criteria_into_renumbered_standards(
    office, audit_cycle, agency_x, agency_y, board
):
    # Last year: standard 1 fully met by three agencies (100%), standard 2 by two of three (67%).
    fully_met_returns(audit_cycle, board, ["Z"])
    submitted(
        audit_cycle, agency_x, {"1.1": Rating.FULLY, "1.2": Rating.FULLY, "2.1": Rating.FULLY}
    )
    submitted(
        audit_cycle, agency_y, {"1.1": Rating.FULLY, "1.2": Rating.FULLY, "2.1": Rating.NOT_MET}
    )
    new = new_version(audit_cycle.framework, version="2018", user=office)
    # The new version swaps the standards' numbers and adds a standard merged from both old ones.
    first, second = new.standards.get(number=1), new.standards.get(number=2)
    first.number, second.number = 9, 1
    first.save()
    second.save()
    first.number = 2
    first.save()
    merged = StandardFactory(framework=new, number=3, title="Merged")
    both = CriterionFactory(standard=merged, number=1)
    both.replaces.set(Criterion.objects.filter(standard__framework=audit_cycle.framework, number=1))
    this_year = AuditCycleFactory(
        framework=new, previous=audit_cycle, boards=audit_cycle.boards.all()
    )
    report = compliance(this_year)
    previous = {row.item.title: row.previous for row in report.standards}
    assert previous == {
        "Safe recruitment": 67,  # now standard 1
        "A clear line of accountability": 100,  # now standard 2
        "Merged": None,  # continues two standards: no single figure to compare
    }
