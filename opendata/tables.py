"""What a board's data package holds: one table per model, in the order a fresh deployment
recreates them, each with the query choosing the board's rows of it.

A table names its model and the lookup from that model to the board (`scope`). Columns are the
model's own fields, less those in `exclude` (secrets and personal data beyond a person's name, role
and agency). A model's many-to-many fields become tables of their own (`actions_owners`), except
those listed in `skip_m2m`. `match` names the fields by which an import reuses a record the
deployment already holds (a partner agency, a framework of the shared library) instead of making a
second one. People and agencies are written last: they are the ones the board's records name."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

SECRET = ("token", "results_token", "password", "email")


@dataclass
class Table:
    name: str
    label: str  # "app.Model"
    scope: str | None = None  # the lookup from the model to the board; None: written by hand
    exclude: tuple = ()
    match: tuple = ()
    skip_m2m: tuple = ()
    history: bool = True
    m2m_of: "Table | None" = None  # a many-to-many table: the table whose field it is
    m2m_field: str = ""
    through: object = field(default=None, repr=False)

    @property
    def model(self):
        return self.through or apps.get_model(self.label)

    def columns(self):
        """The model's fields written, in order (the primary key first)."""
        return [f for f in self.model._meta.concrete_fields if f.name not in self.exclude + SECRET]

    def rows(self, board):
        """The board's rows of the table, as a queryset ordered by primary key."""
        model = self.model
        if self.m2m_of is not None:
            source = self.m2m_field_object().m2m_field_name()
            rows = model.objects.filter(**{f"{source}__in": self.m2m_of.rows(board).values("pk")})
            if self.m2m_of.label == "audits.AuditCycle" and self.m2m_field == "boards":
                rows = rows.filter(board=board)
            return rows.order_by("pk")
        if self.name == "frameworks":  # the board's own, and those its cycles use
            cycles = TABLE["audit_cycles"].rows(board)
            rows = model.objects.filter(Q(board=board) | Q(pk__in=cycles.values("framework")))
        elif self.name == "audit_cycles":
            cycles = model.boards.through.objects.filter(board=board).values("auditcycle")
            rows = model.objects.filter(pk__in=cycles)
        elif self.scope == "pk":
            rows = model.objects.filter(pk=board.pk)
        elif ":" in self.scope:  # "cycle__in:audit_cycles": in the board's rows of another table
            lookup, other = self.scope.split(":")
            rows = model.objects.filter(**{lookup: TABLE[other].rows(board).values("pk")})
        else:
            rows = model.objects.filter(**{self.scope: board})
        return rows.order_by("pk")

    def m2m_field_object(self):
        return self.m2m_of.model._meta.get_field(self.m2m_field)


IMPORTS = ("created_by", "undone_by")
TABLES = [
    Table("boards", "boards.Board", "pk"),
    Table("board_agencies", "boards.BoardAgency", "board"),
    Table("board_memberships", "boards.BoardMembership", "board", history=False),
    Table("learning_themes", "boards.LearningTheme", "board"),
    Table("budgets", "boards.Budget", "board"),
    Table("contributions", "boards.Contribution", "budget__board"),
    Table("spend_lines", "boards.SpendLine", "budget__board"),
    Table("scrutiny_findings", "boards.ScrutinyFinding", "board"),
    Table("groups", "subgroups.Subgroup", "board"),
    Table("group_responsibilities", "subgroups.Responsibility", "subgroup__board"),
    Table("group_memberships", "subgroups.SubgroupMembership", "subgroup__board"),
    Table("plan_imports", "actions.PlanImport", "board", history=False),
    Table("plans", "actions.Plan", "board"),
    Table("themes", "actions.Theme", "plan__board"),
    Table("actions", "actions.Action", "plan__board"),
    Table("update_cycles", "actions.UpdateCycle", "plan__board"),
    Table("action_updates", "actions.Update", "action__plan__board", history=False),
    Table(
        "frameworks",
        "audits.Framework",
        match=("board", "name", "version"),
        skip_m2m=("shared_with",),
    ),
    Table(
        "standards", "audits.Standard", "framework__in:frameworks", match=("framework", "number")
    ),
    Table(
        "criteria",
        "audits.Criterion",
        "standard__framework__in:frameworks",
        match=("standard", "number"),
    ),
    Table("audit_cycles", "audits.AuditCycle"),
    Table("submissions", "audits.Submission", "cycle__in:audit_cycles"),
    Table("answers", "audits.Answer", "submission__cycle__in:audit_cycles"),
    Table(
        "standard_results",
        "audits.StandardResult",
        "submission__cycle__in:audit_cycles",
        history=False,
    ),
    Table("good_practice", "audits.GoodPractice", "board"),
    Table("quality_audits", "audits.QualityAudit", "board"),
    Table("quality_findings", "audits.Finding", "audit__board"),
    Table("quality_recommendations", "audits.AuditRecommendation", "audit__board"),
    Table("indicators", "performance.Indicator", "board"),
    Table("targets", "performance.Target", "indicator__board"),
    Table("figure_imports", "performance.FigureImport", "board", history=False),
    Table("performance_figures", "performance.Measurement", "indicator__board"),
    Table("datasets", "datasets.Dataset", "board"),
    Table("dataset_dimensions", "datasets.Dimension", "dataset__board"),
    Table("dataset_values", "datasets.DimensionValue", "dimension__dataset__board"),
    Table("dataset_measures", "datasets.Measure", "dataset__board"),
    Table("dataset_imports", "datasets.DatasetImport", "dataset__board", history=False),
    Table("dataset_figures", "datasets.Figure", "dataset__board"),
    Table("review_settings", "reviews.ReviewSettings", "board"),
    Table("case_reviews", "reviews.CaseReview", "board"),
    Table("review_status_changes", "reviews.StatusChange", "review__board", history=False),
    Table("lessons", "reviews.Lesson", "review__board"),
    Table("recommendations", "reviews.Recommendation", "review__board"),
    Table("dissemination_tasks", "reviews.DisseminationTask", "review__board"),
    Table("information_requests", "reviews.InformationRequest", "review__board"),
    Table("panel_responses", "reviews.PanelResponse", "review__board"),
    Table("practice_review_decisions", "reviews.LcsprDecision", "review__board"),
    Table("sar_details", "reviews.SarDetails", "review__board"),
    Table("sar_quality_markers", "reviews.MarkerAssessment", "sar__review__board"),
    Table("trainers", "learning.Trainer", "board"),
    Table("courses", "learning.Course", "board"),
    Table("training_sessions", "learning.Session", "course__board"),
    # Attendees are named by the board's people only: their names and emails stay behind.
    Table("bookings", "learning.Booking", "session__course__board", exclude=("name",)),
    Table("evaluations", "learning.Evaluation", "booking__session__course__board", history=False),
    Table("attendance_figures", "learning.AttendanceFigure", "board"),
    Table("elearning_departments", "learning.ElearningDepartment", "board"),
    Table("elearning_imports", "learning.ElearningImport", "board", history=False),
    Table("elearning_completions", "learning.ElearningCompletion", "batch__board", history=False),
    Table("surveys", "learning.Survey", "board"),
    Table("survey_questions", "learning.Question", "survey__board"),
    Table("survey_options", "learning.Option", "question__survey__board"),
    Table("survey_links", "learning.SurveyLink", "survey__board"),
    Table("survey_responses", "learning.Response", "survey__board", history=False),
    Table("survey_answers", "learning.Answer", "response__survey__board", history=False),
    Table("survey_recorded_results", "learning.RecordedResult", "option__question__survey__board"),
    Table("annual_reports", "reports.AnnualReport", "board"),
    Table("report_sections", "reports.Section", "report__board"),
    Table("published_versions", "reports.Publication", "report__board", history=False),
    Table("report_recipients", "reports.Recipient", "board"),
    Table("report_dispatches", "reports.Dispatch", "publication__report__board"),
]
# Written last, from the ids the records above name (and the board's own partners and people).
PEOPLE = Table(
    "people",
    "accounts.User",
    exclude=("last_login", "is_superuser", "job_title", "is_active", "is_staff", "date_joined"),
    history=False,
)
AGENCIES = Table("agencies", "boards.Agency", match=("name",), history=False)


def _m2m_tables(table):
    for m2m in table.model._meta.many_to_many:
        through = m2m.remote_field.through
        if m2m.name in table.skip_m2m or not through._meta.auto_created:
            continue
        yield Table(
            f"{table.name}_{m2m.name}",
            through._meta.label,
            history=False,
            m2m_of=table,
            m2m_field=m2m.name,
            through=through,
        )


def _expand(tables):
    for table in tables:
        yield table
        yield from _m2m_tables(table)


ALL = [AGENCIES, PEOPLE, *_expand(TABLES)]
TABLE = {table.name: table for table in ALL}
BY_MODEL = {table.model: table for table in ALL if table.m2m_of is None}

# The models of the board's apps that the package leaves out, and why. A new model goes in TABLES
# or here (tests/opendata/test_package.py checks).
LEFT_OUT = {
    "boards.BoardLink": "a link to another board, whose records are not this board's to give",
    "boards.Invitation": "invitations name people by email, and expire",
    "boards.ImportMapping": "how this deployment's imports read columns, not the board's record",
    "subgroups.SubgroupInvitation": "invitations name people by email, and expire",
    "notifications.Preference": "a person's own choice of emails",
    "notifications.Notification": "emails sent to people, with their addresses",
    "actions.Reminder": "a record of reminder emails sent",
    "audits.AuditReminder": "a record of reminder emails sent",
    "learning.EvaluationInvite": "signed links emailed to attendees",
    "api.ApiToken": "people's own keys to the API",
    "api.ApiRequest": "the API's request log",
}
