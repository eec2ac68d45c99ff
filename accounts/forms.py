from math import ceil

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils import timezone
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


class LoginForm(GdsFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email"})


class PasswordChangeForm(GdsFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"


class PasswordResetForm(GdsFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send reset link"


class SetPasswordForm(GdsFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Set password"


class TwoFactorCodeForm(GdsFormMixin, forms.Form):
    """The 6-digit code of an authenticator app, checked against `device` (throttled by django-otp:
    after each wrong code the next try must wait twice as long)."""

    submit_label = "Continue"

    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code your authenticator app shows now.",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.wrong_code = False

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app, like 123456"
            )
        allowed, details = self.device.verify_is_allowed()
        if not allowed:
            until = (details or {}).get("locked_until")
            wait = max(1, ceil((until - timezone.now()).total_seconds())) if until else 60
            raise forms.ValidationError(
                f"You have entered a wrong code too often. Wait {wait} seconds, then enter the "
                "newest code"
            )
        with transaction.atomic():  # the device row locked: concurrent tries count one by one
            device = type(self.device).objects.select_for_update().get(pk=self.device.pk)
            verified = device.verify_token(code)  # counts a failure for the throttle, or resets it
        if not verified:  # raised outside the transaction, so the failure stays counted
            self.wrong_code = True
            raise forms.ValidationError(
                "The code is not right. Enter the newest code your authenticator app shows "
                "(check your phone sets its time automatically)"
            )
        self.device = device
        return code


def template_safe(html):
    """Markup for crispy's HTML() and Fieldset legends, which render their text as a Django template:
    braces become character references, so typed text such as {{ user.password }} stays text."""
    return mark_safe(str(html).replace("{", "&#123;").replace("}", "&#125;"))  # noqa: S308


def literal(text):
    """Plain text (a criterion someone typed, say) made safe for a crispy legend or HTML()."""
    return template_safe(escape(text))
