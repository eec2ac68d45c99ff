"""Frameworks of standards: everyone signed in reads them; office staff add them, start new versions
and edit a version until a cycle uses it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import require_perm
from accounts.pages import form_page
from boards.forms import DeleteForm

from .framework_forms import CriterionForm, FrameworkForm, NewVersionForm, StandardEditForm
from .models import Criterion, Framework, Standard
from .versions import new_version


@login_required
def framework_list(request):
    frameworks = (
        Framework.objects.select_related("previous")
        .annotate(standard_count=Count("standards", distinct=True))
        .annotate(cycle_count=Count("cycles", distinct=True))
        .order_by("name", "-version")
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
        Framework.objects.select_related("previous").prefetch_related(
            Prefetch("standards__criteria", queryset=criteria), "cycles"
        ),
        pk=pk,
    )
    can_add = request.user.has_perm("audits.add_framework")
    form = NewVersionForm(request.POST or None, framework=framework) if can_add else None
    if request.method == "POST":
        require_perm(request.user, "audits.add_framework")
        if form.is_valid():
            new = new_version(framework, version=form.cleaned_data["version"], user=request.user)
            messages.success(request, f"{new} created: edit it before a cycle uses it")
            return redirect("audits:framework", new.pk)
    return render(
        request,
        "audits/framework_detail.html",
        {
            "framework": framework,
            "can_change": request.user.has_perm("audits.change_framework", framework),
            "form": form,
        },
    )


@login_required
def framework_add(request):
    require_perm(request.user, "audits.add_framework")
    form = FrameworkForm(request.POST or None)
    back = reverse("audits:frameworks")
    return form_page(request, form, title="Add a framework", back_url=back)


def changeable(request, queryset, pk):
    obj = get_object_or_404(queryset, pk=pk)
    require_perm(request.user, "audits.change_framework", obj)
    return obj


@login_required
def framework_edit(request, pk):
    framework = changeable(request, Framework.objects.all(), pk)
    form = FrameworkForm(request.POST or None, instance=framework)
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
