from django.core.management.base import BaseCommand
from django.db import transaction

from demo import (
    actions,
    annual_report,
    audits,
    boards,
    budget,
    datasets,
    good_practice,
    partnership,
    performance,
    quality_audits,
    reviews,
    sar,
    security,
    surveys,
    training,
)


class Command(BaseCommand):
    help = "Load the Cumbria LSCB 2016-17 demo (idempotent: running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--partnership",
            action="store_true",
            help="Then make the board a safeguarding children partnership from 29 September 2019 "
            "(its 2016-17 report stays an LSCB's).",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            board, people = boards.load(self.stdout)
            plan = actions.load(board, people["office@demo.lscb.test"], self.stdout)
            actions.carry_on(plan, people, self.stdout)
            audits.load(board, self.stdout)
            boards.date_partnerships(board)
            adults_board, adults_people = sar.load(self.stdout)
            security.load({**people, **adults_people}, self.stdout)
            performance.load(board, people["office@demo.lscb.test"], self.stdout)
            performance.second_year(board, people["office@demo.lscb.test"], self.stdout)
            reviews.load(board, people["office@demo.lscb.test"], self.stdout)
            sar.load_review(adults_board, adults_people["sab.office@demo.lscb.test"], self.stdout)
            good_practice.load(board, self.stdout)
            quality_audits.load(board, people["office@demo.lscb.test"], self.stdout)
            training.load(board, people["office@demo.lscb.test"], self.stdout)
            surveys.load(board, people["office@demo.lscb.test"], self.stdout)
            datasets.load(board, people["office@demo.lscb.test"], self.stdout)
            budget.load(board, people["office@demo.lscb.test"], self.stdout)
            annual_report.load(board, people["office@demo.lscb.test"], self.stdout)
            if options["partnership"]:
                partnership.switch(board, people["office@demo.lscb.test"], self.stdout)
