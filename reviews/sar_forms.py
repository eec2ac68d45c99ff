"""Forms of a safeguarding adults review: the referral, the section 44 decision, the methodology, the
library coversheet and SCIE's quality markers. Free text is checked for what would identify someone."""

import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout
from django import forms
from django.utils import timezone

from core.forms import GdsFormMixin
from core.identity import identity_problem
from core.versioning import VersionGuardMixin

from .models import REFERENCE_HELP, CaseReview
from .sar import (
    AbuseType,
    MarkerAssessment,
    MarkerRating,
    S44Condition,
    S44Decision,
    SarDetails,
    quality_markers,
)

SEVERAL_LETTERS = re.compile(r"^\w+ [A-Z]{2,}$")
NO_FUTURE = "The date cannot be in the future"


def checked_text(form, name):
    """The field's text, with an error when it reads as identifying someone."""
    text = form.cleaned_data.get(name, "")
    if problem := identity_problem(text):
        form.add_error(name, problem)
    return text


class SarReferralForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A referral for a SAR: recorded with a new review's reference (`board` given), or corrected."""

    referral_date = DateInputField(
        label="Date the referral was received", help_text="For example, 14 3 2024"
    )

    class Meta:
        model = SarDetails
        fields = ["referral_date", "referrer", "referral_summary"]

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        fields = [
            Field("referral_date"),
            Field.text("referrer"),
            Field.textarea("referral_summary", rows=6),
        ]
        if board is not None:
            self.submit_label = "Record the referral"
            self.helper.inputs[0].value = self.submit_label
            self.fields["reference"] = forms.CharField(
                label="Reference",
                max_length=30,
                help_text=REFERENCE_HELP.replace("Child N", "Adult A"),
            )
            fields.insert(0, Field.text("reference", field_width=10))
        self.helper.layout = Layout(*fields)

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        for validator in CaseReview._meta.get_field("reference").validators:
            validator(reference)
        if SEVERAL_LETTERS.match(reference):
            raise forms.ValidationError(
                "Two or more letters could be someone’s initials. Use one letter or a number, such as “Adult A” or “Adult 3”"
            )
        if CaseReview.objects.filter(board=self.board, reference__iexact=reference).exists():
            raise forms.ValidationError("The board already has a review with this reference")
        return reference

    def clean(self):
        data = super().clean()
        checked_text(self, "referral_summary")
        if data.get("referral_date") and data["referral_date"] > timezone.localdate():
            self.add_error("referral_date", NO_FUTURE)
        return data


class SarDecisionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """The section 44 decision: which condition is met, the concern about working together, the
    decision, its date and rationale. A review that meets section 44(1) to (3) is mandatory."""

    submit_label = "Record the decision"
    decided_on = DateInputField(label="Date of the decision", help_text="For example, 2 4 2024")

    class Meta:
        model = SarDetails
        fields = ["condition", "concern", "decision", "decided_on", "rationale"]
        widgets = {"condition": forms.RadioSelect, "decision": forms.RadioSelect}
        labels = {
            "concern": "There is reasonable cause for concern about how the board, its members or "
            "others with relevant functions worked together to safeguard the adult",
        }
        help_texts = {
            "condition": "Section 44(2) and (3).",
            "concern": "Section 44(1)(b).",
            "rationale": "Why the board decided this, as it will be given to the referrer. No names.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("condition", "decision", "rationale"):
            self.fields[name].required = True
        self.fields["condition"].choices = S44Condition.choices
        self.fields["decision"].choices = S44Decision.choices
        self.helper.layout = Layout(
            Fieldset(
                Field.radios("condition", legend_size="s"),
                Field.checkbox("concern"),
                legend="The criteria of section 44",
                legend_size="m",
            ),
            Field.radios("decision", legend_size="m"),
            Field("decided_on"),
            Field.textarea("rationale", rows=6),
        )

    def clean(self):
        data = super().clean()
        checked_text(self, "rationale")
        condition, decision = data.get("condition"), data.get("decision")
        met = condition in (S44Condition.DIED, S44Condition.ALIVE) and data.get("concern")
        if decision == S44Decision.MANDATORY and not met:
            self.add_error(
                "decision",
                "A review is mandatory only when the adult died or had serious abuse or neglect and "
                "there is cause for concern about how agencies worked together: choose discretionary "
                "or criteria not met",
            )
        elif decision and met and decision != S44Decision.MANDATORY:
            self.add_error(
                "decision",
                "Section 44(1) to (3) apply: the adult died or had serious abuse or neglect and there "
                "is cause for concern about how agencies worked together, so the review is mandatory",
            )
        on = data.get("decided_on")
        if on and on > timezone.localdate():
            self.add_error("decided_on", NO_FUTURE)
        elif on and on < self.instance.referral_date:
            self.add_error("decided_on", "The decision cannot be before the referral was received")
        return data


class SarMethodologyForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = SarDetails
        fields = ["methodology", "methodology_note"]
        widgets = {"methodology": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["methodology"].required = True
        self.fields["methodology"].choices = [c for c in self.fields["methodology"].choices if c[0]]
        self.helper.layout = Layout(
            Field.radios("methodology", legend_size="m"), Field.textarea("methodology_note", rows=5)
        )

    def clean(self):
        data = super().clean()
        checked_text(self, "methodology_note")
        return data


class SarCoversheetForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """The national SAR library's coversheet: never a name, the age only as a band."""

    abuse_types = forms.MultipleChoiceField(
        label="Types of abuse or neglect",
        choices=AbuseType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that the review considered.",
    )

    class Meta:
        model = SarDetails
        fields = ["abuse_types", "age_band", "gender", "ethnicity"]
        widgets = {
            "age_band": forms.RadioSelect,
            "gender": forms.RadioSelect,
            "ethnicity": forms.RadioSelect,
        }
        labels = {"age_band": "Age band of the adult"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("age_band", "gender", "ethnicity"):
            self.fields[name].required = True
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.helper.layout = Layout(
            Field.checkboxes("abuse_types", legend_size="s", small=True),
            Field.radios("age_band", legend_size="s", small=True),
            Field.radios("gender", legend_size="s", small=True),
            Field.radios("ethnicity", legend_size="s", small=True),
        )


class QualityMarkersForm(VersionGuardMixin, GdsFormMixin, forms.Form):
    """Each of SCIE's quality markers marked met, partly met or not met, with a note."""

    submit_label = "Save the checklist"

    def __init__(self, *args, sar, **kwargs):
        super().__init__(*args, **kwargs)
        self.sar = sar
        self.guarded = sar  # the guard locks the SAR's details and compares its markers
        self.guarded_history = MarkerAssessment.history.filter(sar_id=sar.pk)
        done = {m.marker: m for m in sar.markers.all()}
        fieldsets = []
        for marker in quality_markers()["markers"]:
            n, now = marker["number"], done.get(marker["number"])
            self.fields[f"rating_{n}"] = forms.ChoiceField(
                label=f"Rating of marker {n}",
                choices=MarkerRating.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=now.rating if now else "",
            )
            self.fields[f"note_{n}"] = forms.CharField(
                label=f"Note on marker {n}",
                widget=forms.Textarea,
                required=False,
                initial=now.note if now else "",
            )
            fieldsets.append(
                Fieldset(
                    Field.radios(f"rating_{n}", legend_size="s", inline=True, small=True),
                    Field.textarea(f"note_{n}", rows=2),
                    legend=f"{n}. {marker['title']}",
                    legend_size="s",
                )
            )
        self.helper.layout = Layout(*fieldsets)

    def clean(self):
        data = super().clean()
        for marker in quality_markers()["markers"]:
            n = marker["number"]
            note = checked_text(self, f"note_{n}").strip()
            if note and not data.get(f"rating_{n}"):
                self.add_error(f"rating_{n}", f"Choose a rating for marker {n}, or remove its note")
        return data

    def ratings(self):
        return {
            m["number"]: (
                self.cleaned_data.get(f"rating_{m['number']}", ""),
                self.cleaned_data.get(f"note_{m['number']}", "").strip(),
            )
            for m in quality_markers()["markers"]
        }
