import re

from crispy_forms_gds.layout import Field, Layout
from django import forms

from boards.forms import PersonForm
from boards.models import Invitation
from core.forms import GdsFormMixin, optional_date
from core.trees import descendants_and_self
from core.versioning import VersionGuardMixin

from .models import MemberRole, Subgroup, SubgroupInvitation, SubgroupMembership


class SubgroupForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    established = optional_date("Date established", "For example, 27 3 2016")
    closed = optional_date("Date closed", "Leave empty while the group is active")

    class Meta:
        model = Subgroup
        fields = [
            "name",
            "short_name",
            "aliases",
            "kind",
            "parent",
            "purpose",
            "chair_agency",
            "chair_note",
        ]
        labels = {
            "parent": "Reports to",
            "chair_agency": "Chairing agency",
            "kind": "Kind of group",
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        parents = board.subgroups.all()
        if self.instance.pk:
            parents = parents.exclude(pk__in=descendants_and_self(self.instance))
            self.fields["established"].initial = self.instance.established
            self.fields["closed"].initial = self.instance.closed
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = "The board itself"
        self.fields["chair_agency"].queryset = board.agencies.all()
        self.fields["chair_agency"].empty_label = "Not recorded"
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("short_name", field_width=10),
            Field.textarea("aliases", rows=3),
            Field.radios("kind", legend_size="s"),
            Field.select("parent"),
            Field.textarea("purpose", rows=4),
            Field.select("chair_agency"),
            Field.text("chair_note"),
            Field("established"),
            Field("closed"),
        )

    def clean_name(self):
        name = self.cleaned_data["name"]
        same = self.instance.board.subgroups.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError("The board already has a group with this name")
        return name

    def clean(self):
        data = super().clean()
        established, closed = data.get("established"), data.get("closed")
        if established and closed and closed < established:
            self.add_error("closed", "The date closed must be on or after the date established")
        return data

    def save(self, commit=True):
        self.instance.established = self.cleaned_data.get("established")
        self.instance.closed = self.cleaned_data.get("closed")
        return super().save(commit)


def split_responsibilities(text):
    """Paragraphs (separated by a blank line) are responsibilities; a leading "1." is dropped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return [re.sub(r"^\d+[.)]\s*", "", p) for p in paragraphs]


class TermsOfReferenceForm(VersionGuardMixin, GdsFormMixin, forms.Form):
    submit_label = "Save terms of reference"

    responsibilities = forms.CharField(
        label="Responsibilities",
        required=False,
        widget=forms.Textarea,
        help_text="Put each responsibility in its own paragraph, with an empty line between them. "
        "They are numbered in this order. Lines that start with a dash are shown as points under "
        "the responsibility above them.",
    )

    def __init__(self, *args, subgroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.guarded = (
            subgroup  # the lost-update guard locks the group, compares its responsibilities
        )
        self.guarded_history = subgroup.responsibilities.model.history.filter(subgroup=subgroup.pk)
        self.fields["responsibilities"].initial = "\n\n".join(
            r.text for r in subgroup.responsibilities.all()
        )
        self.helper.layout = Layout(Field.textarea("responsibilities", rows=20, label_size="s"))

    def clean_responsibilities(self):
        return split_responsibilities(self.cleaned_data["responsibilities"])


class SubgroupPersonForm(PersonForm):
    role = forms.ChoiceField(
        label="Role in the group", choices=MemberRole.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, subgroup, **kwargs):
        super().__init__(*args, agencies=subgroup.board.agencies.all(), **kwargs)
        self.subgroup = subgroup
        self.fields["agency"].help_text = "The agency they represent in the group."

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if email and self.subgroup.memberships.filter(user__email__iexact=email).exists():
            self.add_error("email", "This person is already a member of the group")
        waiting = SubgroupInvitation.objects.filter(
            subgroup=self.subgroup,
            invitation__in=Invitation.objects.open().filter(email__iexact=(email or "").strip()),
        )
        if email and waiting.exists():
            self.add_error("email", "An invitation to this address to join the group is waiting")
        return data


class MembershipForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = SubgroupMembership
        fields = ["role", "agency"]
        labels = {"role": "Role in the group", "agency": "Agency they represent"}
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = self.instance.subgroup.board.agencies.all()
        self.helper.layout = Layout(Field.radios("role"), Field.select("agency"))


def save_terms_of_reference(subgroup, texts, user):
    """Make the group's numbered responsibilities equal `texts`, changing only what differs."""
    existing = list(subgroup.responsibilities.order_by("number"))
    for number, text in enumerate(texts, start=1):
        item = existing[number - 1] if number <= len(existing) else None
        if item is None:
            item = subgroup.responsibilities.model(subgroup=subgroup, number=number)
        elif item.text == text:
            continue
        item.text = text
        item._history_user = user
        item.save()
    for item in existing[len(texts) :]:
        item._history_user = user
        item.delete()
