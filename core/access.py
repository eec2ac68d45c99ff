"""Access helpers: a user-scoped queryset decides what a user sees (404 otherwise);
a permission decides what they may do with it (403 otherwise)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def visible_or_404(queryset, user, **lookup):
    """The object matching `lookup` among those of `queryset` that `user` may see (its QuerySet's
    `visible_to(user)`), or 404: what a user may not see, they are not told exists."""
    return get_object_or_404(queryset.visible_to(user), **lookup)


def require_perm(user, perm, obj=None):
    """403 unless `user` has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
