from django import forms

from core.forms import GdsFormMixin

from .models import ApiToken

MAX_ACTIVE = 20  # tokens a person may hold at once


class TokenForm(GdsFormMixin, forms.Form):
    submit_label = "Make a token"

    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example “Power BI scorecard” or “Excel: Section 11 results”.",
        error_messages={"required": "Enter what the token is for"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        if ApiToken.objects.visible_to(self.user).active().count() >= MAX_ACTIVE:
            raise forms.ValidationError(
                f"You have {MAX_ACTIVE} tokens: revoke one you no longer use first"
            )
        return data
