"""SOP AP: the register, versions with their steps, and the lint of a version."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from sakip.core.permissions import scope_queryset
from sakip.sop import selectors

from ..base import ScopedReadViewSet
from ..serializers import sop as S

TAG = ["sop"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class SopViewSet(ScopedReadViewSet):
    """The SOP register of each OPD."""

    selector = selectors.sops_for
    serializer_class = S.SopSerializer
    filterset_fields = ["opd", "unit"]
    ordering = ["opd", "id"]


def _versions(user):
    return selectors.versions_for(user)


def _version_detail(user):
    return scope_queryset(selectors.version_queryset(), user, "sop__opd")


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class SopVersionViewSet(ScopedReadViewSet):
    """Versions of SOPs (draft, diajukan, disahkan, diganti, dicabut); the detail carries the steps."""

    selector = _versions
    serializer_class = S.SopVersionSerializer
    filterset_fields = ["sop", "status", "sop__opd"]
    ordering = ["sop", "id"]

    def get_queryset(self):
        if self.action in ("retrieve", "lint"):
            return _version_detail(self.request.user)
        return super().get_queryset()

    def get_serializer_class(self):
        return S.SopVersionDetailSerializer if self.action == "retrieve" else S.SopVersionSerializer

    @extend_schema(tags=TAG, responses=S.LintFindingSerializer(many=True), summary="Lint findings of the version")
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def lint(self, request, pk=None):
        version = self.get_object()
        findings = selectors.lint(version)
        data = [
            {
                "code": f.code,
                "severity": f.severity,
                "where": f.where,
                "message": f.message,
                "fix": f.fix or "",
                "step": f.step,
                "field": f.field or "",
            }
            for f in findings
        ]
        return Response(S.LintFindingSerializer(data, many=True).data)
