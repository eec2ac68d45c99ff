"""Frameworks of standards. A framework belongs to a board (its office adds it, starts new versions,
edits a version until a cycle uses it, and may share it with other boards) or to the deployment-wide
library (system administrators edit it). People read their boards' frameworks, those shared with
their boards and the library; any office copies what it reads into its own board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.access import require_perm
from core.forms import DeleteForm
from core.pages import form_page

from ..framework_forms import (
    CopyForm,
    CriterionForm,
    FrameworkForm,
    NewVersionForm,
    ShareForm,
    StandardEditForm,
)
from ..models import AuditCycle, Criterion, Framework, Standard
from ..versions import new_version


@login_required
def framework_list(request):
    frameworks = (
        Framework.objects.visible_to(request.user)
        .select_related("previous", "board")
        .annotate(standard_count=Count("standards", distinct=True))
        .annotate(
            cycle_count=Count(
                "cycles",
                filter=Q(cycles__in=AuditCycle.objects.visible_to(request.user)),
                distinct=True,
            )
        )
        .order_by("board__name", "name", "-version")
    )
    return render(
        request,
        "audits/framework_list.html",
        {"frameworks": frameworks, "can_add": request.user.has_perm("audits.add_framework")},
    )


@login_required
def framework_detail(request, pk):
    criteria = Criterion.objects.prefetch_related(
        Prefetch("replaces", queryset=Criterion.objects.select_related("standard"))
    )
    framework = get_object_or_404(
        Framework.objects.visible_to(request.user)
        .select_related("previous", "board")
        .prefetch_related(
            Prefetch("standards__criteria", queryset=criteria),
            Prefetch("shared_with", to_attr="shared"),
            # only the cycles the user sees: a library framework serves many boards
            Prefetch(
                "cycles", queryset=AuditCycle.objects.visible_to(request.user), to_attr="seen"
            ),
        ),
        pk=pk,
    )
    user = request.user
    can_version = user.has_perm("audits.version_framework", framework)
    form = NewVersionForm(request.POST or None, framework=framework) if can_version else None
    if request.method == "POST":
        require_perm(user, "audits.version_framework", framework)
        if form.is_valid():
            new = new_version(framework, version=form.cleaned_data["version"], user=user)
            messages.success(request, f"{new} created: edit it before a cycle uses it")
            return redirect("audits:framework", new.pk)
    return render(
        request,
        "audits/framework_detail.html",
        {
            "framework": framework,
            "can_change": user.has_perm("audits.change_framework", framework),
            "can_copy": user.has_perm("audits.copy_framework", framework),
            "can_share": user.has_perm("audits.share_framework", framework),
            "form": form,
        },
    )


@login_required
def framework_add(request):
    require_perm(request.user, "audits.add_framework")
    form = FrameworkForm(request.POST or None, user=request.user)
    back = reverse("audits:frameworks")
    return form_page(request, form, title="Add a framework", back_url=back)


@login_required
def framework_copy(request, pk):
    """Copy a framework the user reads (the library's, or one shared with them) into their board."""
    framework = get_object_or_404(Framework.objects.visible_to(request.user), pk=pk)
    require_perm(request.user, "audits.copy_framework", framework)
    form = CopyForm(request.POST or None, framework=framework, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        copy = new_version(
            framework, version=data["version"], user=request.user, board=data["board"]
        )
        messages.success(
            request, f"{copy} copied into {copy.board.name}: edit it before a cycle uses it"
        )
        return redirect(copy)
    back = framework.get_absolute_url()
    return form_page(request, form, title=f"Copy {framework}", back_url=back)


@login_required
def framework_share(request, pk):
    """The owner's office chooses the other boards that may run cycles with its framework."""
    framework = get_object_or_404(Framework.objects.visible_to(request.user), pk=pk)
    require_perm(request.user, "audits.share_framework", framework)
    form = ShareForm(request.POST or None, instance=framework)
    back = framework.get_absolute_url()
    return form_page(
        request,
        form,
        title=f"Share {framework}",
        back_url=back,
        done=lambda f: f"Sharing of {f} saved",
    )


def changeable(request, queryset, pk):
    """The framework (standard, criterion) if the user may read it (404 otherwise) and change it."""
    obj = get_object_or_404(
        queryset.filter(**{visible_lookup(queryset.model): visible(request)}), pk=pk
    )
    require_perm(request.user, "audits.change_framework", obj)
    return obj


@login_required
def framework_edit(request, pk):
    framework = changeable(request, Framework.objects.all(), pk)
    form = FrameworkForm(request.POST or None, instance=framework, user=request.user)
    back = framework.get_absolute_url()
    return form_page(request, form, title=f"Edit {framework}", back_url=back)


@login_required
def standard_add(request, pk):
    framework = changeable(request, Framework.objects.all(), pk)
    form = StandardEditForm(request.POST or None, framework=framework)
    back = framework.get_absolute_url()
    return form_page(request, form, title="Add a standard", caption=str(framework), back_url=back)


@login_required
def standard_edit(request, pk):
    standard = changeable(request, Standard.objects.select_related("framework"), pk)
    form = StandardEditForm(request.POST or None, instance=standard, framework=standard.framework)
    back = standard.get_absolute_url()
    caption = str(standard.framework)
    return form_page(request, form, title="Edit the standard", caption=caption, back_url=back)


@login_required
def criterion_add(request, pk):
    standard = changeable(request, Standard.objects.select_related("framework"), pk)
    form = CriterionForm(request.POST or None, standard=standard)
    back = standard.get_absolute_url()
    return form_page(request, form, title="Add a criterion", caption=str(standard), back_url=back)


@login_required
def criterion_edit(request, pk):
    criterion = changeable(request, CRITERIA, pk)
    form = CriterionForm(request.POST or None, instance=criterion, standard=criterion.standard)
    back = criterion.get_absolute_url()
    caption = str(criterion.standard)
    return form_page(request, form, title="Edit the criterion", caption=caption, back_url=back)


CRITERIA = Criterion.objects.select_related("standard__framework")


def visible(request):
    return Framework.objects.visible_to(request.user)


def visible_lookup(model):
    return {Framework: "pk__in", Standard: "framework__in", Criterion: "standard__framework__in"}[
        model
    ]


@login_required
def standard_delete(request, pk):
    standard = changeable(request, Standard.objects.select_related("framework"), pk)
    return delete_page(request, standard, f"Delete standard {standard} and its criteria?")


@login_required
def criterion_delete(request, pk):
    criterion = changeable(request, CRITERIA, pk)
    number = f"{criterion.standard.number}.{criterion.number}"
    return delete_page(request, criterion, f"Delete criterion {number}?")


def delete_page(request, obj, title):
    form = DeleteForm(request.POST or None)
    back = obj.get_absolute_url()
    if form.is_valid():
        obj._history_user = request.user
        obj.delete()
        messages.success(request, f"{obj} deleted")
        return redirect(back)
    context = {"form": form, "title": title, "back_url": back}
    return render(request, "_form_page.html", context)
