"""Access helpers: a user-scoped queryset decides what a user sees (404 otherwise);
a permission decides what they may do with it (403 otherwise)."""

from django.core.exceptions import PermissionDenied


def require_perm(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def save_as(form, user):
    """Save a model form, recording `user` as the author of the change in the audit trail."""
    obj = form.save(commit=False)
    obj._history_user = user
    obj.save()
    form.save_m2m()
    return obj
