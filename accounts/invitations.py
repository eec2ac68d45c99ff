"""Adding a person: find them by email, or create their account and email them a link to set a password."""

from django.contrib.auth.forms import PasswordResetForm

from .models import User


def find_or_invite(request, *, email, name, job_title="", agency=None, acting_user):
    """Return the user with this email, creating and inviting them if they are new."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User(email=email, name=name, job_title=job_title, agency=agency)
    user.set_unusable_password()
    user._history_user = acting_user
    user.save()
    reset = PasswordResetForm({"email": email})
    if reset.is_valid():
        # Django only sends reset links to accounts with a usable password; an invitation is
        # exactly the case of one without, so send it to this user directly.
        reset.get_users = lambda _email: [user]
        reset.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="registration/invitation_subject.txt",
            email_template_name="registration/invitation_email.txt",
        )
    return user
