"""The form helpers every app shares: the GOV.UK layout (with every label escaped and control
characters refused), optional dates, safe markup for crispy legends, and the confirmation forms."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from .text import control_character_problem


def optional_date(label, help_text=""):
    """A GOV.UK day, month and year date that may be left empty."""
    return DateInputField(
        label=label, help_text=help_text, required=False, require_all_fields=False
    )


class GdsFormMixin:
    """Gives a form the GOV.UK layout: fields from crispy-forms-gds and one primary button.

    The GOV.UK template pack prints labels and hints with `|safe`, and forms here build labels and
    hints from what people typed (a criterion, a standard's title, a group's name): every label and
    hint is escaped as its field is rendered (markup deliberately made safe stays as it is)."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # errors come from the server, in the GOV.UK style
        self.helper.add_input(Submit("submit", self.submit_label))
        for field in self.fields.values():  # a required choice among radios has no blank option
            if not (isinstance(field.widget, forms.RadioSelect) and field.required):
                continue
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = None
            else:
                field.choices = [(value, label) for value, label in field.choices if value != ""]

    def __getitem__(self, name):
        bound = super().__getitem__(name)
        bound.label = conditional_escape(bound.label)  # a no-op the second time: it is safe now
        bound.help_text = conditional_escape(bound.help_text)
        return bound

    def _clean_fields(self):
        """Text holding a control character XML cannot hold (every export is XML inside) is refused
        here, for every field of every form, before the form's own checks see it."""
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            texts = value if isinstance(value, list | tuple) else [value]
            for text in texts:
                if isinstance(text, str):
                    label = self.fields[name].label or name.replace("_", " ")
                    if problem := control_character_problem(text, f"“{label}”"):
                        self.add_error(name, problem)
                        break


def template_safe(html):
    """Markup for crispy's HTML() and Fieldset legends, which render their text as a Django template:
    braces become character references, so typed text such as {{ user.password }} stays text."""
    return mark_safe(str(html).replace("{", "&#123;").replace("}", "&#125;"))  # noqa: S308


def literal(text):
    """Plain text (a criterion someone typed, say) made safe for a crispy legend or HTML()."""
    return template_safe(escape(text))


class DecisionForm(GdsFormMixin, forms.Form):
    """A decision on something sent in: accept (or publish) it, or return it with what to change.
    A subclass words it: `choices` (ACCEPT first, then RETURN), `comment_label` and `comment_missing`,
    the message when a return says nothing."""

    submit_label = "Save decision"
    ACCEPT, RETURN = "accept", "return"
    choices = [(ACCEPT, "Accept it"), (RETURN, "Return it for changes")]
    comment_label = "Comments"
    comment_missing = "Say what needs to change"

    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect)
    comment = forms.CharField(
        widget=forms.Textarea,
        required=False,
        help_text="Required when you return it: say what needs changing.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = self.choices
        self.fields["comment"].label = self.comment_label
        self.helper.layout = Layout(
            Field.radios("decision", legend_size="s"), Field.textarea("comment", rows=4)
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", self.comment_missing)
        return data


class RemoveForm(GdsFormMixin, forms.Form):
    """A confirmation: one button, nothing to fill in."""

    submit_label = "Yes, remove"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = [
            Submit("submit", self.submit_label, css_class="govuk-button--warning")
        ]


class DeleteForm(RemoveForm):
    submit_label = "Yes, delete"


class ReasonForm(RemoveForm):
    """A correction's confirmation: why it is made (required, kept in the audit trail) and a red
    button. `max_length` follows where the reason is kept (100 for django-simple-history's change
    reason)."""

    submit_label = "Yes, delete"

    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why: the reason is kept in the audit trail"},
    )

    def __init__(
        self, *args, label="Why", help_text="", max_length=1000, submit_label=None, **kwargs
    ):
        if submit_label:
            self.submit_label = submit_label
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label, field.help_text, field.max_length = label, help_text, max_length
        field.validators.append(MaxLengthValidator(max_length))
        field.widget.attrs["maxlength"] = str(max_length)
        self.helper.layout = Layout(Field.textarea("reason", rows=3))
