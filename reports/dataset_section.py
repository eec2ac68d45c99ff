"""An annual report section drawn from a dataset (datasets app): its tables year on year as at the
report's period end (a figure for a later period is ignored), small numbers suppressed at the
dataset's threshold, as a published output. The first sentence is the year's headline figure beside
the year before, which the report on a page repeats; the report on a page also shows the headline
figures (`on_a_page`) of every dataset the report's sections draw on."""

from datasets import tables

from .content import table


def build(section, report, reader):
    dataset = section.dataset
    if dataset is None or dataset.board_id != report.board_id:
        return {"paragraphs": ["Choose the dataset this section shows (edit the section)."]}
    end = report.period_end
    built, series, days = tables.build(dataset, end, published=True)
    if not days:
        return {"paragraphs": [f"{dataset.name}: no figures on or before {end:%-d %B %Y}."]}
    return {
        "paragraphs": [
            headline(dataset, series),
            f"Figures as at {end:%-d %B %Y}, latest period {dataset.period_label(days[-1])}"
            + (f". Source: {dataset.source}." if dataset.source else "."),
        ],
        "tables": built,
    }


def headline(dataset, series):
    """ "Allegations: total in 2016-17: 296 (2015-16: 381)." from the chart's series."""
    if not series:
        return ""
    points = [p for p in series["points"] if p[2]]
    if not points:
        return ""
    label, _, text = points[-1]
    before = f" ({points[-2][0]}: {points[-2][2]})" if len(points) > 1 else ""
    return f"{series['title'].removesuffix(', by period')} in {label}: {text}{before}."


def on_a_page(report, sections):
    """The table of headline figures of the datasets of the report's dataset sections (each once,
    in the sections' order), latest on or before the period end beside the one before; None when
    there are none."""
    seen, rows = set(), []
    for section in sections:
        dataset = section.dataset
        if dataset is None or dataset.board_id != report.board_id or dataset.pk in seen:
            continue
        seen.add(dataset.pk)
        for label, before, latest in tables.headlines(dataset, report.period_end, published=True):
            earlier = f"{before[1]} ({before[0]})" if before else ""
            rows.append([dataset.name, label, earlier, f"{latest[1]} ({latest[0]})"])
    if not rows:
        return None
    head = ["Dataset", "Figure", "The period before", "Latest"]
    caption = f"Performance and data as at {report.period_end:%-d %B %Y}"
    return table(caption, [head, *rows])
