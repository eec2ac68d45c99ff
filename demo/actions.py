"""Loads the 2016-17 business plan update of the seed's section 28 through the plan importer itself,
so the demo is also a test of the import that offices use.

The table in data/business_plan_2016_17.csv is transcribed as printed, with these decisions
(the transcription's own notes are in the commit that added it):

- OCR: 16 RAGs printed as Cyrillic "С" are C (1.3, 1.7, 1.9, 1.12, 1.16, 1.19, 3.4, 3.5, 3.6, 4.1, 4.2,
  4.4, 6.3, 8.1, 8.4, 9.1); 2.4's Cyrillic "А" is A.
- Theme titles are cut short by the OCR ("1. Lea", "2. Qua"); they are rebuilt from the fragments:
  1 Leadership and Governance, 2 Quality Assurance and Performance Management, 5 Learning from Case
  Reviews, 7 Child Sexual Exploitation and Missing from Home.
- The four unnumbered actions printed after 1.17 are 1.18 to 1.21, in their printed order.
- 3.2 is printed twice: the first (Early Help plans) keeps 3.2; the second (Section 11 and staff
  survey questions) is 3.6, the next free ref, rather than changing a printed ref to "3.2a".
- Theme 7's unnumbered action ("Develop an action plan based on the findings of the CSE
  Self-Assessment") is 7.5. Its owner is blank as printed.
- 7.3's RAG is illegible (printed "ח"). Its update reports work in progress with a dated next step,
  which reads as green, but a guess is not a rating: it is loaded NOT RATED, as in RATING_DECISIONS.
- 4.5's owner says "(linked to 5.5)"; there is no 5.5, and 5.4 says it is linked to 4.5, so the link
  is to 5.4 (LINK_FIXES).
- Two people's names in the update text (3.3, 7.3) are replaced by their roles (REDACTIONS): the demo
  holds no names of real people.
- The plan's 2017-18 (data/business_plan_2017_18.toml) is ILLUSTRATIVE, NOT TRANSCRIBED: its update
  rounds after the report and the updates made in them (carry_on below); its header says what it sets up.
- Owner names as the plan prints them ("Policies and Procedures sub group", "Neglect task group")
  match their groups through the groups' other names (aliases in data/cumbria.toml). Owners that are
  roles ("LSCB Senior Manager", "LSCB Business Group and CTB", "LSCB Chair; all LSCB Members") stay
  named owners.
"""

import tomllib
from datetime import date, datetime, time
from pathlib import Path

from django.utils import timezone

from actions.importing import import_plan, parse
from actions.models import Action, Plan, PlanKind, Update
from core.spreadsheets import read_table

DATA = Path(__file__).parent / "data" / "business_plan_2016_17.csv"
SECOND_YEAR = Path(__file__).parent / "data" / "business_plan_2017_18.toml"
PLAN_NAME = "LSCB Business Plan 2016-19"
CYCLE_DATES = (date(2017, 3, 1), date(2017, 4, 28))
UPDATED_ON = timezone.make_aware(datetime(2017, 4, 28, 12, 0))

RATING_DECISIONS = {"7.3": ""}  # illegible: not rated
LINK_FIXES = {"4.5": ("(linked to 5.5)", "(linked to 5.4)")}
REDACTIONS = {
    "3.3": ("facilitated by Claire Burgess", "facilitated by an external facilitator"),
    "7.3": ("Jon Owen from Brathay", "A representative of Brathay"),
}


def corrected(table):
    header, *rows = table
    fixed = [header]
    for row in rows:
        row = list(row)
        ref = row[1]
        if ref in LINK_FIXES:
            row[3] = row[3].replace(*LINK_FIXES[ref])
        if ref in REDACTIONS:
            row[6] = row[6].replace(*REDACTIONS[ref])
        if ref in RATING_DECISIONS:
            row[7] = RATING_DECISIONS[ref]
        fixed.append(row)
    return fixed


def load(board, office_user, stdout):
    plan, created = Plan.objects.get_or_create(
        board=board,
        name=PLAN_NAME,
        defaults={
            "kind": PlanKind.BUSINESS,
            "description": "The board's three-year business plan, nine themes.",
        },
    )
    if plan.actions.exists():
        stdout.write(f"{PLAN_NAME}: already loaded, unchanged.")
        return plan
    parsed = parse(corrected(read_table(DATA.name, DATA.read_bytes())), board)
    if parsed.errors:
        raise ValueError(f"The demo business plan does not import: {parsed.errors}")
    opens, deadline = CYCLE_DATES
    cycle, _ = plan.cycles.get_or_create(
        name=parsed.cycle_name, defaults={"opens": opens, "deadline": deadline}
    )
    actions = import_plan(plan, parsed, user=office_user, cycle=cycle, imported_on=UPDATED_ON)
    # In the audit trail too the actions join the plan on the table's date, before the dated
    # changes of carry_on: a change older than its record's creation would show nothing.
    Action.history.filter(plan_id=plan.pk, history_type="+").update(history_date=UPDATED_ON)
    stdout.write(f"{PLAN_NAME}: {len(actions)} actions in {plan.themes.count()} themes.")
    return plan


def carry_on(plan, people, stdout):
    """The plan's illustrative 2017-18 (data/business_plan_2017_18.toml): its update rounds after the
    report, and the updates made in them, each dated in its round, by its author, with the action's
    RAG and history as that update left them. Done once: a plan with updates in those rounds is left
    as it is."""
    data = tomllib.loads(SECOND_YEAR.read_text(encoding="utf-8"))
    cycles = {
        spec["name"]: plan.cycles.get_or_create(name=spec["name"], defaults=spec)[0]
        for spec in data["cycles"]
    }
    if Update.objects.filter(cycle__in=cycles.values()).exists():
        return
    actions = {action.ref: action for action in plan.actions.all()}
    office = people["office@demo.lscb.test"]
    for spec in sorted(data["updates"], key=lambda spec: spec["on"]):
        action, author = actions[spec["ref"]], people[spec.get("by", office.email)]
        when = timezone.make_aware(datetime.combine(spec["on"], time(12)))
        action.rag, action.version = spec["rag"], action.version + 1
        action._history_user, action._history_date = author, when
        action.save()
        Update.objects.create(
            action=action,
            cycle=cycles[spec["cycle"]],
            text=spec["text"],
            rag=spec["rag"],
            comment=spec.get("comment", ""),
            author=author,
            created=when,
            action_version=action.version,
        )
    stdout.write(
        f"{plan.name}, 2017-18 (illustrative): {len(data['updates'])} updates in "
        f"{len(cycles)} rounds."
    )
