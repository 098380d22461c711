"""Measurement: periods, unit forms (submissions) and realisasi rows with their capaian."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from sakip.measurement import selectors, services

from ..base import ScopedReadViewSet
from ..serializers import measurement as S

TAG = ["measurement"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class PeriodViewSet(ScopedReadViewSet):
    """Periode pengukuran (triwulan I–IV, or 0 = tahunan) of the OPDs the user may read."""

    selector = selectors.periods_for
    serializer_class = S.PeriodSerializer
    filterset_fields = ["opd", "year", "triwulan", "status"]
    ordering_fields = ["year", "triwulan", "id"]
    ordering = ["-year", "-triwulan", "id"]


def _submission(view, pk):
    return get_object_or_404(selectors.submissions_for(view.request.user), pk=pk)


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class SubmissionViewSet(ScopedReadViewSet):
    """Formulir unit: one unit's realisasi of a period, and its workflow (submit → validate → approve)."""

    selector = selectors.submissions_for
    serializer_class = S.SubmissionSerializer
    filterset_fields = ["period", "unit", "state", "period__year", "period__opd"]
    ordering_fields = ["order", "id", "submitted_at"]
    ordering = ["period", "order", "id"]

    def _act(self, request, pk, fn, **kwargs):
        submission = _submission(self, pk)
        fn(user=request.user, submission=submission, **kwargs)
        fresh = selectors.submissions_for(request.user).get(pk=submission.pk)
        return Response(S.SubmissionSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(tags=TAG, request=None, responses=S.SubmissionSerializer, summary="Submit the unit form (ajukan)")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, pk, services.submit_unit)

    @extend_schema(tags=TAG, request=None, responses=S.SubmissionSerializer, summary="Validate (unit head)")
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        return self._act(request, pk, services.validate_unit)

    @extend_schema(
        tags=TAG,
        request=S.ReasonSerializer,
        responses=S.SubmissionSerializer,
        summary="Return to the unit with a reason (kembalikan)",
        examples=[OpenApiExample("Kembalikan", value={"reason": "Bukti dukung triwulan II belum diunggah."})],
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        data = S.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._act(request, pk, services.return_unit, reason=data.validated_data["reason"])

    @extend_schema(tags=TAG, request=None, responses=S.SubmissionSerializer, summary="Approve (Kepala OPD)")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(request, pk, services.approve_unit)


class FiguresMixin:
    """Adds the capaian of every row of the page (one query for the whole page)."""

    def list(self, request, *args, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(qs)
        rows = list(page if page is not None else qs)
        context = self.get_serializer_context() | {"figures": selectors.figures_for_any_rows(rows)}
        data = S.RealisasiSerializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        row = self.get_object()
        context = self.get_serializer_context() | {"figures": selectors.figures_for_any_rows([row])}
        return Response(S.RealisasiSerializer(row, context=context).data)


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class RealisasiViewSet(FiguresMixin, ScopedReadViewSet):
    """Realisasi rows with their capaian (percent, category, explanation) and evidence metadata."""

    selector = selectors.realisasi_for
    serializer_class = S.RealisasiSerializer
    filterset_fields = ["submission", "indicator", "submission__period", "submission__unit", "in_pk"]
    search_fields = ["code", "name"]
    ordering_fields = ["order", "code", "id", "updated_at"]
    ordering = ["submission", "order", "id"]

    @extend_schema(
        tags=TAG,
        request=S.RealisasiEntrySerializer,
        responses=S.RealisasiSerializer,
        summary="Enter the realisasi of one row (stale revision → 409)",
        examples=[
            OpenApiExample(
                "Angka",
                value={"revision": 3, "value": "87,5", "faktor_pendukung": "Pendataan lapangan selesai tepat waktu."},
            )
        ],
    )
    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        entry = S.RealisasiEntrySerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        data = dict(entry.validated_data)
        revision = data.pop("revision")
        services.save_row(user=request.user, row=row, data=data, expected_revision=revision)
        fresh = self.get_queryset().get(pk=row.pk)
        context = self.get_serializer_context() | {"figures": selectors.figures_for_any_rows([fresh])}
        return Response(S.RealisasiSerializer(fresh, context=context).data)

    http_method_names = ["get", "patch", "head", "options"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class BudgetRealisasiViewSet(ScopedReadViewSet):
    """Realisasi anggaran rows of the unit forms (every row must be filled before the form is submitted)."""

    selector = selectors.budget_realisasi_for
    serializer_class = S.BudgetRealisasiSerializer
    filterset_fields = ["submission", "submission__period", "item"]
    ordering_fields = ["order", "id"]
    ordering = ["submission", "order", "id"]
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(
        tags=TAG,
        request=S.BudgetEntrySerializer,
        responses=S.BudgetRealisasiSerializer,
        summary="Enter the realisasi anggaran of one row (stale revision → 409)",
        examples=[OpenApiExample("Rupiah", value={"revision": 0, "realisasi": "125000000.00"})],
    )
    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        entry = S.BudgetEntrySerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        services.save_budget_row(
            user=request.user,
            row=row,
            value=entry.validated_data["realisasi"],
            expected_revision=entry.validated_data["revision"],
        )
        return Response(S.BudgetRealisasiSerializer(self.get_queryset().get(pk=row.pk)).data)
