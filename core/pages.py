"""The shape most editing views share: one form on a GOV.UK page, saved with the author recorded."""

from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url

from core.versioning import saved

from .history import save_as


def form_page(request, form, *, title, back_url, caption="", intro="", save=None, done=None):
    """Render `form` on the standard form page; when valid, save it (as the acting user by default)
    unless someone changed the record since the form was shown, say `done(obj)` and go to the saved
    object's page. `back_url`: a path, or a record (its page), as `redirect` takes."""
    if form.is_valid() and saved(form, save or (lambda form: save_as(form, request.user))):
        obj = form.saved
        messages.success(request, done(obj) if done else f"{obj} saved")
        return redirect(obj)
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "back_url": resolve_url(back_url),
        "intro": intro,
    }
    return render(request, "_form_page.html", context)
