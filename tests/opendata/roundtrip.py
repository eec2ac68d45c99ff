"""Two packages compared with their ids made ranks: the n-th record of a table is n, wherever it is."""

import csv
import io
import json
import zipfile

from opendata.tables import TABLE


def read(path):
    with zipfile.ZipFile(path) as zf:
        descriptor = json.loads(zf.read("datapackage.json"))
        tables = {
            r["name"]: list(csv.DictReader(io.TextIOWrapper(zf.open(r["path"]), "utf-8")))
            for r in descriptor["resources"]
        }
    return descriptor, tables


def normalised(path):
    descriptor, tables = read(path)
    ranks = {
        name: {row["id"]: str(n) for n, row in enumerate(sorted(rows, key=lambda r: int(r["id"])))}
        for name, rows in tables.items()
    }
    out = {}
    for resource in descriptor["resources"]:
        name = resource["name"]
        keys = {
            one(fk["fields"]): fk["reference"]["resource"] or name
            for fk in resource["schema"].get("foreignKeys", [])
        }
        rows = []
        for row in tables[name]:
            row = {k: ranks[keys[k]].get(v, v) if k in keys else v for k, v in row.items()}
            row["id"] = ranks[name][row["id"]]
            if name == "audit_trail":
                row["record"] = ranks[row["table"]].get(row["record"], "gone")
                row["values"] = trail_values(ranks, row["table"], json.loads(row["values"]))
            rows.append(row)
        out[name] = sorted(rows, key=lambda r: int(r["id"]))
    return out


def trail_values(ranks, name, values):
    for field in TABLE[name].columns():
        if field.is_relation and values.get(field.name) is not None:
            target = TABLE[name] if field.related_model is TABLE[name].model else None
            target = target or next(t for t in TABLE.values() if t.model is field.related_model)
            values[field.name] = ranks[target.name].get(str(values[field.name]), "gone")
    values["id"] = ranks[name].get(str(values.get("id")), "gone")
    return values


def one(fields):
    return fields[0] if isinstance(fields, list) else fields
