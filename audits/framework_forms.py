"""Forms for editing frameworks of standards and their criteria."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from accounts.forms import GdsFormMixin
from core.versioning import VersionGuardMixin

from .models import Criterion, Framework, Standard


class FrameworkForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["name", "version", "description"]
        help_texts = {"version": "For example, 2018. The name and version together are unique."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("name"), Field.text("version", field_width=10), Field.textarea("description")
        )


class NewVersionForm(GdsFormMixin, forms.Form):
    submit_label = "Create the new version"

    version = forms.CharField(label="New version", max_length=20, help_text="For example, 2018.")

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.helper.layout = Layout(Field.text("version", field_width=10))

    def clean_version(self):
        version = self.cleaned_data["version"].strip()
        if Framework.objects.filter(name=self.framework.name, version__iexact=version).exists():
            raise forms.ValidationError(f"{self.framework.name} already has a version {version}")
        return version


class StandardEditForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Standard
        fields = ["number", "title", "description"]

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        self.helper.layout = Layout(
            Field.text("number", field_width=2), Field.text("title"), Field.textarea("description")
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = self.instance.framework.standards.filter(number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"There is already a standard {number}")
        return number


class CriterionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A criterion, and the criteria of the previous version it continues (for comparisons)."""

    class Meta:
        model = Criterion
        fields = ["number", "text", "replaces"]
        labels = {"replaces": "Continues these criteria of the previous version"}
        widgets = {"replaces": forms.CheckboxSelectMultiple}

    def __init__(self, *args, standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.standard = standard
        previous = standard.framework.previous
        self.fields["replaces"].queryset = Criterion.objects.filter(
            standard__framework=previous
        ).select_related("standard")
        self.fields["replaces"].help_text = (
            "Answers to these appear beside this criterion next year, and the year-on-year "
            "comparison follows them."
            if previous
            else "This framework has no previous version."
        )
        self.helper.layout = Layout(
            Field.text("number", field_width=2),
            Field.textarea("text", rows=3),
            Field.checkboxes("replaces", legend_size="s", small=True),
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = self.instance.standard.criteria.filter(number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"Standard {self.instance.standard.number} already has a criterion {number}"
            )
        return number
