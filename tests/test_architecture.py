"""The apps import one way, down the table in docs/architecture.md: core at the bottom, reports at the
top (the read API, `api`, above it); audits, reviews and performance side by side, never importing each other."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEVEL = {
    "core": 0,
    "accounts": 1,
    "boards": 2,
    "notifications": 2.5,
    "subgroups": 3,
    "actions": 4,
    "audits": 5,
    "reviews": 5,
    "performance": 5,
    "learning": 5.5,
    "datasets": 5,
    "reports": 6,
    "api": 7,  # the read API: reads every app, reports included; nothing imports it
    "opendata": 6,
}


def imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_every_import_between_apps_runs_down():
    upward = []
    for app, level in LEVEL.items():
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module in imports(path):
                other = module.split(".")[0]
                if other in LEVEL and other != app and LEVEL[other] >= level:
                    upward.append(f"{path.relative_to(ROOT)} imports {module}")
    assert upward == [], "imports that run up or sideways:\n" + "\n".join(upward)


def test_core_has_no_models():
    assert not (ROOT / "core" / "models.py").exists()
    assert not (ROOT / "core" / "migrations").exists()
