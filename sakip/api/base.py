"""The blanks every endpoint is made of: language, pagination, scoped querysets."""

from django.conf import settings
from django.utils import translation
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, mixins, viewsets

from .pagination import Pagination  # noqa: F401  (re-exported)


def request_language(request) -> str | None:
    """Accept-Language picks id or en for the API (the pages use the language switch instead)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    available = {code for code, _name in settings.LANGUAGES}
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in available:
            return tag
    return None


class LanguageMixin:
    def initial(self, request, *args, **kwargs):
        language = request_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response


class ScopedReadViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """A list + detail over a scoped selector: another OPD's objects are simply absent (404)."""

    selector = None  # callable(user) -> queryset
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    ordering = ["pk"]

    def get_queryset(self):
        qs = type(self).selector(self.request.user)
        return qs


class ScopedModelViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ScopedReadViewSet):
    """Reads as above; create/update/delete through the app's services (see perform_*)."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
