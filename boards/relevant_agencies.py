"""The statutory categories of relevant agencies, read once from relevant_agencies.toml (the schedule to
SI 2018/789; the file records its source and what was transcribed)."""

import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("relevant_agencies.toml")


@cache
def schedule():
    """{"source", "title", "categories": [{"key", "name", "covers"}, ...]} in the schedule's order."""
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def categories():
    return schedule()["categories"]


def category_choices():
    """Choices for BoardAgency.category (a callable, so the data file is read when needed)."""
    return [(c["key"], c["name"]) for c in categories()]
