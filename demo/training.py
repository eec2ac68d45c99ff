"""Loads the demo's multi-agency training (data/training_2016_17.toml, whose header records the
transcription decisions): the seed's learning events as courses with their attendance held as totals,
2015-16's total, and the e-learning exports imported through the e-learning import, their departments
mapped. Idempotent: what exists is left as it is."""

import tomllib
from pathlib import Path

from boards.models import Agency
from core.spreadsheets import read_table
from learning import elearning
from learning.models import AttendanceFigure, Course, ElearningDepartment, ElearningImport

DATA = Path(__file__).parent / "data"
SOURCE = "Transcribed from the LSCB Annual Report 2016-17, section 20."


def load(board, office_user, stdout):
    data = tomllib.loads((DATA / "training_2016_17.toml").read_text(encoding="utf-8"))
    for spec in data["courses"]:
        course = Course.objects.filter(board=board, title=spec["title"]).first()
        if course is None:
            course = Course(board=board, title=spec["title"], level=spec["level"])
            course._history_user = office_user
            course.save()
            figure = AttendanceFigure(
                board=board,
                year=2016,
                course=course,
                level=course.level,
                attendees=spec["attendees"],
                events=spec.get("events"),
                note=SOURCE,
            )
            figure._history_user = office_user
            figure.save()
    for spec in data["years"]:
        if not AttendanceFigure.objects.filter(
            board=board, year=spec["year"], course=None
        ).exists():
            AttendanceFigure.objects.create(
                board=board, year=spec["year"], attendees=spec["attendees"], note=spec["note"]
            )
    for spec in data["elearning"]:
        if ElearningImport.objects.filter(board=board, year=spec["year"]).exists():
            continue
        path = DATA / spec["file"]
        rows, errors = elearning.parse(read_table(path.name, path.read_bytes()))
        assert not errors, errors
        elearning.import_rows(board, spec["year"], rows, user=office_user, file_name=path.name)
    for name, mapping in data["departments"].items():
        department = ElearningDepartment.objects.get(board=board, name=name)
        if department.agency_id or department.sector:
            continue
        if "agency" in mapping:
            department.agency = Agency.objects.get(
                partnerships__board=board, name=mapping["agency"]
            )
        department.sector = mapping.get("sector", "")
        department._history_user = office_user
        department.save()
    stdout.write(
        f"Training: {Course.objects.filter(board=board).count()} courses, "
        f"{ElearningDepartment.objects.filter(board=board).count()} e-learning departments."
    )
