from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .forms import TwoFactorCodeForm


@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise. For load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def accessibility(request):
    return render(request, "accounts/accessibility.html")


def privacy(request):
    return render(request, "accounts/privacy.html")


@login_required
@never_cache
def two_factor_setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), then enter a code from it.
    Only for someone without a confirmed app: a password alone must never replace the second factor."""
    if two_factor.confirmed_device(request.user):
        if request.user.is_verified():
            messages.info(request, "Your authenticator app is already set up")
            return redirect(two_factor.next_url(request))
        return redirect(f"{reverse('two_factor_verify')}?{request.GET.urlencode()}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = TwoFactorCodeForm(request.POST or None, device=device)
    if form.is_valid():
        device = form.device
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return signed_in(request, device, "Your authenticator app is set up")
    if form.wrong_code:
        return after_wrong_code(request) or render_code_page(request, form, device)
    return render_code_page(request, form, device)


@login_required
@never_cache
def two_factor_verify(request):
    """The second step of signing in: the code from the person's authenticator app."""
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{request.GET.urlencode()}")
    if request.user.is_verified():
        return redirect(two_factor.next_url(request))
    if AxesProxyHandler.is_locked(request, {"username": request.user.get_username()}):
        return locked_out(request)
    form = TwoFactorCodeForm(request.POST or None, device=device)
    if form.is_valid():
        return signed_in(request, form.device)
    if form.wrong_code:
        return after_wrong_code(request) or render_code_page(request, form)
    return render_code_page(request, form)


def signed_in(request, device, message=None):
    request.session.cycle_key()  # a new session id once fully signed in
    otp_login(request, device)
    if message:
        messages.success(request, message)
    return redirect(two_factor.next_url(request))


def after_wrong_code(request):
    """Count the wrong code towards the account's lockout; once locked, sign the person out."""
    two_factor.count_failure(request, request.user)
    if getattr(request, "axes_locked_out", False):
        return locked_out(request)
    return None


def locked_out(request):
    logout(request)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


def render_code_page(request, form, device=None):
    context = {
        "form": form,
        "title": "Set up your authenticator app" if device else "Enter your security code",
        "back_url": None,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    if device:
        context.update(qr=two_factor.qr_code(device), secret=two_factor.secret_text(device))
    template = "accounts/two_factor_setup.html" if device else "accounts/two_factor_verify.html"
    return render(request, template, context)
