"""Forms of the statutory frame: a relevant agency's entry in the register, and scrutiny findings."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout
from django import forms

from core.forms import GdsFormMixin, optional_date
from core.versioning import VersionGuardMixin

from .models import BoardAgency, ScrutinyFinding


class RelevantAgencyForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A partner agency's entry in the board's relevant agencies register, as the office keeps it."""

    notified_on = optional_date(
        "Date notified", "When the agency was told it is a relevant agency. For example, 1 9 2019"
    )

    class Meta:
        model = BoardAgency
        fields = ["category", "named_in_arrangements", "notified_on"]
        labels = {"named_in_arrangements": "Named in the published arrangements"}
        widgets = {"category": forms.RadioSelect}
        help_texts = {
            "category": "The heading of the schedule to SI 2018/789 it comes under. Leave empty "
            "if it is not a relevant agency."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Not a relevant agency")] + [
            c for c in self.fields["category"].choices if c[0]
        ]
        self.helper.layout = Layout(
            Field.radios("category", legend_size="s"),
            Field.checkbox("named_in_arrangements"),
            Field("notified_on"),
        )


class ScrutinyFindingForm(GdsFormMixin, forms.ModelForm):
    """A new finding of the independent scrutineer (recorded, not edited afterwards)."""

    submit_label = "Record the finding"

    class Meta:
        model = ScrutinyFinding
        fields = ["partner", "title", "finding"]
        widgets = {"partner": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("partner", legend_size="s"),
            Field.text("title"),
            Field.textarea("finding", rows=6),
        )


class ScrutinyResponseForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """The addressed partner's answer to a finding (and its later corrections)."""

    submit_label = "Save the response"

    class Meta:
        model = ScrutinyFinding
        fields = ["response"]
        labels = {"response": "Your response"}
        help_texts = {
            "response": "What the partner has done or will do about the finding, and by when. "
            "Do not name children or give their initials: use case references only."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].required = True
        self.helper.layout = Layout(Field.textarea("response", rows=6))


class KindChangeForm(GdsFormMixin, forms.Form):
    """A board's new kind and the date it takes effect; the next step lists what changes and asks
    for `confirm` before anything is saved (boards/kind_change.py)."""

    submit_label = "Continue"

    kind = forms.ChoiceField(label="New kind of board", widget=forms.RadioSelect)
    day = DateInputField(
        label="From",
        help_text="The first day of the new arrangements. Years that end before it keep the "
        "board's present kind. For example, 29 9 2019",
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0].value
        self.helper.layout = Layout(
            Field.radios("kind", legend_size="s"), Field("day"), Field("confirm")
        )
