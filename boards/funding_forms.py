"""The office's forms for a board's budget: the year, a partner's contribution, a line of spend."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from core.forms import GdsFormMixin
from core.versioning import VersionGuardMixin

from .funding import Budget, Contribution, SpendLine

POUNDS = {"field_width": 10}


class BudgetForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["year", "brought_forward", "notes"]
        labels = {"brought_forward": "Balance brought forward (£)"}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100
        self.helper.layout = Layout(
            Field.text("year", field_width=4),
            Field.text("brought_forward", **POUNDS),
            Field.textarea("notes", rows=3),
        )

    def clean_year(self):
        year = self.cleaned_data["year"]
        same = Budget.objects.filter(board=self.instance.board, year=year)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The board already has a budget for this year")
        return year


class ContributionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["agency", "label", "amount", "in_kind", "in_kind_value"]
        labels = {
            "amount": "Money (£)",
            "in_kind_value": "Estimated value in kind (£)",
        }

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.budget = budget
        self.fields["agency"].queryset = budget.board.agencies.order_by("name")
        self.fields["agency"].empty_label = "Choose an agency"
        self.helper.layout = Layout(
            Field.select("agency"),
            Field.text("label"),
            Field.text("amount", **POUNDS),
            Field.textarea("in_kind", rows=3),
            Field.text("in_kind_value", **POUNDS),
        )

    def clean_agency(self):
        agency = self.cleaned_data["agency"]
        same = Contribution.objects.filter(budget=self.instance.budget, agency=agency)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "This agency's contribution is already recorded: change that one"
            )
        return agency

    def clean_amount(self):
        return nonnegative(self.cleaned_data["amount"])

    def clean_in_kind_value(self):
        return nonnegative(self.cleaned_data["in_kind_value"])


class SpendLineForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = SpendLine
        fields = ["heading", "amount", "note"]
        labels = {"amount": "Amount (£)"}

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.budget = budget
        self.helper.layout = Layout(
            Field.text("heading"), Field.text("amount", **POUNDS), Field.text("note")
        )

    def clean_amount(self):
        return nonnegative(self.cleaned_data["amount"])


def nonnegative(value):
    if value is not None and value < 0:
        raise forms.ValidationError("Enter an amount of £0 or more")
    return value
