"""Two-factor sign-in (TOTP, django-otp) for the people who hold the most: board office staff and
system administrators. After the password, they set up an authenticator app once and then enter its
6-digit code; until then they reach nothing but the two-factor pages and sign-out.

Who must use it is a rule: system administrators here, office staff through the rule
"accounts.two_factor_required" that boards/rules.py adds (accounts imports nothing from boards).
"""

import base64
from urllib.parse import urlencode

import qrcode
import rules
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

# Views someone half-way through signing in may reach: the two-factor pages, sign-out, and pages
# anonymous visitors may see anyway.
OPEN_VIEWS = {
    "two_factor_setup",
    "two_factor_verify",
    "logout",
    "healthz",
    "accessibility",
    "privacy",
}


def two_factor_required(user):
    """System administrators and office staff of any board must sign in with a second factor."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff or user.is_superuser or rules.test_rule("accounts.two_factor_required", user)
    )


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


class RequireTwoFactorMiddleware:
    """After django_otp's OTPMiddleware: people who have set up an app, or must have one, and have
    not given its code in this session are sent to enter it (or to set up the app first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match and match.url_name in OPEN_VIEWS and not match.namespace:
            return None
        if confirmed_device(user):  # anyone with an app, including people who opted in
            url = reverse("two_factor_verify")
        elif two_factor_required(user):
            url = reverse("two_factor_setup")
        else:
            return None
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)


def next_url(request):
    """Where to go once the code is accepted: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def count_failure(request, user):
    """A wrong code counts towards the account's sign-in lockout (django-axes), like a wrong password."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def secret_text(device):
    """The key as people type it into an app: base32 in groups of four."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code(device):
    """The device's otpauth:// address as the path of an SVG QR code (drawn in the template)."""
    code = qrcode.QRCode(border=4, image_factory=SvgPathImage)
    code.add_data(device.config_url)
    code.make(fit=True)
    image = code.make_image()
    image.to_string()  # builds the path
    size = code.modules_count + 2 * code.border
    return {"path": image.path.get("d"), "size": size}
