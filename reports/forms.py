import csv
import io

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout
from django import forms

from actions.models import Plan
from audits.models import AuditCycle
from core.forms import GdsFormMixin
from core.spreadsheets import TableRefused, read_table
from core.uploads import SpreadsheetField
from core.versioning import VersionGuardMixin
from datasets.models import Dataset

from .models import AnnualReport, Section, SectionKind
from .outline import requirement_choices

MAX_TABLE_ROWS = 500
MAX_TABLE_BYTES = 1024 * 1024


class AnnualReportForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    period_start = DateInputField(label="Year from", help_text="For example, 1 4 2016")
    period_end = DateInputField(label="Year to", help_text="For example, 31 3 2017")

    class Meta:
        model = AnnualReport
        fields = ["title"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        if self.instance.pk:
            self.fields["period_start"].initial = self.instance.period_start
            self.fields["period_end"].initial = self.instance.period_end
        self.helper.layout = Layout(Field.text("title"), Field("period_start"), Field("period_end"))

    def clean_title(self):
        title = self.cleaned_data["title"]
        same = AnnualReport.objects.filter(board=self.instance.board, title__iexact=title)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The board already has a report with this title")
        return title

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The year must end after it starts")
        return data

    def save(self, commit=True):
        self.instance.period_start = self.cleaned_data["period_start"]
        self.instance.period_end = self.cleaned_data["period_end"]
        return super().save(commit)


class SectionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A section: its place, title and kind; text; for a table section its rows, typed as CSV or
    uploaded; for generated sections, which plan or audit cycle they draw on."""

    table_text = forms.CharField(
        label="Table",
        required=False,
        widget=forms.Textarea,
        help_text="For table sections: one row per line, headings first, cells separated by commas. "
        "Put a cell in double quotes if it holds a comma.",
    )
    table_file = SpreadsheetField(
        extensions=(".csv",),
        max_bytes=MAX_TABLE_BYTES,
        label="Or import the table from a CSV file",
        required=False,
        help_text="Replaces the table above. Every row is checked; if one is wrong, nothing changes.",
    )

    class Meta:
        model = Section
        fields = [
            "number",
            "title",
            "kind",
            "requirement",
            "body",
            "plan",
            "audit_cycle",
            "dataset",
        ]
        labels = {
            "dataset": "Dataset (for a dataset section)",
            "body": "Text",
            "plan": "Business plan (for a business plan section)",
            "audit_cycle": "Audit cycle (for a Section 11 section)",
        }
        help_texts = {
            "plan": "Leave empty to use the business plan updated in the year.",
            "audit_cycle": "Leave empty to use the cycle that closed in the year.",
        }
        widgets = {"kind": forms.RadioSelect, "requirement": forms.Select}

    def __init__(self, *args, report, requirement="", **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.report = report
        # Which required section of the outline of the report's kind it answers (reports/outline.py).
        choices = requirement_choices(report.kind)
        self.fields["requirement"].widget.choices = [("", "None"), *choices]
        self.fields[
            "requirement"
        ].help_text = (
            "The section of the outline the law or guidance requires that this section answers."
        )
        if requirement in dict(choices) and not self.instance.pk:
            self.fields["requirement"].initial = requirement
            self.fields["title"].initial = dict(choices)[requirement]
        self.statement = self.instance.kind == SectionKind.SCRUTINY_STATEMENT
        if self.statement:  # its text is the scrutineer's alone
            del self.fields["body"]
        self.fields["plan"].queryset = Plan.objects.filter(board=report.board)
        self.fields["audit_cycle"].queryset = AuditCycle.objects.filter(boards=report.board)
        self.fields["plan"].empty_label = "The business plan updated in the year"
        self.fields["audit_cycle"].empty_label = "The cycle that closed in the year"
        self.fields["dataset"].queryset = Dataset.objects.filter(board=report.board)
        self.fields["dataset"].empty_label = "None"
        if self.instance.table:
            stream = io.StringIO()
            csv.writer(stream, lineterminator="\n").writerows(self.instance.table)
            self.fields["table_text"].initial = stream.getvalue()
        if not self.instance.pk:
            last = report.sections.order_by("-number").first()
            self.fields["number"].initial = (last.number + 1) if last else 1
        self.helper.layout = Layout(
            Field.text("number", field_width=2),
            Field.text("title"),
            Field.radios("kind", legend_size="s", small=True),
            Field.select("requirement"),
            *([] if self.statement else [Field.textarea("body", rows=8)]),
            Field.textarea("table_text", rows=6),
            Field("table_file"),
            Field.select("plan"),
            Field.select("audit_cycle"),
            Field.select("dataset"),
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = self.instance.report.sections.filter(number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Section {number} already exists: choose another number")
        return number

    def clean_requirement(self):
        requirement = self.cleaned_data["requirement"]
        if requirement and requirement not in dict(requirement_choices(self.instance.report.kind)):
            raise forms.ValidationError("Choose a required section of this report's outline")
        return requirement

    def clean(self):
        data = super().clean()
        if self.statement and data.get("kind") != SectionKind.SCRUTINY_STATEMENT:
            self.add_error(
                "kind", "The scrutineer's statement stays one: delete the section instead"
            )
        if data.get("kind") == SectionKind.SCRUTINY_STATEMENT and data.get("body", "").strip():
            self.add_error(
                "body", "Only the independent scrutineer writes the statement: leave the text empty"
            )
        upload = data.get("table_file")
        if upload:
            field = "table_file"
            try:  # read as every import is: limits counted as it is read, control characters refused
                rows = read_table(upload.name, upload.read(), "table rows")
            except UnicodeDecodeError:
                self.add_error(field, "The file is not a CSV file saved as UTF-8 text")
                return data
            except TableRefused as refused:
                for number, reason in refused.errors:
                    self.add_error(field, f"Row {number}: {reason}")
                return data
        else:
            field = "table_text"
            rows = list(csv.reader(io.StringIO(data.get("table_text", "").strip())))
        rows, problems = parse_table(rows)
        for problem in problems:
            self.add_error(field, problem)
        if data.get("kind") == SectionKind.TABLE and not rows and not problems:
            self.add_error("table_text", "Enter the table, or import it from a CSV file")
        self.rows = rows
        return data

    def save(self, commit=True):
        self.instance.table = self.rows
        return super().save(commit)


def parse_table(rows):
    """The filled rows of a table, stripped, and what is wrong with it (every row is checked)."""
    rows = [[cell.strip() for cell in row] for row in rows if any(c.strip() for c in row)]
    problems = []
    if len(rows) > MAX_TABLE_ROWS:
        return [], [f"The table has {len(rows)} rows; a section holds at most {MAX_TABLE_ROWS}"]
    if rows:
        width = len(rows[0])
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != width:
                problems.append(f"Row {number} has {len(row)} cells but the headings have {width}")
    return (rows if not problems else []), problems
