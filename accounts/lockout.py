"""Sign-in lockout (django-axes): failures are counted per account, so the email is normalised."""


def username(request, credentials):
    """The email address as the account is keyed: sign-in ignores case, so the count must too."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return value.strip().lower()
