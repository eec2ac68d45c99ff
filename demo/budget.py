"""Loads the board's budget for 2016-17 (data/budget_2016_17.toml, whose header records the
transcription decisions): the partners' contributions and the spend lines of the seed's section 10.
Idempotent: an existing budget for the year is left as it is."""

import tomllib
from pathlib import Path

from boards.models import Agency, Budget, Contribution, SpendLine

DATA = Path(__file__).parent / "data"


def load(board, office_user, stdout):
    data = tomllib.loads((DATA / "budget_2016_17.toml").read_text(encoding="utf-8"))
    budget = Budget.objects.filter(board=board, year=data["year"]).first()
    if budget is None:
        budget = Budget(
            board=board,
            year=data["year"],
            brought_forward=data["brought_forward"],
            notes=data["notes"],
        )
        budget._history_user = office_user
        budget.save()
        for spec in data["contributions"]:
            agency = Agency.objects.get(partnerships__board=board, short_name=spec["agency"])
            line = Contribution(
                budget=budget, agency=agency, label=spec.get("label", ""), amount=spec["amount"]
            )
            line._history_user = office_user
            line.save()
        for spec in data["spend"]:
            line = SpendLine(
                budget=budget,
                heading=spec["heading"],
                note=spec.get("note", ""),
                amount=spec["amount"],
            )
            line._history_user = office_user
            line.save()
    stdout.write(
        f"{budget}: {budget.contributions.count()} contributions, "
        f"{budget.spend_lines.count()} spend lines."
    )
    return budget
