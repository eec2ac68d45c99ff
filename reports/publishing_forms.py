"""Forms of publishing the annual report: the reasons for required sections left empty, where the
report is sent, and the independent scrutineer's statement."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout
from django import forms

from core.forms import GdsFormMixin
from core.versioning import VersionGuardMixin

from .models import Recipient, Section


class PublishForm(GdsFormMixin, forms.Form):
    """The confirmation of publishing, with a reason for each required section that is missing."""

    submit_label = "Publish this version"

    def __init__(self, *args, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = list(missing)
        for item in self.missing:
            self.fields[f"reason_{item.key}"] = forms.CharField(
                label=f"Why is “{item.title}” missing?",
                help_text=f"Required by {item.requirement['source']}. The reason is published "
                "with this version.",
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Say why “{item.title}” is missing"},
            )
        self.helper.layout = Layout(
            *(Field.textarea(f"reason_{item.key}", rows=3) for item in self.missing)
        )

    def reasons(self):
        """[{"key", "title", "reason"}] as stored on the publication."""
        return [
            {
                "key": item.key,
                "title": item.title,
                "reason": self.cleaned_data[f"reason_{item.key}"].strip(),
            }
            for item in self.missing
        ]


class StatementForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """The independent scrutineer's statement: its text, and nothing else of the section."""

    submit_label = "Save the statement"

    class Meta:
        model = Section
        fields = ["body"]
        labels = {"body": "Statement"}
        help_texts = {"body": "Paragraphs separated by a blank line."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = True
        self.fields["body"].error_messages["required"] = "Write the statement"
        self.helper.layout = Layout(Field.textarea("body", rows=12))


class RecipientForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Recipient
        fields = ["name", "when", "source", "position"]
        labels = {"name": "Recipient", "when": "When it is sent", "position": "Order in the list"}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        if not self.instance.pk:
            last = board.report_recipients.order_by("-position").first()
            self.fields["position"].initial = (last.position + 1) if last else 1
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("when"),
            Field.text("source"),
            Field.text("position", field_width=2),
        )


class SentForm(GdsFormMixin, forms.Form):
    """The recipients a published version was sent to, and the day."""

    submit_label = "Record as sent"

    sent_to = forms.MultipleChoiceField(
        label="Sent to",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who it was sent to"},
    )
    sent_on = DateInputField(label="Sent on", help_text="For example, 7 7 2017")

    def __init__(self, *args, dispatches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_to"].choices = [
            (d.pk, f"{d.recipient} ({d.when})" if d.when else d.recipient)
            for d in dispatches
            if d.sent_on is None
        ]
        self.helper.layout = Layout(Field.checkboxes("sent_to", legend_size="s"), Field("sent_on"))
