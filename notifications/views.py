"""A person's own notifications and how they want to get them. Nobody sees anyone else's."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from core.pages import form_page

from .forms import PreferenceForm
from .models import Frequency, Notification, Preference

RECENT = 50


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user)[:RECENT]
    preference = Preference.objects.filter(user=request.user).first()
    frequency = preference.frequency if preference else Frequency.IMMEDIATE
    return render(
        request,
        "notifications/list.html",
        {
            "notifications": notifications,
            "frequency": Frequency(frequency),
            "recent": RECENT,
        },
    )


@login_required
def preference_edit(request):
    preference, _ = Preference.objects.get_or_create(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    return form_page(
        request,
        form,
        title="How you get notifications",
        back_url=reverse("notifications:list"),
        done=lambda preference: f"Saved: {preference.get_frequency_display()}",
    )
