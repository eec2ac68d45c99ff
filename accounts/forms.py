from math import ceil

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils import timezone

from core.forms import GdsFormMixin


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
