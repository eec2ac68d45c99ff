"""The practitioner survey's forms: the office's (a survey, its questions) and the anonymous answer
form staff fill in through their agency's link."""

from crispy_forms_gds.layout import Field, Fieldset, Layout
from django import forms

from core.forms import GdsFormMixin, optional_date
from core.versioning import VersionGuardMixin

from ..models import Question, QuestionKind, Survey

NO_NAMES = (
    "Do not write anyone's name or initials, or anything else that could identify a child, a "
    "family or a colleague."
)


class SurveyForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    opens = optional_date("Opens", "Leave empty while you are still writing the questions.")
    closes = optional_date("Closes", "The last day answers are taken. For example, 22 7 2016")
    repeat = forms.BooleanField(
        required=False,
        initial=True,
        label="Start from last year's questions",
        help_text="Each question is repeated, so its answers compare with last year's.",
    )

    class Meta:
        model = Survey
        fields = ["title", "intro", "previous"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        survey = self.instance
        survey.board = board
        previous = self.fields["previous"]
        previous.queryset = Survey.objects.filter(board=board).exclude(pk=survey.pk)
        previous.required = False
        previous.help_text = "Repeated questions are compared with this survey's."
        fields = [Field.text("title"), Field.textarea("intro", rows=4), Field.select("previous")]
        if survey.pk:
            del self.fields["repeat"]
            self.fields["opens"].initial, self.fields["closes"].initial = (
                survey.opens,
                survey.closes,
            )
        else:
            previous.initial = previous.queryset.first()
            fields.append(Field.checkbox("repeat", small=True))
        self.helper.layout = Layout(
            *fields,
            Fieldset(
                Field("opens"),
                Field("closes"),
                legend="When staff can answer",
                legend_size="m",
            ),
        )

    def clean_title(self):
        title = self.cleaned_data["title"]
        same = Survey.objects.filter(board=self.instance.board, title__iexact=title)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The board already has a survey with this title")
        return title

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if bool(opens) != bool(closes) and "opens" not in self.errors:
            self.add_error("closes" if opens else "opens", "Give both dates, or neither")
        elif opens and closes and closes < opens:
            self.add_error("closes", "The survey must close on or after the day it opens")
        return data

    def save(self, commit=True):
        self.instance.opens = self.cleaned_data["opens"]
        self.instance.closes = self.cleaned_data["closes"]
        return super().save(commit)


class QuestionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    choices = forms.CharField(
        label="Answer choices",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One a line, in order. Not needed for free text. A choice keeps its place: "
        "editing a line rewords that choice.",
    )

    class Meta:
        model = Question
        fields = ["text", "hint", "kind"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.survey = survey
        if self.instance.pk:
            options = self.instance.options.all()
            self.fields["choices"].initial = "\n".join(o.text for o in options)
        self.helper.layout = Layout(
            Field.text("text"),
            Field.text("hint"),
            Field.radios("kind", legend_size="s"),
            Field.textarea("choices", rows=6),
        )

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in data.get("choices", "").splitlines() if line.strip()]
        if data.get("kind") in (QuestionKind.SCALE, QuestionKind.CHOICES) and len(lines) < 2:
            self.add_error("choices", "Give at least two answer choices, one a line")
        if any(len(line) > 200 for line in lines):
            self.add_error("choices", "Keep each answer choice to 200 characters or fewer")
        if len(lines) != len({line.lower() for line in lines}):
            self.add_error("choices", "Each answer choice must be different")
        data["lines"] = lines if data.get("kind") != QuestionKind.TEXT else []
        return data


class AnswerForm(GdsFormMixin, forms.Form):
    """A survey's questions for anyone with the link. `website` is a trap only robots fill in (it is
    hidden from people and from screen readers); `started` says when the page was shown (signed, so
    a robot cannot claim it waited)."""

    submit_label = "Send my answers"
    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        layout = []
        for question in questions:
            name = f"q{question.pk}"
            choices = [(str(o.pk), o.text) for o in question.options.all()]
            common = {"label": question.text, "required": False, "help_text": question.hint}
            if question.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
                layout.append(Field.radios(name, legend_size="s"))
            elif question.kind == QuestionKind.CHOICES:
                field = forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, **common
                )
                layout.append(Field.checkboxes(name, legend_size="s"))
            else:
                common["help_text"] = " ".join(filter(None, [question.hint, NO_NAMES]))
                field = forms.CharField(widget=forms.Textarea, max_length=2000, **common)
                layout.append(Field.textarea(name, rows=4, label_size="s", max_characters=2000))
            self.fields[name] = field
        self.helper.layout = Layout(*layout)
        self.helper.form_tag = False  # the page adds the trap and the start time beside the fields

    def answers(self):
        """(question, [option ids], text) for every question answered."""
        given = []
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if not value:
                continue
            if question.kind == QuestionKind.TEXT:
                given.append((question, [], value.strip()))
            else:
                chosen = [value] if isinstance(value, str) else value
                given.append((question, [int(v) for v in chosen], ""))
        return given

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(f"q{q.pk}") for q in self.questions):
            raise forms.ValidationError("Answer at least one question before you send your answers")
        return data
