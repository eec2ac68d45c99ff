"""A table of the annual report, as the HTML, PDF and XLSX outputs draw it: a caption, a head row and
rows of text. Generated sections in their own modules use it as `reports/annual.py` does."""


def table(caption, rows):
    rows = [[("" if cell is None else str(cell)) for cell in row] for row in rows]
    return {"caption": caption, "head": rows[0] if rows else [], "rows": rows[1:]}
