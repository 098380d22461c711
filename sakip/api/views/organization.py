"""Organisation: OPD (read), units, positions, employees, assignments (CRUD through the services)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from sakip.organization import privacy, selectors
from sakip.organization import services as org_services
from sakip.organization.models import Assignment, Employee, PersonalDataExport, Position, Unit

from ..base import ScopedModelViewSet, ScopedReadViewSet
from ..serializers import organization as S

TAG = ["organisation"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class OpdViewSet(ScopedReadViewSet):
    """Perangkat Daerah (OPD) the user may read."""

    selector = selectors.opds_for
    serializer_class = S.OpdSerializer
    filterset_fields = ["pemda", "kind"]
    search_fields = ["name", "akronim"]
    ordering_fields = ["name", "akronim", "id"]
    ordering = ["name"]


class OrgWriteViewSet(ScopedModelViewSet):
    model = None

    def perform_create(self, serializer):
        serializer.instance = org_services.save_org_object(
            user=self.request.user, obj=self.model(), values=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = org_services.save_org_object(
            user=self.request.user, obj=serializer.instance, values=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance):
        org_services.delete_org_object(user=self.request.user, obj=instance)


def _crud_schema(tag):
    return extend_schema_view(
        list=extend_schema(tags=tag),
        retrieve=extend_schema(tags=tag),
        create=extend_schema(tags=tag),
        partial_update=extend_schema(tags=tag),
        destroy=extend_schema(tags=tag),
    )


@_crud_schema(TAG)
class UnitViewSet(OrgWriteViewSet):
    """Unit kerja (the OPD's tree: sekretariat, bidang, seksi, …)."""

    model = Unit
    selector = selectors.units_for
    serializer_class = S.UnitSerializer
    filterset_fields = ["opd", "parent", "kind"]
    search_fields = ["name", "short_name"]
    ordering_fields = ["name", "order", "id"]
    ordering = ["opd", "order", "name"]


@_crud_schema(TAG)
class PositionViewSet(OrgWriteViewSet):
    """Jabatan, with the direct superior (atasan langsung)."""

    model = Position
    selector = selectors.positions_for
    serializer_class = S.PositionSerializer
    filterset_fields = ["opd", "unit", "kind", "is_opd_head", "superior"]
    search_fields = ["name", "short_name"]
    ordering_fields = ["name", "order", "id"]
    ordering = ["opd", "order", "name"]


@_crud_schema(TAG)
class EmployeeViewSet(OrgWriteViewSet):
    """Pegawai (PNS, PPPK, non-ASN)."""

    model = Employee
    selector = selectors.employees_for
    serializer_class = S.EmployeeSerializer
    filterset_fields = ["opd", "kind", "active"]
    search_fields = ["name", "nip"]
    ordering_fields = ["name", "nip", "id"]
    ordering = ["name"]

    # NIP (birth date), e-mail and telephone leave the system here: each read is logged (UU 27/2022,
    # sakip.organization.privacy).
    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if response.status_code == 200:
            data = response.data
            rows = data.get("results", []) if isinstance(data, dict) else data
            privacy.log_export(
                request,
                channel=PersonalDataExport.Channel.API,
                what=_("API daftar pegawai"),
                row_count=len(rows),
                query=request.GET.urlencode(),
            )
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if response.status_code == 200:
            privacy.log_export(
                request,
                channel=PersonalDataExport.Channel.API,
                what=_("API pegawai #%(pk)s") % {"pk": kwargs.get("pk")},
                row_count=1,
            )
        return response


@_crud_schema(TAG)
class AssignmentViewSet(OrgWriteViewSet):
    """Penugasan jabatan: definitif, Plt. or Plh., with dates and the decree (SK)."""

    model = Assignment
    selector = selectors.assignments_for
    serializer_class = S.AssignmentSerializer
    filterset_fields = ["employee", "position", "kind", "position__opd"]
    ordering_fields = ["start_date", "end_date", "id"]
    ordering = ["-start_date", "id"]
