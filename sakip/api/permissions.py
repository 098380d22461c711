"""DRF permission classes. Object rules stay in sakip.core.permissions and the services."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .models import ApiToken


class IsAuthenticatedWithScope(permissions.BasePermission):
    """Signed in; a read-only token may only read."""

    message = _("Token ini hanya untuk membaca; buat token baca-tulis untuk mengubah data.")

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        if isinstance(token, ApiToken):
            return token.can_write
        return True
