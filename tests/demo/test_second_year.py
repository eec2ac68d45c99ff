"""The demo's second Section 11 year (illustrative, not transcribed: demo/data/section11_2017_18.toml):
a 2017-18 cycle open today in which the police and school leads find their own accepted 2016-17
answers beside each criterion, while the seed's 2016-17 table stays as printed."""

import datetime
import tomllib

from django.urls import reverse

from accounts.models import User
from audits.compliance import summary
from audits.models import AuditCycle, Criterion, SubmissionStatus
from demo.audits import SECOND_YEAR

from ..audits.test_audits import text_of
from ..reports.test_dashboard import home

LEADS = {
    "police.lead@demo.lscb.test": "Cumbria Constabulary",
    "school.lead@demo.lscb.test": "Fellside Primary School (demo)",
}


def cycle(name):
    return AuditCycle.objects.get(name=name)


def test_the_second_year_is_marked_illustrative():
    data = tomllib.loads(SECOND_YEAR.read_text(encoding="utf-8"))
    assert data["illustrative"] is True
    assert "ILLUSTRATIVE, NOT TRANSCRIBED" in SECOND_YEAR.read_text(encoding="utf-8")


def test_2017_18_is_open_today_and_2016_17_still_counts_the_seeds_433_returns(demo_board):
    today = datetime.date.today()
    assert list(AuditCycle.objects.open(today)) == [cycle("Section 11 audit 2017-18")]
    assert cycle("Section 11 audit 2017-18").previous == cycle("Section 11 audit 2016-17")
    assert not cycle("Section 11 audit 2017-18").submissions.exists()
    assert cycle("Section 11 audit 2016-17").closed == datetime.date(2017, 3, 31)
    last_year = cycle("Section 11 audit 2016-17")
    assert summary(last_year).responses == 433
    for agency in LEADS.values():
        assert last_year.submissions.get(agency__name=agency).status == SubmissionStatus.ACCEPTED


def test_the_leads_find_their_own_2016_17_answer_beside_every_criterion(demo_board, client):
    data = tomllib.loads(SECOND_YEAR.read_text(encoding="utf-8"))
    evidence = {row["agency"]: row["evidence"] for row in data["last_year"]}
    this_year = cycle("Section 11 audit 2017-18")
    for email, agency in LEADS.items():
        client.force_login(User.objects.get(email=email))
        response = client.post(reverse("audits:start", args=[this_year.pk]))
        assert response.status_code == 302
        submission = this_year.submissions.get(agency__name=agency)
        for standard in this_year.framework.standards.all():
            url = reverse("audits:standard", args=[submission.pk, standard.number])
            page = text_of(client.get(url))
            criteria = Criterion.objects.filter(standard=standard).count()
            assert page.count("Last year (Section 11 audit 2016-17): ") == criteria
            assert page.count(f"Evidence: {evidence[agency][standard.number - 1]}") == criteria
        other = next(name for name in LEADS.values() if name != agency)
        assert evidence[other][0] not in text_of(
            client.get(reverse("audits:standard", args=[submission.pk, 1]))
        )


def test_the_police_lead_sees_2017_18_to_do_and_2016_17_in_their_history(demo_board, client):
    client.force_login(User.objects.get(email="police.lead@demo.lscb.test"))
    to_do, history = home(client).split("Earlier cycles")
    assert "Section 11 audit 2017-18" in to_do and "Not started" in to_do
    assert "Section 11 audit 2016-17" not in to_do
    assert "Section 11 audit 2016-17" in history and "Accepted" in history
