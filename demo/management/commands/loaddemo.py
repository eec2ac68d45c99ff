from django.core.management.base import BaseCommand
from django.db import transaction

from demo import actions, annual_report, audits, boards, datasets, performance, reviews, security


class Command(BaseCommand):
    help = "Load the Cumbria LSCB 2016-17 demo (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            board, people = boards.load(self.stdout)
            plan = actions.load(board, people["office@demo.lscb.test"], self.stdout)
            actions.carry_on(plan, people, self.stdout)
            audits.load(board, self.stdout)
            security.load(people, self.stdout)
            performance.load(board, people["office@demo.lscb.test"], self.stdout)
            performance.second_year(board, people["office@demo.lscb.test"], self.stdout)
            reviews.load(board, people["office@demo.lscb.test"], self.stdout)
            datasets.load(board, people["office@demo.lscb.test"], self.stdout)
            annual_report.load(board, people["office@demo.lscb.test"], self.stdout)
