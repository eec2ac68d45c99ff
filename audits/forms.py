from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.utils.html import format_html

from boards.models import Agency, Board, Sector
from core.forms import DecisionForm, GdsFormMixin, literal, optional_date, template_safe
from core.versioning import VersionGuardMixin

from .models import NEEDS_ACTION, Answer, AuditCycle, Framework, Rating


class StandardForm(VersionGuardMixin, GdsFormMixin, forms.Form):
    """Every criterion of one standard on one page: rating, evidence and, when not fully met, an
    improvement action with its owner and target date. Saving keeps a draft; nothing is required yet."""

    submit_label = "Save and return to the task list"

    def __init__(self, *args, standard, answers, previous=None, submission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard, self.answers = standard, answers
        self.guarded = submission  # the lost-update guard locks the return, compares these answers
        self.guarded_history = Answer.history.filter(
            submission=getattr(submission, "pk", None), criterion__in=standard.criteria.all()
        )
        previous = previous or {}
        # last year's answers are all of the return's previous cycle (see views last_years_answers)
        last_cycle = next(iter(previous.values())).submission.cycle.name if previous else ""
        fieldsets = []
        for criterion in standard.criteria.all():
            key = criterion.pk
            answer = answers.get(key)
            self.fields[f"rating_{key}"] = forms.ChoiceField(
                label="Rating",
                choices=Rating.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=answer.rating if answer else "",
            )
            self.fields[f"evidence_{key}"] = forms.CharField(
                label="Evidence",
                widget=forms.Textarea,
                required=False,
                initial=answer.evidence if answer else "",
                help_text="What shows this: policies, training records, audits, minutes.",
            )
            self.fields[f"action_{key}"] = forms.CharField(
                label="Improvement action",
                widget=forms.Textarea,
                required=False,
                initial=answer.improvement_action if answer else "",
                help_text="Required when the criterion is partially met or not met.",
            )
            self.fields[f"owner_{key}"] = forms.CharField(
                label="Who will do it",
                required=False,
                max_length=150,
                initial=answer.action_owner if answer else "",
            )
            self.fields[f"due_{key}"] = optional_date("Target date")
            self.fields[f"due_{key}"].initial = answer.action_due if answer else None
            last = previous.get(key)
            last_year = (
                format_html(
                    '<div class="govuk-inset-text">Last year ({}): <strong>{}</strong>{}</div>',
                    last_cycle,
                    last.get_rating_display() or "not answered",
                    format_html(". Evidence: {}", last.evidence) if last.evidence else "",
                )
                if last
                else ""
            )
            fieldsets.append(
                Fieldset(
                    HTML(template_safe(last_year)),
                    Field.radios(f"rating_{key}", inline=False),
                    Field.textarea(f"evidence_{key}", rows=3),
                    Field.textarea(f"action_{key}", rows=2),
                    Field.text(f"owner_{key}"),
                    Field(f"due_{key}"),
                    legend=literal(f"{standard.number}.{criterion.number} {criterion.text}"),
                    legend_size="s",
                )
            )
        self.helper.layout = Layout(*fieldsets)

    def current_copy(self, submission):
        answers = submission.answers.filter(criterion__standard=self.standard)
        kwargs = {**self.guard_kwargs, "answers": {a.criterion_id: a for a in answers}}
        return StandardForm(**kwargs)

    def clean(self):
        data = super().clean()
        for criterion in self.standard.criteria.all():
            key = criterion.pk
            if (
                data.get(f"rating_{key}") in NEEDS_ACTION
                and not data.get(f"action_{key}", "").strip()
            ):
                self.add_error(
                    f"action_{key}",
                    f"Enter an improvement action for {self.standard.number}.{criterion.number}, "
                    "which is not fully met",
                )
        return data

    def save(self, submission, user):
        for criterion in self.standard.criteria.all():
            key = criterion.pk
            answer = self.answers.get(key) or Answer(submission=submission, criterion=criterion)
            answer.rating = self.cleaned_data[f"rating_{key}"]
            answer.evidence = self.cleaned_data[f"evidence_{key}"]
            answer.improvement_action = self.cleaned_data[f"action_{key}"]
            answer.action_owner = self.cleaned_data[f"owner_{key}"]
            answer.action_due = self.cleaned_data[f"due_{key}"]
            answer._history_user = user
            answer.save()


class ReviewForm(DecisionForm):
    """The office accepts a submitted return, or returns it to the agency with what to change."""

    choices = [
        (DecisionForm.ACCEPT, "Accept the return"),
        (DecisionForm.RETURN, "Return it to the agency for changes"),
    ]
    comment_label = "Comments for the agency"
    comment_missing = "Say what the agency needs to change"


class IdsField(forms.Field):
    """The ids of the boxes ticked in a list (every value of the name)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, most, **kwargs):
        super().__init__(**kwargs)
        self.most = most

    def to_python(self, value):
        try:
            ids = sorted({int(v) for v in value or []})
        except (TypeError, ValueError):
            raise forms.ValidationError("Select the returns again", code="invalid") from None
        if len(ids) > self.most:
            raise forms.ValidationError(f"Select at most {self.most:,} returns at a time")
        return ids


class BulkDecisionForm(GdsFormMixin, forms.Form):
    """The office's decision on the returns ticked in the list: accept them all, or return them all
    with one comment. Drawn by audits/returns.html beside the list; each return is decided as if one
    at a time (audits/deciding.py)."""

    ACCEPT, RETURN = ReviewForm.ACCEPT, ReviewForm.RETURN
    MOST = 2000

    returns = IdsField(
        most=MOST, error_messages={"required": "Select the returns to accept or return"}
    )
    decision = forms.ChoiceField(choices=[(ACCEPT, "Accept selected"), (RETURN, "Return selected")])
    comment = forms.CharField(
        label="Comment for the agencies",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="Required to return them: say what needs changing. Each agency sees it.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", "Say what the agencies need to change")
        return data


class AcceptAllForm(GdsFormMixin, forms.Form):
    """The office's "accept all N waiting": every return of the filtered list waiting for a decision,
    on every page of it, as many as the office was shown (`count`), or none."""

    accept_all = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SubmitForm(GdsFormMixin, forms.Form):
    """The senior lead's sign-off. Submitting needs every criterion answered."""

    submit_label = "Sign off and submit"

    signed_off_name = forms.CharField(label="Senior lead's full name", max_length=150)
    signed_off_role = forms.CharField(label="Senior lead's job title", max_length=150)
    confirm = forms.BooleanField(
        label="The senior lead has read this self-assessment and confirms it is accurate",
        error_messages={
            "required": "Confirm that the senior lead has signed off the self-assessment"
        },
    )

    def __init__(self, *args, missing, **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = missing
        self.helper.layout = Layout(
            Field.text("signed_off_name"), Field.text("signed_off_role"), Field.checkbox("confirm")
        )

    def clean(self):
        data = super().clean()
        for criterion, problem in self.missing:
            self.add_error(None, f"{criterion.standard.number}.{criterion.number}: {problem}")
        return data


class ModerationForm(VersionGuardMixin, GdsFormMixin, forms.Form):
    """At a challenge event the office records a moderated rating beside each self-rating."""

    submit_label = "Save moderated ratings"

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        self.guarded = answers[0].submission if answers else None  # locked by the lost-update guard
        self.guarded_history = Answer.history.filter(id__in=[a.pk for a in answers])
        fields = []
        for answer in answers:
            name = f"moderated_{answer.pk}"
            criterion = answer.criterion
            self.fields[name] = forms.ChoiceField(
                label=f"{criterion.standard.number}.{criterion.number} {criterion.text}",
                help_text=f"Self-rating: {answer.get_rating_display() or 'not answered'}",
                choices=[("", "Not moderated"), *Rating.choices],
                required=False,
                initial=answer.moderated_rating,
            )
            fields.append(Field.select(name))
        self.helper.layout = Layout(*fields)

    def current_copy(self, submission):
        stored = Answer.objects.select_related("criterion__standard").in_bulk(
            [a.pk for a in self.answers]
        )
        return ModerationForm(answers=[stored.get(a.pk, a) for a in self.answers])

    def save(self, user):
        for answer in self.answers:
            value = self.cleaned_data[f"moderated_{answer.pk}"]
            if value != answer.moderated_rating:
                answer.moderated_rating = value
                answer._history_user = user
                answer.save(update_fields=["moderated_rating"])


class CycleForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """An audit cycle: its framework, dates, the boards it serves and the agencies it expects, chosen
    by sector (every partner of those boards in the sector) and one by one."""

    opens = DateInputField(label="Opens", help_text="For example, 8 12 2016")
    closes = DateInputField(label="Deadline for returns")
    closed = optional_date("Closed", "Leave empty while returns are still taken, even late ones.")
    boards = forms.ModelMultipleChoiceField(
        label="Boards this cycle serves",
        queryset=Board.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="An agency on several of these boards submits once and each board sees it.",
    )
    sectors = forms.MultipleChoiceField(
        label="Expect every partner agency in these sectors",
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agencies = forms.ModelMultipleChoiceField(
        label="And these agencies",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = AuditCycle
        fields = ["name", "framework", "previous"]
        labels = {"previous": "Last year's cycle, for the year-on-year comparison"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        managed = Board.objects.managed_by(user)
        cycle = self.instance
        self.fields["boards"].queryset = managed
        self.fields["previous"].queryset = AuditCycle.objects.visible_to(user).exclude(pk=cycle.pk)
        self.fields["previous"].required = False
        usable = Framework.objects.usable_by(user)
        if cycle.pk:  # the one it uses stays a choice even if its owner stops sharing it
            usable = usable | Framework.objects.filter(pk=cycle.framework_id)
        framework = self.fields["framework"]
        framework.queryset = usable.select_related("board").order_by("name", "-version")
        framework.label_from_instance = lambda f: f"{f} – {f.owner}"
        partners = Agency.objects.filter(partnerships__board__in=managed).distinct()
        self.fields["agencies"].queryset = partners.order_by("name")
        if cycle.pk:
            self.fields["boards"].initial = cycle.boards.filter(pk__in=managed)
            for name in ("opens", "closes", "closed"):
                self.fields[name].initial = getattr(cycle, name)
            expected = set(cycle.expected.values_list("pk", "sector"))
            sectors = whole_sectors(expected, set(partners.values_list("pk", "sector")))
            self.fields["sectors"].initial = sorted(sectors)
            self.fields["agencies"].initial = [
                pk for pk, sector in expected if sector not in sectors
            ]
        else:
            self.fields["boards"].initial = list(managed[:1])
            self.fields["framework"].initial = usable.order_by("-pk").first()
            self.fields["previous"].initial = self.fields["previous"].queryset.first()
        self.helper.layout = Layout(
            Field.text("name"),
            Field.select("framework"),
            Field("opens"),
            Field("closes"),
            Field("closed"),
            Field.select("previous"),
            Field.checkboxes("boards", legend_size="s"),
            Field.checkboxes("sectors", legend_size="s", small=True),
            # Hundreds of partners: folded away unless some are chosen one by one.
            HTML(self.agencies_details()),
            Field.checkboxes("agencies", legend_size="s", small=True),
            HTML(template_safe("</div></details>")),
        )

    def agencies_details(self):
        """The opening of the details that holds the agencies chosen one by one: open when some
        are, or when the form is sent back."""
        chosen = self.data.getlist("agencies") if self.is_bound else self.fields["agencies"].initial
        count = self.fields["agencies"].queryset.count()
        return template_safe(
            format_html(
                '<details class="govuk-details"{}><summary class="govuk-details__summary">'
                '<span class="govuk-details__summary-text">Choose agencies one by one '
                '({} partner{})</span></summary><div class="govuk-details__text">',
                " open" if chosen or self.is_bound else "",
                count,
                "" if count == 1 else "s",
            )
        )

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] < data["opens"]:
            self.add_error("closes", "The deadline must be on or after the date the cycle opens")
        if not data.get("sectors") and not data.get("agencies"):
            self.add_error("sectors", "Choose the sectors or the agencies expected to return")
        return data

    def save(self, user):
        cycle = self.instance
        cycle.opens, cycle.closes = self.cleaned_data["opens"], self.cleaned_data["closes"]
        cycle.closed = self.cleaned_data["closed"]
        cycle._history_user = user
        cycle.save()
        # Boards the user does not manage stay as they are.
        unmanaged = cycle.boards.exclude(pk__in=self.fields["boards"].queryset)
        cycle.boards.set([*unmanaged, *self.cleaned_data["boards"]])
        in_sectors = Agency.objects.filter(
            partnerships__board__in=self.cleaned_data["boards"],
            sector__in=self.cleaned_data["sectors"],
        )
        cycle.expected.set({*in_sectors, *self.cleaned_data["agencies"]})
        return cycle


def whole_sectors(expected, partners):
    """The sectors every partner of which is expected (shown ticked when the cycle is edited)."""
    expected_sectors = {sector for _, sector in expected}
    return {
        sector
        for sector in expected_sectors
        if {pk for pk, s in partners if s == sector} <= {pk for pk, _ in expected}
    }
