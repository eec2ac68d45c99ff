"""The pages of the API: a person's own tokens (make one, shown once; revoke one) and the API's
documentation, written from its OpenAPI schema."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from core.access import visible_or_404
from core.forms import RemoveForm

from .. import tokens
from ..forms import TokenForm
from ..models import ApiToken


@login_required
def token_list(request):
    """Your tokens, and a form to make one. A new token is shown on the answer to the form, once:
    only its hash is kept (the page is never cached: accounts/no_store.py)."""
    form = TokenForm(request.POST or None, user=request.user)
    new_key = None
    if form.is_valid():
        _, new_key = tokens.issue(request.user, form.cleaned_data["name"])
        form = TokenForm(user=request.user)
    context = {
        "form": form,
        "tokens": ApiToken.objects.visible_to(request.user),
        "new_key": new_key,
    }
    return render(request, "api/tokens.html", context)


@login_required
def token_revoke(request, pk):
    token = visible_or_404(ApiToken.objects.active(), request.user, pk=pk)
    form = RemoveForm(request.POST or None)
    form.helper.inputs[0].value = "Yes, revoke it"
    if form.is_valid():
        tokens.revoke(token)
        messages.success(request, f"Token “{token.name}” revoked: it no longer works")
        return redirect("api:tokens")
    used = timezone.localtime(token.last_used).strftime("%-d %b %Y") if token.last_used else "never"
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Revoke the token “{token.name}”?",
            "caption": "API tokens",
            "intro": f"It starts {token.prefix}, last used {used}. Anything using it (a Power BI "
            "report, a spreadsheet) will be refused from now on.",
            "back_url": reverse("api:tokens"),
        },
    )


def docs(request):
    """Every endpoint: its address, what it answers and the parameters it takes."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = [
        {
            "path": path,
            "description": operation.get("description", ""),
            "parameters": operation.get("parameters", []),
        }
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method == "get"
    ]
    context = {"endpoints": endpoints, "rate": settings.API_RATE.replace("/", " a ")}
    return render(request, "api/docs.html", context)
