"""Reads of the API app."""

from .models import ApiToken


def tokens_of(user):
    """The user's own tokens, newest first (nobody lists another user's tokens)."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
