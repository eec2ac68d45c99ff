"""The yearly report's outline: the sections the statute or guidance requires of the board's kind
(reports/outlines.toml, with their sources), and for a report, each one's state: generated (a
section of a kind that draws it from the records is in the report), written (a section that answers
it has text) or missing (it has none: publishing asks why, reports/annual.py)."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import models
from django.urls import reverse

from .models import SectionKind

DATA = Path(__file__).with_name("outlines.toml")


@cache
def data():
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def kind_outline(kind):
    """{"label", "source", "sections", "recipients"} of a board kind; {} for a kind without one."""
    return data().get(str(kind), {})


def requirements(kind):
    return kind_outline(kind).get("sections", [])


def requirement_choices(kind):
    return [(r["key"], r["title"]) for r in requirements(kind)]


class State(models.TextChoices):
    GENERATED = "generated", "Generated"
    WRITTEN = "written", "Written"
    MISSING = "missing", "Missing"


@dataclass
class Item:
    requirement: dict
    state: State
    section: object = None  # the section that answers it (or the empty one that should)

    @property
    def key(self):
        return self.requirement["key"]

    @property
    def title(self):
        return self.requirement["title"]

    @property
    def answers(self):
        """What may answer it, in words: the generated section kinds, then "written"."""
        kinds = [SectionKind(kind).label for kind in self.requirement.get("generated", [])]
        written = [SectionKind(kind) for kind in self.requirement.get("written", [])]
        if SectionKind.SCRUTINY_STATEMENT in written:
            kinds.append("The independent scrutineer's statement")
        elif written:
            kinds.append("A section the office writes")
        return kinds

    def link(self, report):
        """Where to go about it: the section that answers it, or adding one."""
        if self.section is not None:
            return self.section.get_absolute_url()
        return reverse("reports:section_add", args=[report.pk]) + f"?requirement={self.key}"


def has_text(section):
    return bool(section.body.strip() or section.table)


def state_of(requirement, sections):
    """(state, section) of one requirement among a report's sections."""
    linked = [s for s in sections if s.requirement == requirement["key"]]
    generated = set(requirement.get("generated", []))
    for section in linked + [s for s in sections if s.kind in generated]:
        if section.kind in generated:
            return State.GENERATED, section
    written = set(requirement.get("written", []))
    for section in linked:
        if section.kind in written and has_text(section):
            return State.WRITTEN, section
    return State.MISSING, (linked[0] if linked else None)


def outline(report, sections=None):
    """[Item] for each required section of the report's kind, in the outline's order."""
    if sections is None:
        sections = list(report.sections.all())
    return [Item(r, *state_of(r, sections)) for r in requirements(report.kind)]


def missing_of(report, sections=None):
    return [item for item in outline(report, sections) if item.state == State.MISSING]


def missing(report):
    return missing_of(report)
