"""Planning: Renstra, kinerja (tujuan/sasaran …), indicators with targets, cascade, crosscutting, PK."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sakip.planning import selectors

from ..base import ScopedReadViewSet
from ..serializers import planning as S

TAG = ["planning"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class RenstraViewSet(ScopedReadViewSet):
    """Rencana Strategis of each OPD."""

    selector = selectors.renstras_for
    serializer_class = S.RenstraSerializer
    filterset_fields = ["opd", "status", "start_year", "end_year"]
    search_fields = ["name"]
    ordering_fields = ["start_year", "id"]
    ordering = ["-start_year", "id"]

    @extend_schema(
        tags=TAG,
        parameters=[OpenApiParameter("year", int, required=True, description="Tahun (within the Renstra period)")],
        responses=S.CascadeSerializer,
        summary="The cascade (pohon kinerja) of a year, with indicators and targets",
    )
    @action(detail=True, methods=["get"])
    def cascade(self, request, pk=None):
        renstra = self.get_object()
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError:
            raise ValidationError({"year": [_("Tahun wajib diisi sebagai angka.")]}) from None
        if not renstra.start_year <= year <= renstra.end_year:
            raise ValidationError(
                {
                    "year": [
                        _("Tahun harus di antara %(a)s dan %(b)s.") % {"a": renstra.start_year, "b": renstra.end_year}
                    ]
                }
            )
        nodes = selectors.nodes_for(renstra, year)
        items = {}
        for n in nodes:
            items[n.pk] = {
                "id": n.pk,
                "level": n.level,
                "level_label": n.get_level_display(),
                "code": n.code,
                "statement": n.statement,
                "position": n.position_id,
                "unit": n.unit_id,
                "parent": n.parent_id,
                "parent_indicator": n.parent_indicator_id,
                "indicators": S.CascadeIndicatorSerializer(n.indicators.all(), many=True).data,
                "children": [],
            }
        roots = []
        for n in nodes:
            if n.parent_id in items:
                items[n.parent_id]["children"].append(items[n.pk])
            else:
                roots.append(items[n.pk])
        return Response({"renstra": renstra.pk, "year": year, "roots": roots})


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class KinerjaViewSet(ScopedReadViewSet):
    """Nodes of the pohon kinerja (tujuan, sasaran, program/kegiatan results, IKI)."""

    selector = selectors.kinerja_for
    serializer_class = S.KinerjaSerializer
    filterset_fields = ["renstra", "opd", "level", "parent", "position", "unit", "year"]
    search_fields = ["code", "statement"]
    ordering_fields = ["level", "order", "code", "id"]
    ordering = ["renstra", "level", "order", "id"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class IndicatorViewSet(ScopedReadViewSet):
    """Indicators (IKU/IKI) with every year's target (range targets carry value_max)."""

    selector = selectors.indicators_with_targets_for
    serializer_class = S.IndicatorSerializer
    filterset_fields = ["opd", "node", "node__renstra", "node__level", "is_iku", "polarity", "pj_unit"]
    search_fields = ["code", "name"]
    ordering_fields = ["code", "order", "id"]
    ordering = ["opd", "node__level", "order", "id"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class CrosscuttingViewSet(ScopedReadViewSet):
    """Crosscutting: units of this or another OPD contributing to an indicator."""

    selector = selectors.crosscutting_for
    serializer_class = S.CrosscuttingSerializer
    filterset_fields = ["indicator", "opd", "contributor_opd", "unit", "role"]
    ordering = ["id"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class PerjanjianKinerjaViewSet(ScopedReadViewSet):
    """Perjanjian Kinerja (PK) of each official and year, with its indicator and budget rows."""

    selector = selectors.pk_with_items_for
    serializer_class = S.PerjanjianKinerjaSerializer
    filterset_fields = ["opd", "year", "position", "status", "version"]
    ordering_fields = ["year", "version", "id"]
    ordering = ["-year", "id"]
