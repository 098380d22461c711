"""Evaluation: evaluations, their scores and findings, recommendations and their follow-up."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from sakip.evaluation import policies, selectors, services
from sakip.organization import selectors as org_selectors

from ..base import ScopedReadViewSet
from ..serializers import evaluation as S

TAG = ["evaluation"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class EvaluationViewSet(ScopedReadViewSet):
    """Evaluasi SAKIP (LKE) of each OPD and year."""

    selector = selectors.evaluations_for
    serializer_class = S.EvaluationSerializer
    filterset_fields = ["opd", "year", "state", "template"]
    ordering_fields = ["year", "id"]
    ordering = ["-year", "id"]

    @extend_schema(tags=TAG, responses=S.ScoreSerializer, summary="The LKE score per component (once sent)")
    @action(detail=True, methods=["get"])
    def scores(self, request, pk=None):
        evaluation = self.get_object()
        if not policies.can_see_evaluator_side(request.user, evaluation):
            raise NotFound
        score = selectors.score_of(evaluation)
        return Response(
            S.ScoreSerializer(
                {
                    "total": score.total,
                    "predikat": score.predikat,
                    "components": score.components,
                    "subcomponents": score.subcomponents,
                }
            ).data
        )

    @extend_schema(tags=TAG, responses=S.FindingSerializer(many=True), summary="Findings (temuan) with recommendations")
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def findings(self, request, pk=None):
        evaluation = self.get_object()
        return Response(S.FindingSerializer(selectors.findings_for(evaluation, request.user), many=True).data)


def _recommendations(user):
    # The API lists evidence metadata only: the page's prefetch of each evidence's linked object
    # (one query per kind of object) is replaced by one plain prefetch.
    return selectors.recommendations_for(user).prefetch_related(None).prefetch_related("evidence")


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class RecommendationViewSet(ScopedReadViewSet):
    """Rekomendasi and their tindak lanjut (follow-up): plan → start → evidence → submit → verified."""

    selector = _recommendations
    serializer_class = S.RecommendationSerializer
    filterset_fields = [
        "state",
        "finding",
        "finding__evaluation",
        "finding__evaluation__opd",
        "finding__evaluation__year",
    ]
    ordering_fields = ["due_date", "number", "id"]
    ordering = ["id"]

    def _done(self, recommendation):
        fresh = self.get_queryset().get(pk=recommendation.pk)
        return Response(S.RecommendationSerializer(fresh, context=self.get_serializer_context()).data)

    def _input(self, serializer_class, request):
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(
        tags=TAG,
        request=S.PlanSerializer,
        responses=S.RecommendationSerializer,
        summary="Write the action plan (rencana aksi)",
        examples=[
            OpenApiExample("Rencana", value={"action_plan": "Menyusun ulang IKU sasaran 2.", "due_date": "2026-12-31"})
        ],
    )
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        rec = self.get_object()
        data = self._input(S.PlanSerializer, request)
        pic = None
        if data.get("pic"):
            pic = org_selectors.positions_for(request.user).filter(pk=data["pic"]).first()
            if pic is None:
                raise ApiValidationError({"pic": [_("Jabatan tidak ditemukan.")]})
        services.plan_followup(
            user=request.user,
            recommendation=rec,
            action_plan=data["action_plan"],
            pic=pic,
            due_date=data.get("due_date"),
        )
        return self._done(rec)

    @extend_schema(
        tags=TAG, request=S.NoteSerializer, responses=S.RecommendationSerializer, summary="Start the follow-up"
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        rec = self.get_object()
        services.start_followup(
            user=request.user, recommendation=rec, note=self._input(S.NoteSerializer, request)["note"]
        )
        return self._done(rec)

    @extend_schema(
        tags=TAG,
        request=S.EvidenceLinkSerializer,
        responses=S.RecommendationSerializer,
        summary="Add a follow-up evidence link",
        examples=[
            OpenApiExample("Tautan", value={"url": "https://jdih.banyumaskab.go.id/sk-iku.pdf", "label": "SK IKU"})
        ],
    )
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        rec = self.get_object()
        data = self._input(S.EvidenceLinkSerializer, request)
        services.add_followup_evidence(
            user=request.user, recommendation=rec, url=data["url"], label=data["label"], description=data["description"]
        )
        return self._done(rec)

    @extend_schema(
        tags=TAG, request=S.NoteSerializer, responses=S.RecommendationSerializer, summary="Ask for verification"
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        rec = self.get_object()
        services.submit_followup(
            user=request.user, recommendation=rec, note=self._input(S.NoteSerializer, request)["note"]
        )
        return self._done(rec)

    @extend_schema(
        tags=TAG, request=S.VerifySerializer, responses=S.RecommendationSerializer, summary="Verify (Inspektorat)"
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        rec = self.get_object()
        data = self._input(S.VerifySerializer, request)
        services.verify_followup(user=request.user, recommendation=rec, outcome=data["outcome"], note=data["note"])
        return self._done(rec)

    @extend_schema(
        tags=TAG, request=S.NotPossibleSerializer, responses=S.RecommendationSerializer, summary="Mark not possible"
    )
    @action(detail=True, methods=["post"], url_path="not-possible")
    def not_possible(self, request, pk=None):
        rec = self.get_object()
        data = self._input(S.NotPossibleSerializer, request)
        services.mark_not_possible(user=request.user, recommendation=rec, reason=data["reason"])
        return self._done(rec)


__all__ = ["EvaluationViewSet", "RecommendationViewSet", "get_object_or_404"]
