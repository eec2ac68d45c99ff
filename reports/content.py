"""The pieces every section of the annual report is made of: paragraphs and tables of plain text."""


def paragraphs(text):
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def table(caption, rows):
    rows = [[("" if cell is None else str(cell)) for cell in row] for row in rows]
    return {"caption": caption, "head": rows[0] if rows else [], "rows": rows[1:]}
