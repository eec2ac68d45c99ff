"""Loads the demo's datasets (data/datasets/datasets.toml, whose header records the transcription
decisions): each added from the library of standard datasets (under another `name` where the board
keeps two of one), or defined by the board (`define`, in the library's shape), its figures imported
from its CSV through the same checks as any import (all rows, totals against their parts).
Idempotent: a dataset the board already has is left as it is."""

import tomllib
from pathlib import Path

from core.spreadsheets import read_table
from datasets import library
from datasets.importing import import_rows, read

DATA = Path(__file__).parent / "data" / "datasets"


def load(board, author, stdout):
    spec = tomllib.loads((DATA / "datasets.toml").read_text(encoding="utf-8"))
    for entry in spec["datasets"]:
        key = entry.get("library", "")
        mine = board.datasets.filter(library_key=key)
        if entry.get("name"):
            mine = board.datasets.filter(name=entry["name"])
        if mine.exists():
            stdout.write(f"Dataset {entry.get('name') or key}: already loaded, unchanged.")
            continue
        agency = board.agencies.filter(name=entry.get("agency", "")).first()
        dataset = library.add(
            board,
            key,
            user=author,
            agency=agency,
            name=entry.get("name"),
            entry=entry.get("define"),
        )
        path = DATA / entry["figures"]
        rows, errors = read(read_table(path.name, path.read_bytes(), "figures"), dataset)
        if errors:
            raise ValueError(f"{path.name}: {errors}")
        added, _ = import_rows(dataset, rows, user=author, file_name=path.name)
        stdout.write(f"Dataset {dataset.name}: {added} figures.")
