"""Run by bench/run.py in the environment of one benchmark database: prints, as JSON, the ids the
key pages need, how many records each shows, and signed-in sessions for each role (made directly in
the session store, as Django's test client does, so the benchmark needs no passwords)."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.two_factor import confirmed_device, two_factor_required  # noqa: E402
from actions.models import Action, Plan  # noqa: E402
from audits.models import COUNTED, AuditCycle, Submission  # noqa: E402
from demo.scale import demo_board  # noqa: E402
from reports.models import AnnualReport  # noqa: E402

ROLES = {
    "office": "office@demo.lscb.test",
    "chair": "chair@demo.lscb.test",
    "subgroup chair": "pmqag.chair@demo.lscb.test",
    "agency lead": "police.lead@demo.lscb.test",
    "member": "member@demo.lscb.test",
    "national office": "office@ssp001.scale.test",  # a synthetic board's office (factor 2 and up)
    "system administrator": "sysadmin@bench.lscb.test",  # made here: the admin is theirs alone
}


def sessions(user, count):
    """Signed-in sessions, past the second factor for those who need one (as if they gave the code)."""
    device = confirmed_device(user)
    if device is None and two_factor_required(user):
        device = TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
    keys = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        if device:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return keys


def main(count):
    board = demo_board()
    plan = Plan.objects.filter(board=board).order_by("pk").first()
    action = Action.objects.get(plan=plan, ref="1.1")
    ids = {"board": board.pk, "plan": plan.pk, "action": action.pk}
    records = {
        "board": plan.board.plans.count(),
        "plan": plan.actions.count(),
        "action": action.updates.count(),
    }
    cycles = {
        "cycle": "Section 11 audit 2016-17",
        "national_2015": "National Section 11 audit 2015-16 (synthetic)",
        "national_2016": "National Section 11 audit 2016-17 (synthetic)",
    }
    for key, name in cycles.items():
        cycle = AuditCycle.objects.filter(name=name).first()
        if cycle:
            ids[key] = cycle.pk
            records[key] = Submission.objects.filter(cycle=cycle, status__in=COUNTED).count()
    national_office = User.objects.filter(email=ROLES["national office"]).first()
    for key, office in (("annual", ROLES["office"]), ("national_annual", ROLES["national office"])):
        report = AnnualReport.objects.filter(board__memberships__user__email=office).first()
        if report:
            ids[key] = report.pk
            records[key] = report.sections.count()
    if national_office:
        ids["national_board"] = national_office.board_memberships.first().board_id
    if not User.objects.filter(email=ROLES["system administrator"]).exists():
        User.objects.create_superuser(ROLES["system administrator"], name="Benchmark Admin")
    users = {role: User.objects.filter(email=email).first() for role, email in ROLES.items()}
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "ids": ids,
                "records": records,
                "sessions": {role: sessions(u, count) for role, u in users.items() if u},
                "postgres": postgres,
                "django": django.get_version(),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
