"""A plan's themes: office staff add and edit them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from core.pages import form_page

from ..forms import ThemeForm
from ..models import Plan, Theme
from .plans import managed_plan


@login_required
def theme_add(request, pk):
    plan = managed_plan(request, pk)
    form = ThemeForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        title="Add a theme",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
        done=lambda t: f"Theme {t} added",
    )


@login_required
def theme_edit(request, pk):
    theme = get_object_or_404(
        Theme.objects.filter(plan__in=Plan.objects.visible_to(request.user)), pk=pk
    )
    plan = managed_plan(request, theme.plan_id)
    form = ThemeForm(request.POST or None, instance=theme, plan=plan)
    return form_page(
        request,
        form,
        title=f"Edit theme {theme.number}",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
    )
