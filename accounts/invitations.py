"""A new person's account: made when the office first names them, with no password until they
choose one through the link their invitation carries (boards/invitations.py sends it)."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User


def create_account(*, email, name, job_title="", agency=None, acting_user):
    """A new account for `email`, without a usable password."""
    user = User(email=email.strip().lower(), name=name, job_title=job_title, agency=agency)
    user.set_unusable_password()
    user._history_user = acting_user
    user.save()
    return user


def set_password_path(user):
    """The password reset link (Django's own view and token), used as "choose your password"."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
