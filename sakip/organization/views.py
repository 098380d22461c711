from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.core import permissions as P
from sakip.core.crud import ScopedDeleteView, ScopedFormView, ScopedListView
from sakip.core.imports import import_view
from sakip.core.ratelimit import upload_limited

from . import filtersets, forms, privacy, selectors, tables
from .importers import EmployeeImporter, PositionImporter, UnitImporter
from .models import OPD, Assignment, Employee, PersonalDataExport, Position, TimSakip, TimSakipMember, Unit


@login_required
def index(request):
    opds = list(selectors.opds_for(request.user).order_by("kind", "name"))
    if len(opds) == 1:
        return redirect("organization:chart", pk=opds[0].pk)
    return render(request, "organization/index.html", {"opds": opds})


@login_required
def chart(request, pk):
    opd = get_object_or_404(OPD.objects.select_related("pemda"), pk=pk)
    P.require_view(request.user, opd)
    on = date.today()
    if request.GET.get("tanggal"):
        try:
            on = date.fromisoformat(request.GET["tanggal"])
        except ValueError:
            on = date.today()
    tree = selectors.org_chart(opd, on)
    head = next((p for p in tree["leaders"] if p.is_opd_head), None)
    tim = TimSakip.objects.filter(opd=opd, year=on.year).prefetch_related("members__employee").first()
    return render(
        request,
        "organization/chart.html",
        {
            "opd": opd,
            "tree": tree,
            "on": on,
            "head": head,
            "tim": tim,
            "can_manage": P.can_manage_org(request.user, opd),
            "all_opds": selectors.opds_for(request.user).order_by("name"),
        },
    )


class OrgList(ScopedListView):
    def can_create(self):
        return P.can_manage_org(self.request.user)


class UnitList(OrgList):
    importer_class = UnitImporter  # the export has the import template's columns (round-trips)
    title = gettext_lazy("Unit kerja")
    table_class = tables.UnitTable
    filterset_class = filtersets.UnitFilter
    export_name = "unit-kerja"
    create_url_name = "organization:unit_create"
    import_url_name = "organization:unit_import"

    def get_queryset(self):
        return selectors.units_for(self.request.user)


class PositionList(OrgList):
    importer_class = PositionImporter  # the export has the import template's columns (round-trips)
    title = gettext_lazy("Jabatan")
    table_class = tables.PositionTable
    filterset_class = filtersets.PositionFilter
    export_name = "jabatan"
    create_url_name = "organization:position_create"
    import_url_name = "organization:position_import"

    def get_queryset(self):
        return selectors.positions_for(self.request.user)


class EmployeeList(OrgList):
    importer_class = EmployeeImporter  # the export has the import template's columns (round-trips)
    title = gettext_lazy("Pegawai")
    table_class = tables.EmployeeTable
    filterset_class = filtersets.EmployeeFilter
    export_name = "pegawai"
    create_url_name = "organization:employee_create"
    import_url_name = "organization:employee_import"

    def get_queryset(self):
        return selectors.employees_for(self.request.user)

    def exported(self, qs):
        # NIP (birth date), e-mail, telephone: UU 27/2022, sakip.organization.privacy.
        privacy.log_export(
            self.request,
            channel=PersonalDataExport.Channel.EXCEL,
            what=_("Daftar pegawai"),
            row_count=qs.count(),
            query=self.request.GET.urlencode(),
        )


class AssignmentList(OrgList):
    title = gettext_lazy("Penugasan jabatan")
    subtitle = gettext_lazy("Riwayat pegawai pada jabatan: definitif, Plt. dan Plh.")
    table_class = tables.AssignmentTable
    filterset_class = filtersets.AssignmentFilter
    export_name = "penugasan-jabatan"
    create_url_name = "organization:assignment_create"

    def get_queryset(self):
        return selectors.assignments_for(self.request.user)


class TimSakipList(OrgList):
    title = gettext_lazy("Tim SAKIP")
    table_class = tables.TimSakipTable
    export_name = "tim-sakip"
    create_url_name = "organization:tim_create"

    def get_queryset(self):
        return selectors.tim_for(self.request.user)


class PersonalDataExportList(ScopedListView):
    """The log of personal-data exports (UU 27/2022): administrators only."""

    title = gettext_lazy("Log ekspor data pribadi")
    subtitle = gettext_lazy("Siapa mengekspor NIP, e-mail atau telepon pegawai, kapan, dan berapa orang (UU 27/2022).")
    table_class = tables.PersonalDataExportTable
    export_name = "log-ekspor-data-pribadi"

    def get(self, request, *args, **kwargs):
        P.check(P.is_admin(request.user))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return PersonalDataExport.objects.select_related("opd")


class OrgForm(ScopedFormView):
    def check_permission(self, obj):
        P.check(P.can_manage_org(self.request.user, obj))


class UnitEdit(OrgForm):
    model, form_class, success_url_name = Unit, forms.UnitForm, "organization:units"
    title_create, title_edit = gettext_lazy("Tambah unit kerja"), gettext_lazy("Ubah unit kerja")


class PositionEdit(OrgForm):
    model, form_class, success_url_name = Position, forms.PositionForm, "organization:positions"
    title_create, title_edit = gettext_lazy("Tambah jabatan"), gettext_lazy("Ubah jabatan")


class EmployeeEdit(OrgForm):
    model, form_class, success_url_name = Employee, forms.EmployeeForm, "organization:employees"
    title_create, title_edit = gettext_lazy("Tambah pegawai"), gettext_lazy("Ubah pegawai")


class AssignmentEdit(OrgForm):
    model, form_class, success_url_name = Assignment, forms.AssignmentForm, "organization:assignments"
    title_create, title_edit = gettext_lazy("Tambah penugasan jabatan"), gettext_lazy("Ubah penugasan jabatan")


class TimSakipEdit(OrgForm):
    model, form_class, success_url_name = TimSakip, forms.TimSakipForm, "organization:tims"
    title_create, title_edit = gettext_lazy("Tambah Tim SAKIP"), gettext_lazy("Ubah Tim SAKIP")

    def get_success_url(self, obj):
        return reverse("organization:tim_detail", args=[obj.pk]) if obj else reverse("organization:tims")


class OrgDelete(ScopedDeleteView):
    def check_permission(self, obj):
        P.check(P.can_manage_org(self.request.user, obj))


class UnitDelete(OrgDelete):
    model, success_url_name = Unit, "organization:units"

    def protected_message(self, obj):
        return _(
            'Unit "%(obj)s" tidak dapat dihapus karena masih memiliki jabatan atau sub-unit. Pindahkan '
            "atau hapus dulu jabatan dan sub-unitnya."
        ) % {"obj": obj}


class PositionDelete(OrgDelete):
    model, success_url_name = Position, "organization:positions"


class EmployeeDelete(OrgDelete):
    model, success_url_name = Employee, "organization:employees"


class AssignmentDelete(OrgDelete):
    model, success_url_name = Assignment, "organization:assignments"


@login_required
def employee_detail(request, pk):
    employee = get_object_or_404(Employee.objects.select_related("opd", "golongan", "pemda"), pk=pk)
    P.require_view(request.user, employee)
    assignments = employee.assignments.select_related("position", "position__unit").order_by("-start_date")
    return render(
        request,
        "organization/employee_detail.html",
        {"employee": employee, "assignments": assignments, "can_manage": P.can_manage_org(request.user, employee)},
    )


@login_required
@upload_limited
def opd_edit(request, pk):
    opd = get_object_or_404(OPD, pk=pk)
    P.require_view(request.user, opd)
    P.check(P.can_manage_org(request.user, opd))
    form = forms.OPDForm(request.POST or None, request.FILES or None, instance=opd, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("organization:chart", pk=opd.pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": opd,
            "title": _("Ubah data OPD"),
            "cancel_url": reverse("organization:chart", args=[opd.pk]),
        },
    )


@login_required
def tim_detail(request, pk):
    tim = get_object_or_404(TimSakip.objects.select_related("opd"), pk=pk)
    P.require_view(request.user, tim)
    can_manage = P.can_manage_org(request.user, tim.opd)
    form = forms.TimSakipMemberForm(request.POST or None, user=request.user)
    if request.method == "POST":
        P.check(can_manage)
        if "remove" in request.POST:
            member = get_object_or_404(TimSakipMember, pk=request.POST["remove"], tim=tim)
            member.delete()
            return redirect("organization:tim_detail", pk=tim.pk)
        if form.is_valid():
            member = form.save(commit=False)
            member.tim = tim
            if TimSakipMember.objects.filter(tim=tim, employee=member.employee).exists():
                form.add_error("employee", _("Pegawai ini sudah menjadi anggota tim."))
            else:
                member.save()
                return redirect("organization:tim_detail", pk=tim.pk)
    members = tim.members.select_related("employee", "employee__golongan")
    return render(
        request,
        "organization/tim_detail.html",
        {"tim": tim, "members": members, "form": form, "can_manage": can_manage},
    )


def _import(request, importer_cls, back):
    P.check(P.can_manage_org(request.user))
    return import_view(request, importer_cls(request.user), back_url=reverse(back))


@login_required
def unit_import(request):
    return _import(request, UnitImporter, "organization:units")


@login_required
def position_import(request):
    return _import(request, PositionImporter, "organization:positions")


@login_required
def employee_import(request):
    return _import(request, EmployeeImporter, "organization:employees")
