"""/api/v1/ (REST), /api/schema/ (OpenAPI 3), /api/docs/ (Swagger UI, vendored)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import docs
from .views import documents, evaluation, events, measurement, organization, planning, reporting, sop, tokens

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organisation/opd", organization.OpdViewSet, basename="opd")
router.register("organisation/units", organization.UnitViewSet, basename="unit")
router.register("organisation/positions", organization.PositionViewSet, basename="position")
router.register("organisation/employees", organization.EmployeeViewSet, basename="employee")
router.register("organisation/assignments", organization.AssignmentViewSet, basename="assignment")
router.register("planning/renstra", planning.RenstraViewSet, basename="renstra")
router.register("planning/kinerja", planning.KinerjaViewSet, basename="kinerja")
router.register("planning/indicators", planning.IndicatorViewSet, basename="indicator")
router.register("planning/crosscutting", planning.CrosscuttingViewSet, basename="crosscutting")
router.register("planning/pk", planning.PerjanjianKinerjaViewSet, basename="pk")
router.register("measurement/periods", measurement.PeriodViewSet, basename="period")
router.register("measurement/submissions", measurement.SubmissionViewSet, basename="submission")
router.register("measurement/realisasi", measurement.RealisasiViewSet, basename="realisasi")
router.register("measurement/budget", measurement.BudgetRealisasiViewSet, basename="budget-realisasi")
router.register("evaluation/evaluations", evaluation.EvaluationViewSet, basename="evaluation")
router.register("evaluation/recommendations", evaluation.RecommendationViewSet, basename="recommendation")
router.register("sop/sops", sop.SopViewSet, basename="sop")
router.register("sop/versions", sop.SopVersionViewSet, basename="sop-version")
router.register("documents/agenda", documents.AgendaViewSet, basename="agenda")
router.register("documents/archive", documents.ArchiveViewSet, basename="archive")
router.register("tokens", tokens.TokenViewSet, basename="token")
router.register("events", events.EventViewSet, basename="event")
router.register("reporting/lkjip", reporting.LkjipViewSet, basename="lkjip")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/reporting/dpk/<int:period_id>/", reporting.DpkView.as_view(), name="dpk"),
    path("v1/documents/verify/<str:code>/", documents.VerifyView.as_view(), name="verify"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.swagger, name="docs"),
]
