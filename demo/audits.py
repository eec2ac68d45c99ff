"""Loads the Section 11 framework of the seed's section 18 (data/section11_2016.toml, whose header
records its transcription decisions) and the board's two audit cycles.

Decisions:
- 2016-17 ran from 8 December 2016 to 13 March 2017, as printed. The demo leaves it open for late
  returns (not closed by the office), so the demo's agency leads can complete theirs.
- 2015-16's dates are not printed; the demo assumes the same season a year earlier (7 December 2015
  to 14 March 2016) and marks it closed.
- Both years used the same nine standards (the report compares them one to one), so both cycles use
  one framework version.
- Every partner agency of the board is expected to return.
"""

import tomllib
from datetime import date
from pathlib import Path

from audits.models import AuditCycle, Criterion, Framework, Standard

DATA = Path(__file__).parent / "data" / "section11_2016.toml"
CYCLES = [
    {
        "name": "Section 11 audit 2015-16",
        "opens": date(2015, 12, 7),
        "closes": date(2016, 3, 14),
        "closed": date(2016, 3, 31),
    },
    {
        "name": "Section 11 audit 2016-17",
        "opens": date(2016, 12, 8),
        "closes": date(2017, 3, 13),
        "closed": None,
    },
]


def load(board, stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    framework, _ = Framework.objects.get_or_create(
        name=data["framework"]["name"],
        version=data["framework"]["version"],
        defaults={"description": data["framework"]["description"]},
    )
    for row in data["standards"]:
        standard, _ = Standard.objects.get_or_create(
            framework=framework,
            number=row["number"],
            defaults={"title": row["title"], "description": row["description"]},
        )
        for number, text in enumerate(row["criteria"], start=1):
            Criterion.objects.get_or_create(
                standard=standard, number=number, defaults={"text": text.strip()}
            )
    previous = None
    for spec in CYCLES:
        cycle, created = AuditCycle.objects.get_or_create(
            name=spec["name"], defaults={**spec, "framework": framework, "previous": previous}
        )
        if created:
            cycle.boards.add(board)
            cycle.expected.set(board.agencies.all())
        previous = cycle
    criteria = Criterion.objects.filter(standard__framework=framework).count()
    stdout.write(
        f"{framework}: {len(data['standards'])} standards, {criteria} criteria; {len(CYCLES)} audit cycles."
    )
