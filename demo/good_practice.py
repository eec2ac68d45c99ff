"""Loads the good practice catalogue's examples (data/good_practice.toml, whose header records every
transcription decision): four published, one waiting for the office's approval.

Idempotent: an example is created only when the board has none of its title."""

import tomllib
from datetime import datetime, time
from pathlib import Path

from django.utils import timezone

from accounts.models import User
from audits.models import GoodPractice, GoodPracticeStatus
from boards.models import LearningTheme

DATA = Path(__file__).parent / "data" / "good_practice.toml"


def load(board, stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    published_on = data["published_on"]
    sent = timezone.make_aware(datetime.combine(published_on, time(9)))
    created = 0
    for row in data["examples"]:
        if GoodPractice.objects.filter(board=board, title=row["title"]).exists():
            continue
        user = User.objects.get(email=row["sent_by"])
        published = row["status"] == GoodPracticeStatus.PUBLISHED
        example = GoodPractice(
            board=board,
            title=row["title"],
            agency=board.agencies.get(name=row["agency"]),
            summary=row["summary"],
            outcome=row["outcome"],
            status=row["status"],
            submitted_by=user,
            submitted=sent,
            published=published_on if published else None,
        )
        example._history_user = user
        example.save()
        example.themes.set(LearningTheme.objects.filter(board=board, name__in=row["themes"]))
        created += 1
    stdout.write(f"Good practice: {created} examples added")
