from crispy_forms_gds.layout import Field, Layout
from django import forms

from core.column_mapping import KINDS, ColumnMapForm, resolve
from core.forms import GdsFormMixin, RemoveForm
from core.versioning import VersionGuardMixin

from .models import (
    ROLES_BY_KIND,
    Agency,
    Board,
    BoardAgency,
    BoardLink,
    BoardMembership,
    Invitation,
    Role,
)


class AgencyForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    represented = forms.BooleanField(
        label="Represented at the board",
        required=False,
        help_text="Tick if a senior officer of this agency sits on the board itself.",
    )

    class Meta:
        model = Agency
        fields = ["name", "short_name", "sector", "statutory"]
        labels = {"statutory": "Statutory partner"}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.partnership = None
        if self.instance.pk:
            self.partnership = BoardAgency.objects.filter(board=board, agency=self.instance).first()
            self.fields["represented"].initial = bool(
                self.partnership and self.partnership.represented
            )
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("short_name", field_width=10),
            Field.select("sector"),
            Field.checkbox("statutory"),
            Field.checkbox("represented"),
        )

    def clean_name(self):
        """Unique among this board's partners only: other boards' agencies are none of its business."""
        name = self.cleaned_data["name"]
        same = self.board.agencies.filter(name__iexact=name.strip()).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError("The board already has a partner agency with this name")
        return name

    def save_partnership(self, user):
        """Make the agency a partner of the board, with its representation as entered."""
        partnership = self.partnership or BoardAgency(board=self.board, agency=self.instance)
        partnership.represented = self.cleaned_data["represented"]
        partnership._history_user = user
        partnership.save()
        return partnership


class PersonForm(GdsFormMixin, forms.Form):
    """Who to add: an existing account is found by email; a new person is invited by email."""

    submit_label = "Add person"
    intro = (
        "People already at one of your boards are added at once. Anyone else is emailed an "
        "invitation, and joins when they accept it."
    )

    email = forms.EmailField(label="Work email address")
    name = forms.CharField(label="Full name", max_length=150)
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not from a partner agency",
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.helper.layout = Layout(
            Field.text("email"),
            Field.text("name"),
            Field.text("job_title"),
            Field.select("agency"),
            *self.extra_layout(),
        )

    def extra_layout(self):
        return [Field.radios("role")] if "role" in self.fields else []


class BoardPersonForm(PersonForm):
    role = forms.ChoiceField(
        label="Role at the board", choices=Role.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, agencies=board.agencies.all(), **kwargs)
        self.board = board
        # Only the roles of the board's kind (a partnership's partners, an adults board's chair...).
        self.fields["role"].choices = [
            (role.value, role.label) for role in ROLES_BY_KIND[board.kind]
        ]

    def clean(self):
        data = super().clean()
        email, role = data.get("email"), data.get("role")
        if email and role:
            duplicate = BoardMembership.objects.filter(
                board=self.board, user__email__iexact=email, role=role
            )
            if duplicate.exists():
                self.add_error("email", "This person already has that role at the board")
            waiting = Invitation.objects.open().filter(
                board=self.board, email__iexact=email.strip(), role=role
            )
            if waiting.exists():
                self.add_error("email", "An invitation to this address for that role is waiting")
        return data


class InvitationAnswerForm(GdsFormMixin, forms.Form):
    submit_label = "Continue"

    answer = forms.ChoiceField(
        label="Do you accept this invitation?",
        choices=[("accept", "Yes, accept it"), ("decline", "No, decline it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you accept the invitation"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("answer", legend_size="m"))


class BoardForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A board's own details, as its office keeps them. Boards are created by system administrators.
    Its kind changes only by the change of kind (boards/kind_change.py), from a date, with what it
    changes shown first."""

    class Meta:
        model = Board
        fields = ["name", "short_name", "area", "description"]
        labels = {"area": "Area"}
        help_texts = {"description": "What the board is for, shown on its page."}
        error_messages = {"name": {"unique": "Choose another name: this one is already in use"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("short_name", field_width=10),
            Field.text("area", field_width=20),
            Field.textarea("description", rows=5),
        )


class BoardLinkForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """How `board` works with another strategic board. The other board is chosen when the link is
    added (from `choices`) and fixed afterwards: to link with another board, remove and add."""

    class Meta:
        model = BoardLink
        fields = ["other", "description"]
        labels = {"other": "Other board", "description": "How the boards work together"}
        help_texts = {
            "description": "For example, the memorandum of understanding or a shared business unit."
        }

    def __init__(self, *args, board, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        if self.instance.pk:
            del self.fields["other"]
        else:
            self.fields["other"].queryset = choices.exclude(pk=board.pk).order_by("name")
            self.fields["other"].empty_label = "Choose a board"
        self.helper.layout = Layout(
            *([Field.select("other")] if "other" in self.fields else []),
            Field.textarea("description", rows=5),
        )

    def clean_other(self):
        other = self.cleaned_data["other"]
        if BoardLink.objects.filter(board=self.instance.board, other=other).exists():
            raise forms.ValidationError("The board already has a link with this board")
        return other


class WithdrawForm(RemoveForm):
    submit_label = "Yes, withdraw it"


class ImportMappingForm(VersionGuardMixin, ColumnMapForm):
    """Which heading of a remembered mapping reads as which field: the import's own mapping step,
    for a mapping the board keeps (boards.ImportMapping). Its headings stay; its reading changes."""

    def __init__(self, *args, mapping, **kwargs):
        fields, self.describe = KINDS[mapping.kind]
        keys = mapping.heading_keys
        super().__init__(
            *args,
            fields=fields,
            header=keys,
            initial_columns=resolve(mapping.columns, keys) or {},
            submit_label="Save how these columns are read",
            **kwargs,
        )
        self.guarded = mapping

    def current_copy(self, record):
        return type(self)(mapping=record)

    def save(self, *, user):
        mapping, columns = self.guarded, self.columns()
        mapping.columns = {name: self.header[index] for name, index in columns.items()}
        mapping.description = self.describe(self.header, columns)
        mapping._history_user = user
        mapping.save()
        return mapping
