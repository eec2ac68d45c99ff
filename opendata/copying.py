"""On PostgreSQL, a table's CSV written by the database: `COPY (SELECT ...) TO STDOUT WITH CSV`
streamed into the zip entry, each value made in SQL as the Python path writes it (`exporting.py`'s
`converter`), so both give the same bytes (tests/opendata/test_copying.py compares them).

The one difference: a value holding a carriage return without a line feed is quoted here, and not
by Python's csv module, whose unquoted lone carriage return reads back as the end of a row.
A table with a column this cannot write (a JSON field, whose keys Python sorts otherwise; a float)
keeps the Python path."""

from django.db import connection, models

from .schema import references, table_type
from .tables import AGENCIES, PEOPLE

BUFFER = 1 << 16
STRINGS = (models.CharField, models.TextField, models.FileField)
# isoformat() of an aware datetime in UTC: no fraction when it has no microseconds
DATETIME = (
    "replace(to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '')"
    " || '+00:00'"
)


def usable(table):
    return connection.vendor == "postgresql" and all(
        column(f, "t.x", None) is not None for f in table.columns()
    )


def column(field, name, rows_of):
    """The SQL writing `field` (the column `name`) as the Python path does, with its parameters;
    None if it cannot. `rows_of(target)` gives the SQL of the ids a table of the package holds."""
    if field.is_relation:
        target = references(field)
        # People and agencies, a reference that is never empty, or only asked whether it can.
        if target in (PEOPLE, AGENCIES) or not field.null or rows_of is None:
            return name, []
        ids, params = rows_of(target)
        return f"CASE WHEN {name} IN ({ids}) THEN {name} END", params
    kind = table_type(field)
    if kind == "integer" or kind == "boolean":  # PostgreSQL's text of a boolean: true, false
        return f"{name}::text", []
    if kind == "datetime":
        return DATETIME.format(name), []
    if kind == "date":
        return f"to_char({name}, 'YYYY-MM-DD')", []
    if isinstance(field, models.DecimalField) and field.decimal_places <= 6:
        # str() of the Decimal psycopg reads: the column's scale, no exponent up to 6 places
        return f"{name}::text", []
    if isinstance(field, STRINGS) and kind == "string":
        return f"NULLIF({name}, '')", []  # the empty string unquoted, as a NULL is
    return None


def write(entry, table, rows, written):
    """Write the CSV of `rows` (a queryset of `table`'s model) to the binary file `entry`, noting
    the people and agencies named; answers the rows written."""
    columns = table.columns()
    quote = connection.ops.quote_name
    inner, params = (
        rows.order_by().values_list(*[f.attname for f in columns]).query.sql_with_params()
    )

    def rows_of(target):
        return target.rows(written.board).order_by().values("pk").query.sql_with_params()

    select, select_params = [], []
    for field in columns:
        sql, more = column(field, f"t.{quote(field.column)}", rows_of)
        select.append(sql)
        select_params += more
    pk = quote(table.model._meta.pk.column)
    # names from the models, every value a parameter
    query = (
        f"COPY (SELECT {', '.join(select)} FROM ({inner}) AS t ORDER BY t.{pk}) "  # noqa: S608
        "TO STDOUT WITH (FORMAT csv)"
    )
    entry.write((",".join(f.name for f in columns) + "\n").encode())
    with connection.cursor() as cursor:
        raw = cursor.cursor
        buffer = bytearray()
        with raw.copy(query, [*select_params, *params]) as copy:
            for data in copy:
                buffer += data
                if len(buffer) >= BUFFER:
                    entry.write(buffer)
                    buffer.clear()
        entry.write(buffer)
        count = raw.rowcount
        note_people_and_agencies(cursor, columns, inner, params, written)
    return count


def note_people_and_agencies(cursor, columns, inner, params, written):
    named = {PEOPLE.name: written.people, AGENCIES.name: written.agencies}
    fields = [f for f in columns if f.is_relation and references(f).name in named]
    if not fields:
        return
    quote = connection.ops.quote_name
    aggregates = ", ".join(f"array_agg(DISTINCT t.{quote(f.column)})" for f in fields)
    cursor.execute(f"SELECT {aggregates} FROM ({inner}) AS t", params)  # noqa: S608 - our SQL
    for field, ids in zip(fields, cursor.fetchone(), strict=True):
        named[references(field).name].update(i for i in ids or () if i is not None)
