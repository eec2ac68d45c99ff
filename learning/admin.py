"""The training programme and the practitioner survey in the Django admin, for the deployment's
system administrators alone (boards/admin_site.py). Board office staff run both through the app's
own pages; records people answered (evaluations, anonymous survey responses), the emails sent and
imported e-learning rows are readable here and never changed."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Answer,
    AttendanceFigure,
    Booking,
    Course,
    ElearningCompletion,
    ElearningDepartment,
    ElearningImport,
    Evaluation,
    EvaluationInvite,
    Option,
    Question,
    RecordedResult,
    Response,
    Session,
    Survey,
    SurveyLink,
    Trainer,
)


class Unchangeable:
    """Readable, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    has_delete_permission = has_change_permission


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "level", "board"]
    list_filter = ["level", "board"]
    search_fields = ["title"]
    filter_horizontal = ["themes", "reviews", "audits"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["course", "date", "place", "online", "capacity"]
    list_select_related = ["course"]
    raw_id_fields = ["course"]
    filter_horizontal = ["trainers"]


@admin.register(Trainer)
class TrainerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agency", "board", "active"]
    list_filter = ["active", "board"]
    search_fields = ["name"]
    raw_id_fields = ["agency"]


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "session", "agency", "status", "attended", "forgotten"]
    list_filter = ["status", "attended", "forgotten"]
    list_select_related = ["session__course", "agency"]
    search_fields = ["name", "email"]
    raw_id_fields = ["session", "agency", "booked_by"]


class ReadOnlyInline(Unchangeable, admin.TabularInline):
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(Unchangeable, admin.ModelAdmin):
    """An attendee's answers, as they gave them."""

    list_display = ["booking", "stage", "confidence", "answered"]
    list_filter = ["stage", "confidence"]
    list_select_related = ["booking__session__course"]


@admin.register(EvaluationInvite)
class EvaluationInviteAdmin(Unchangeable, admin.ModelAdmin):
    """The evaluation links emailed to attendees: what was sent, and why a send failed."""

    list_display = ["booking", "stage", "created", "sent_at", "attempts", "last_error"]
    list_filter = ["stage"]
    list_select_related = ["booking__session__course"]


@admin.register(AttendanceFigure)
class AttendanceFigureAdmin(SimpleHistoryAdmin):
    list_display = ["board", "year", "course", "level", "attendees", "events"]
    list_filter = ["board", "year"]


@admin.register(ElearningDepartment)
class ElearningDepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "board", "agency", "sector"]
    list_filter = ["board", "sector"]
    search_fields = ["name"]
    raw_id_fields = ["agency"]


class CompletionInline(ReadOnlyInline):
    model = ElearningCompletion


@admin.register(ElearningImport)
class ElearningImportAdmin(Unchangeable, admin.ModelAdmin):
    """An e-learning export as it was imported (the office replaces a year by importing again)."""

    list_display = ["file_name", "board", "year", "created"]
    list_filter = ["board", "year"]
    inlines = [CompletionInline]


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "board", "opens", "closes", "recorded_responses"]
    list_filter = ["board"]
    search_fields = ["title"]
    raw_id_fields = ["previous"]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    raw_id_fields = ["repeats"]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "survey", "kind"]
    list_select_related = ["survey"]
    search_fields = ["text"]
    raw_id_fields = ["survey", "repeats"]
    inlines = [OptionInline]


@admin.register(SurveyLink)
class SurveyLinkAdmin(SimpleHistoryAdmin):
    list_display = ["survey", "agency"]
    list_select_related = ["survey", "agency"]
    raw_id_fields = ["survey", "agency"]


@admin.register(RecordedResult)
class RecordedResultAdmin(SimpleHistoryAdmin):
    list_display = ["option", "share", "count"]
    list_select_related = ["option"]
    raw_id_fields = ["option"]


class AnswerInline(ReadOnlyInline):
    model = Answer


@admin.register(Response)
class ResponseAdmin(Unchangeable, admin.ModelAdmin):
    """An anonymous response, as it arrived: the agency of its link and the day only."""

    list_display = ["__str__", "survey", "agency", "submitted"]
    list_filter = ["survey"]
    list_select_related = ["survey", "agency"]
    inlines = [AnswerInline]
