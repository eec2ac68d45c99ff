"""Forms for editing frameworks of standards and their criteria."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from boards.models import Board
from core.forms import GdsFormMixin
from core.versioning import VersionGuardMixin

from .models import Criterion, Framework, Standard


class FrameworkForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A framework; a new one belongs to a board the user's office manages (a system administrator
    may leave it to the deployment-wide library)."""

    class Meta:
        model = Framework
        fields = ["board", "name", "version", "description"]
        labels = {"board": "Board"}
        help_texts = {"version": "For example, 2018. The name and version together are unique."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field.text("name"), Field.text("version", field_width=10)]
        if self.instance.pk:
            del self.fields["board"]  # the owner does not change
        else:
            board = self.fields["board"]
            board.queryset = Board.objects.managed_by(user).order_by("name")
            board.required = not user.is_superuser
            board.empty_label = "The deployment-wide library" if user.is_superuser else None
            board.help_text = "The board whose office edits it."
            fields.insert(0, Field.select("board"))
        self.helper.layout = Layout(*fields, Field.textarea("description"))

    def clean(self):
        data = super().clean()
        board = data.get("board") if "board" in self.fields else self.instance.board
        if data.get("name") and data.get("version"):
            taken = Framework.objects.filter(
                board=board, name=data["name"], version__iexact=data["version"]
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("version", f"{data['name']} already has a version {data['version']}")
        return data


class NewVersionForm(GdsFormMixin, forms.Form):
    submit_label = "Create the new version"

    version = forms.CharField(label="New version", max_length=20, help_text="For example, 2018.")

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.helper.layout = Layout(Field.text("version", field_width=10))

    def clean_version(self):
        version = self.cleaned_data["version"].strip()
        owned = Framework.objects.filter(board=self.framework.board_id, name=self.framework.name)
        if owned.filter(version__iexact=version).exists():
            raise forms.ValidationError(f"{self.framework.name} already has a version {version}")
        return version


class CopyForm(GdsFormMixin, forms.Form):
    """Copy a framework the user may read into a board their office manages, to edit and use."""

    submit_label = "Copy the framework"

    board = forms.ModelChoiceField(
        queryset=Board.objects.none(), label="Copy into", empty_label=None
    )
    version = forms.CharField(max_length=20, help_text="For example, 2018.")

    def __init__(self, *args, framework, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["board"].queryset = Board.objects.managed_by(user).order_by("name")
        self.fields["version"].initial = framework.version
        self.helper.layout = Layout(Field.select("board"), Field.text("version", field_width=10))

    def clean(self):
        data = super().clean()
        board, version = data.get("board"), (data.get("version") or "").strip()
        if board and version:
            taken = Framework.objects.filter(board=board, name=self.framework.name)
            if taken.filter(version__iexact=version).exists():
                self.add_error(
                    "version", f"{board.short_name} already has {self.framework.name} {version}"
                )
        data["version"] = version
        return data


class ShareForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """The owner's office chooses the other boards that may run cycles with its framework."""

    submit_label = "Save who may use it"

    class Meta:
        model = Framework
        fields = ["shared_with"]
        labels = {"shared_with": "Boards that may use this framework"}
        widgets = {"shared_with": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = Board.objects.exclude(
            pk=self.instance.board_id
        ).order_by("name")
        self.fields[
            "shared_with"
        ].help_text = "They may run cycles with it and read it, but not change it."
        self.helper.layout = Layout(Field.checkboxes("shared_with", legend_size="s", small=True))


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
