"""The board's package: it validates, it names people by name, role and agency only, and a board
exported, imported into an empty database and exported again gives the same package."""

import csv
import io
import zipfile

import pytest
from frictionless import validate

from opendata import exporting


def package(board, tmp_path, name="board.zip"):
    path = tmp_path / name
    with open(path, "wb") as out:
        exporting.write(board, out)
    return path


def table(path, name):
    with zipfile.ZipFile(path) as zf:
        return list(csv.DictReader(io.TextIOWrapper(zf.open(f"data/{name}.csv"), "utf-8")))


@pytest.mark.django_db
def test_demo_package_validates(demo_board, tmp_path):
    path = package(demo_board, tmp_path)
    report = validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:10]
    assert len(table(path, "actions")) > 10
