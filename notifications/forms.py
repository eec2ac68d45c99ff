from crispy_forms_gds.layout import Field, Layout
from django import forms

from core.forms import GdsFormMixin
from core.versioning import VersionGuardMixin

from .models import Preference


class PreferenceForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "frequency"
        ].help_text = (
            "Either way, this service's pages list them all, and nothing is ever only in an email."
        )
        self.helper.layout = Layout(Field.radios("frequency", legend_size="m"))
