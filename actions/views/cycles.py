"""A plan's update cycles: office staff open and edit them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from core.pages import form_page

from ..announcing import save_cycle
from ..forms import CycleForm
from ..models import Plan, UpdateCycle
from .plans import managed_plan


@login_required
def cycle_add(request, pk):
    plan = managed_plan(request, pk)
    form = CycleForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        title="Open an update cycle",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
        save=lambda form: save_cycle(form, user=request.user),
        intro="Chairs see the actions they still need to update from the day the cycle opens until its deadline.",
    )


@login_required
def cycle_edit(request, pk):
    cycle = get_object_or_404(
        UpdateCycle.objects.filter(plan__in=Plan.objects.visible_to(request.user)), pk=pk
    )
    plan = managed_plan(request, cycle.plan_id)
    form = CycleForm(request.POST or None, instance=cycle, plan=plan)
    return form_page(
        request,
        form,
        title=f"Edit {cycle.name}",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
        save=lambda form: save_cycle(form, user=request.user),
    )
