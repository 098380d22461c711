"""Reporting: the Dokumen Pengukuran Kinerja (DPK) of a period as data."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from sakip.core.permissions import scope_queryset
from sakip.measurement import selectors as M
from sakip.reporting import selectors
from sakip.reporting.models import Lkjip

from ..base import LanguageMixin, ScopedReadViewSet
from ..serializers import reporting as S
from ..serializers.measurement import capaian_dict

TAG = ["reporting"]


def _group(g):
    return {
        "title": g.title,
        "level": g.level,
        "unit": g.unit,
        "average": g.average,
        "category": g.category,
        "pagu": getattr(g, "pagu", None),
        "realisasi_anggaran": getattr(g, "realisasi", None),
        "serapan": getattr(g, "serapan", None),
        "efisiensi": getattr(g, "efisiensi", None),
        "anggaran_kas": getattr(g, "kas", None),
        "efisiensi_status": g.assessment.status if g.assessment else None,
        "efisiensi_keterangan": g.assessment.reason if g.assessment else None,
        "lines": [
            {
                "realisasi": line.row.pk,
                "code": line.row.code,
                "name": line.row.name,
                "satuan": line.row.satuan,
                "unit": line.unit,
                "capaian": capaian_dict(line.figure),
            }
            for line in g.lines
        ],
    }


def _budget(b):
    return {
        "anggaran_kas": b.kas,
        "efisiensi_status": b.assessment.status,
        "efisiensi_keterangan": b.assessment.reason,
    } | {
        name: getattr(b, name, None)
        for name in (
            "code",
            "label",
            "unit",
            "pagu",
            "realisasi_period",
            "realisasi",
            "serapan",
            "capaian",
            "efisiensi",
        )
    }


class DpkView(LanguageMixin, APIView):
    """The DPK of a measurement period. The draft of every unit is shown to the OPD managers and the
    Kepala (as the page); others read the signed DPK from the archive."""

    @extend_schema(tags=TAG, responses=S.DpkSerializer, summary="DPK of a period")
    def get(self, request, period_id):
        period = M.periods_for(request.user).filter(pk=period_id).first()
        if period is None:
            raise NotFound
        if not selectors.can_see_full_document(request.user, period):
            raise PermissionDenied
        dpk = selectors.dpk_for(period)
        return Response(
            S.DpkSerializer(
                {
                    "period": period.pk,
                    "opd": period.opd_id,
                    "year": period.year,
                    "triwulan": period.triwulan,
                    "signed_document": period.dpk_document_id,
                    "strategic": [_group(g) for g in dpk.strategic],
                    "programs": [_group(g) for g in dpk.programs],
                    "budget": [_budget(b) for b in dpk.budget],
                }
            ).data
        )


def lkjips_for(user):
    return scope_queryset(Lkjip.objects.select_related("opd", "current", "document"), user)


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG, responses=S.LkjipDetailSerializer))
class LkjipViewSet(ScopedReadViewSet):
    """LKjIP of each OPD and year: status, current version, archived documents; the detail adds every version and
    the Bab III rows computed from the locked measurement (the same data as `manage.py lkjip_render --format json`)."""

    selector = lkjips_for
    serializer_class = S.LkjipSerializer
    filterset_fields = ["opd", "year", "status"]
    ordering_fields = ["year", "id"]
    ordering = ["-year", "opd__name"]

    def get_serializer_class(self):
        return S.LkjipDetailSerializer if self.action == "retrieve" else S.LkjipSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("versions")
        return qs
