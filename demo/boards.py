"""Loads the Cumbria LSCB of the 2016-17 annual report: board, agencies, linked boards, groups, people.

The data is transcribed in data/cumbria.toml (its header records every transcription decision).
Everything is keyed on natural keys and saved only when it differs, so loading twice changes nothing.
"""

import tomllib
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from boards.models import Agency, Board, BoardAgency, BoardLink, BoardMembership, Role, Sector
from boards.roles import ROLE_IN_NEW_KIND
from subgroups.forms import save_terms_of_reference
from subgroups.models import MemberRole, Subgroup, SubgroupMembership

DATA = Path(__file__).parent / "data" / "cumbria.toml"
DEMO_PASSWORD = "demo-password-2017"  # noqa: S105 - published demo logins, refused when DEBUG is off

# The demo school is invented: the report counts 205 schools but names none.
DEMO_SCHOOL = {
    "name": "Fellside Primary School (demo)",
    "short_name": "Fellside Primary",
    "sector": Sector.SCHOOL,
}

# The demo logins of DESIGN.md. People are invented; their agencies and groups are the report's.
USERS = [
    {
        "email": "office@demo.lscb.test",
        "name": "Alex Morgan",
        "job_title": "LSCB Business Manager",
        "agency": "Cumbria County Council, Children's Services",
        "board_roles": [Role.OFFICE],
    },
    {
        "email": "chair@demo.lscb.test",
        "name": "Sam Taylor",
        "job_title": "LSCB Independent Chair",
        "agency": None,
        "board_roles": [Role.CHAIR, Role.MEMBER],
        "groups": [("Business", MemberRole.CHAIR)],
    },
    {
        "email": "pmqag.chair@demo.lscb.test",
        "name": "Priya Shah",
        "job_title": "Designated Nurse for Safeguarding Children",
        "agency": "Cumbria Clinical Commissioning Group",
        "groups": [("PMQAG", MemberRole.CHAIR), ("Business", MemberRole.MEMBER)],
    },
    {
        "email": "landi.chair@demo.lscb.test",
        "name": "Lee Jones",
        "job_title": "Named Nurse for Safeguarding Children",
        "agency": "Cumbria Partnership NHS Foundation Trust",
        "groups": [("L&I", MemberRole.CHAIR), ("Business", MemberRole.MEMBER)],
    },
    {
        "email": "police.lead@demo.lscb.test",
        "name": "Chris Walker",
        "job_title": "Detective Superintendent, Public Protection",
        "agency": "Cumbria Constabulary",
        "board_roles": [Role.AGENCY_LEAD],
    },
    {
        "email": "school.lead@demo.lscb.test",
        "name": "Jo Hughes",
        "job_title": "Headteacher and Designated Safeguarding Lead",
        "agency": DEMO_SCHOOL["name"],
        "board_roles": [Role.AGENCY_LEAD],
    },
    {
        "email": "member@demo.lscb.test",
        "name": "Robin Clarke",
        "job_title": "Director of Nursing",
        "agency": "North Cumbria University Hospitals",
        "board_roles": [Role.MEMBER],
    },
]


def upsert(model, lookup, values, user=None):
    """Get or create by `lookup`; write `values` only when they differ. Returns the object."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup)
    elif all(getattr(obj, field) == value for field, value in values.items()):
        return obj
    for field, value in values.items():
        setattr(obj, field, value)
    obj._history_user = user
    obj.save()
    return obj


def partner_agency(board, name, values):
    """The board's partner agency of this name, made (or brought up to date) from `values`.
    Agency names are unique per board only: another board's agency of the same name is not it."""
    agency = board.agencies.filter(name=name).first() or Agency(name=name)
    if agency.pk and all(getattr(agency, field) == value for field, value in values.items()):
        return agency
    for field, value in values.items():
        setattr(agency, field, value)
    agency._history_user = None
    agency.save()
    return agency


def date_partnerships(board):
    """In the audit trail the board's partners and their agencies join it on `partners_since` (see
    data/cumbria.toml), not on the day the demo was loaded: the annual report's membership section
    reads the partners at its year's end from that history. Only ever moves a date earlier."""
    since = tomllib.loads(DATA.read_text(encoding="utf-8"))["board"]["partners_since"]
    when = timezone.make_aware(datetime.combine(since, time.min))
    partners = BoardAgency.history.filter(board_id=board.pk, history_type="+")
    partners.filter(history_date__gt=when).update(history_date=when)
    agencies = Agency.history.filter(id__in=board.partners.values("agency"), history_type="+")
    agencies.filter(history_date__gt=when).update(history_date=when)


def load(stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    # A board switched to a partnership (`loaddemo --partnership`) keeps its new kind.
    switched = Board.objects.filter(name=data["board"]["name"], kind_from__isnull=False).exists()
    fields = (
        ("short_name", "area", "description")
        if switched
        else ("short_name", "kind", "area", "description")
    )
    board = upsert(
        Board,
        {"name": data["board"]["name"]},
        {k: data["board"][k] for k in fields},
    )
    agencies = {}
    for row in [*data["agencies"], {**DEMO_SCHOOL, "statutory": False, "represented": False}]:
        agency = partner_agency(
            board,
            row["name"],
            {
                "short_name": row["short_name"],
                "sector": row["sector"],
                "statutory": row["statutory"],
            },
        )
        upsert(BoardAgency, {"board": board, "agency": agency}, {"represented": row["represented"]})
        agencies[agency.name] = agency

    for row in data["linked_boards"]:
        other = upsert(
            Board,
            {"name": row["name"]},
            {"short_name": row["short_name"], "kind": row["kind"], "area": row["area"]},
        )
        upsert(BoardLink, {"board": board, "other": other}, {"description": row["link"]})

    groups = {}
    for row in data["subgroups"]:
        group = upsert(
            Subgroup,
            {"board": board, "name": row["name"]},
            {
                "short_name": row["short_name"],
                "aliases": "\n".join(row.get("aliases", [])),
                "kind": row["kind"],
                "parent": groups[row["parent"]] if row["parent"] else None,
                "purpose": row["purpose"],
                "chair_agency": agencies[row["chair"]] if row["chair"] else None,
                "chair_note": row["chair_note"],
            },
        )
        save_terms_of_reference(
            group, [text.strip() for text in row["responsibilities"]], user=None
        )
        groups[group.short_name] = group

    password_ok = settings.DEBUG
    people = {}
    for row in USERS:
        agency = agencies[row["agency"]] if row["agency"] else None
        user = people[row["email"]] = upsert(
            User,
            {"email": row["email"]},
            {"name": row["name"], "job_title": row["job_title"], "agency": agency},
        )
        if password_ok and not (user.has_usable_password() and user.check_password(DEMO_PASSWORD)):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif not password_ok and user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        for role in row.get("board_roles", []):
            if board.kind_from:  # switched: the role by its name at the new kind
                role = ROLE_IN_NEW_KIND.get(board.kind, {}).get(role, role)
            upsert(BoardMembership, {"user": user, "board": board, "role": role}, {})
        for short_name, role in row.get("groups", []):
            upsert(
                SubgroupMembership,
                {"user": user, "subgroup": groups[short_name]},
                {"role": role, "agency": agency},
            )

    stdout.write(
        f"Loaded {board.name}: {len(agencies)} agencies, {len(data['linked_boards'])} linked boards, "
        f"{len(groups)} groups, {sum(len(r['responsibilities']) for r in data['subgroups'])} responsibilities."
    )
    if password_ok:
        stdout.write(f"\nDemo logins (password {DEMO_PASSWORD}):")
        for row in USERS:
            roles = [r.label for r in row.get("board_roles", [])] + [
                f"{r.label} of {g}" for g, r in row.get("groups", [])
            ]
            stdout.write(f"  {row['email']:<32} {', '.join(roles)}")
    else:
        stdout.write(
            "DEBUG is off: demo accounts were created without passwords (the demo password is refused)."
        )
    return board, people
