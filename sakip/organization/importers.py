"""Excel import of units, positions and employees (preview → row errors → all-or-nothing)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from sakip.core import nip as nip_rules
from sakip.core import permissions as P
from sakip.core.imports import Column, Importer

from .models import OPD, Assignment, Employee, Golongan, Position, Unit


def _choice(model_choices, value, label):
    text = str(value or "").strip().lower()
    for key, name in model_choices:
        if text in (key.lower(), str(name).lower()):
            return key
    raise ValidationError(
        _('%(label)s "%(value)s" tidak dikenal; pilihan: %(choices)s.')
        % {"label": label, "value": value, "choices": ", ".join(str(n) for _k, n in model_choices)}
    )


class OrgImporter(Importer):
    def opd(self, value):
        akronim = str(value or "").strip()
        opd = OPD.objects.filter(akronim__iexact=akronim).first()
        if opd is None:
            raise ValidationError(_('OPD "%(v)s" tidak ditemukan (isi dengan akronim OPD).') % {"v": akronim})
        if not P.can_manage_org(self.user, opd):
            raise ValidationError(_("Anda tidak berwenang mengubah data OPD %(v)s.") % {"v": akronim})
        return opd


class UnitImporter(OrgImporter):
    title = _("Impor unit kerja")
    filename = "templat-unit-kerja"
    columns = [
        Column("opd", "OPD", True, "Akronim OPD", "Dinsospermasdes"),
        Column("name", "Nama unit", True, "", "Bidang Rehabilitasi Sosial"),
        Column(
            "kind", "Jenis", True, "Sekretariat, Subbagian, Bidang, Seksi, Subkoordinator, Subbidang, UPTD", "Bidang"
        ),
        Column("parent", "Unit induk", False, "Nama unit induk (kosong untuk unit teratas)", ""),
        Column("short_name", "Nama singkat", False, "", "Rehsos"),
        Column("order", "Urutan", False, "Angka", "3"),
    ]

    def export_queryset(self, qs):
        return qs.select_related("opd", "parent")

    def export_values(self, unit):
        return [
            unit.opd.akronim,
            unit.name,
            unit.get_kind_display(),
            unit.parent.name if unit.parent_id else "",
            unit.short_name,
            unit.order,
        ]

    def import_row(self, data, ctx):
        opd = self.opd(data["opd"])
        kind = _choice(Unit.Kind.choices, data["kind"], _("Jenis unit"))
        parent = None
        if data.get("parent"):
            parent = Unit.objects.filter(opd=opd, name__iexact=str(data["parent"]).strip()).first()
            if parent is None:
                raise ValidationError(
                    _('Unit induk "%(v)s" tidak ditemukan di %(opd)s.') % {"v": data["parent"], "opd": opd}
                )
        order = data.get("order") or 0
        try:
            order = int(order)
        except (TypeError, ValueError):
            raise ValidationError(_("Urutan harus angka.")) from None
        unit = Unit.objects.filter(opd=opd, name__iexact=str(data["name"]).strip()).first()
        action = _("diubah") if unit else _("baru")
        unit = unit or Unit(opd=opd)
        unit.name, unit.kind, unit.parent, unit.short_name, unit.order = (
            str(data["name"]).strip(),
            kind,
            parent,
            data.get("short_name") or "",
            order,
        )
        unit.full_clean()
        unit.save()
        return action


class PositionImporter(OrgImporter):
    title = _("Impor jabatan")
    filename = "templat-jabatan"
    columns = [
        Column("opd", "OPD", True, "Akronim OPD", "Dinsospermasdes"),
        Column("name", "Nama jabatan", True, "", "Kepala Bidang Rehabilitasi Sosial"),
        Column(
            "kind",
            "Jenis jabatan",
            True,
            "JPT Pratama, Administrator, Pengawas, Pelaksana, Fungsional",
            "Administrator",
        ),
        Column("eselon", "Eselon", False, "", "III.b"),
        Column("unit", "Unit", False, "Nama unit (kosong untuk pimpinan OPD)", "Bidang Rehabilitasi Sosial"),
        Column(
            "superior",
            "Atasan langsung",
            False,
            "Nama jabatan atasan",
            "Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
        ),
        Column("is_opd_head", "Kepala OPD", False, "ya/tidak", "tidak"),
        Column("short_name", "Nama singkat", False, "Untuk tanda tangan", ""),
    ]

    def export_queryset(self, qs):
        return qs.select_related("opd", "unit", "superior")

    def export_values(self, pos):
        return [
            pos.opd.akronim if pos.opd_id else "",
            pos.name,
            pos.get_kind_display(),
            pos.eselon,
            pos.unit.name if pos.unit_id else "",
            pos.superior.name if pos.superior_id else "",
            "ya" if pos.is_opd_head else "tidak",
            pos.short_name,
        ]

    def import_row(self, data, ctx):
        opd = self.opd(data["opd"])
        kind = _choice(Position.Kind.choices, data["kind"], _("Jenis jabatan"))
        unit = None
        if data.get("unit"):
            unit = Unit.objects.filter(opd=opd, name__iexact=str(data["unit"]).strip()).first()
            if unit is None:
                raise ValidationError(_('Unit "%(v)s" tidak ditemukan di %(opd)s.') % {"v": data["unit"], "opd": opd})
        superior = None
        if data.get("superior"):
            name = str(data["superior"]).strip()
            superior = (
                Position.objects.filter(opd=opd, name__iexact=name).first()
                or Position.objects.filter(pemda=opd.pemda, opd__isnull=True, name__iexact=name).first()
            )
            if superior is None:
                other = Position.objects.filter(name__iexact=name).exclude(opd=opd).select_related("opd").first()
                if other is not None and other.opd_id:
                    raise ValidationError(
                        _('Atasan langsung "%(v)s" berada di OPD lain (%(opd)s).') % {"v": name, "opd": other.opd}
                    )
                raise ValidationError(_('Jabatan atasan "%(v)s" tidak ditemukan.') % {"v": name})
        pos = Position.objects.filter(opd=opd, name__iexact=str(data["name"]).strip()).first()
        action = _("diubah") if pos else _("baru")
        pos = pos or Position(opd=opd, pemda=opd.pemda)
        pos.name, pos.kind, pos.unit, pos.superior = str(data["name"]).strip(), kind, unit, superior
        pos.eselon = data.get("eselon") or ""
        pos.short_name = data.get("short_name") or ""
        pos.is_opd_head = str(data.get("is_opd_head") or "").strip().lower() in ("ya", "y", "yes", "1", "true")
        pos.full_clean()
        pos.save()
        return action


class EmployeeImporter(OrgImporter):
    title = _("Impor pegawai")
    filename = "templat-pegawai"
    columns = [
        Column("opd", "OPD", True, "Akronim OPD", "Dinsospermasdes"),
        Column("gelar_depan", "Gelar depan", False, "", ""),
        Column("name", "Nama", True, "", "SITI AMINAH"),
        Column("gelar_belakang", "Gelar belakang", False, "", "S.Sos"),
        Column("kind", "Jenis pegawai", True, "PNS, PPPK, Non-ASN", "PNS"),
        Column("nip", "NIP", False, "18 digit; wajib untuk PNS/PPPK", "19850312 201001 2 004"),
        Column("golongan", "Golongan", False, "Mis. III/c (PNS) atau IX (PPPK)", "III/c"),
        Column("email", "E-mail", False, "", ""),
        Column("phone", "Telepon", False, "", ""),
        Column("position", "Jabatan", False, "Nama jabatan yang dipegang (opsional)", ""),
        Column("assignment_kind", "Jenis penugasan", False, "Definitif, Plt., Plh.", "Definitif"),
        Column("start_date", "Mulai menjabat", False, "Tanggal (dd/mm/yyyy)", ""),
    ]

    def export_queryset(self, qs):
        open_assignments = Assignment.objects.filter(end_date__isnull=True).select_related("position")
        return qs.select_related("opd", "golongan").prefetch_related(
            Prefetch("assignments", queryset=open_assignments.order_by("-start_date"), to_attr="open_assignments")
        )

    def export_values(self, emp):
        assignment = emp.open_assignments[0] if emp.open_assignments else None
        return [
            emp.opd.akronim if emp.opd_id else "",
            emp.gelar_depan,
            emp.name,
            emp.gelar_belakang,
            emp.get_kind_display(),
            nip_rules.format_nip(emp.nip) if emp.nip else "",
            emp.golongan.golongan if emp.golongan_id else "",
            emp.email,
            emp.phone,
            assignment.position.name if assignment else "",
            assignment.get_kind_display() if assignment else "",
            assignment.start_date if assignment else None,
        ]

    def import_row(self, data, ctx):
        opd = self.opd(data["opd"])
        kind = _choice(Employee.Kind.choices, data["kind"], _("Jenis pegawai"))
        digits = nip_rules.normalize(data.get("nip"))
        seen = ctx.setdefault("nips", set())
        if digits:
            if digits in seen:
                raise ValidationError(
                    {
                        "nip": [
                            _("NIP %(nip)s muncul lebih dari sekali dalam berkas.")
                            % {"nip": nip_rules.format_nip(digits)}
                        ]
                    }
                )
            seen.add(digits)
        golongan = None
        if data.get("golongan"):
            scheme = "pppk" if kind == Employee.Kind.PPPK else "pns"
            text = str(data["golongan"]).strip().replace("PPPK", "").replace("Golongan", "").strip()
            golongan = Golongan.objects.filter(scheme=scheme, golongan__iexact=text).first()
            if golongan is None:
                raise ValidationError({"golongan": [_('Golongan "%(v)s" tidak dikenal.') % {"v": data["golongan"]}]})
        employee = (
            Employee.objects.filter(nip=digits).first()
            if digits
            else Employee.objects.filter(opd=opd, name__iexact=str(data["name"]).strip(), nip__isnull=True).first()
        )
        if employee is not None and employee.opd_id != opd.pk and not P.is_admin(self.user):
            raise ValidationError({"nip": [_("NIP ini sudah terdaftar di OPD lain.")]})
        action = _("diubah") if employee else _("baru")
        employee = employee or Employee(opd=opd, pemda=opd.pemda)
        employee.gelar_depan = data.get("gelar_depan") or ""
        employee.name = str(data["name"]).strip()
        employee.gelar_belakang = data.get("gelar_belakang") or ""
        employee.kind, employee.nip, employee.golongan = kind, str(data.get("nip") or "").strip() or None, golongan
        employee.email, employee.phone = data.get("email") or "", str(data.get("phone") or "")
        employee.full_clean()
        employee.save()
        if data.get("position"):
            position = Position.objects.filter(opd=opd, name__iexact=str(data["position"]).strip()).first()
            if position is None:
                raise ValidationError(
                    {
                        "position": [
                            _('Jabatan "%(v)s" tidak ditemukan di %(opd)s.') % {"v": data["position"], "opd": opd}
                        ]
                    }
                )
            start = data.get("start_date") or date.today()
            if isinstance(start, datetime):
                start = start.date()
            elif isinstance(start, str):
                try:
                    start = datetime.strptime(start, "%d/%m/%Y").date()
                except ValueError:
                    raise ValidationError({"start_date": [_("Tanggal mulai harus berformat dd/mm/yyyy.")]}) from None
            akind = _choice(
                Assignment.Kind.choices + [("plt", "plt."), ("plh", "plh."), ("definitif", "definitif")],
                data.get("assignment_kind") or "definitif",
                _("Jenis penugasan"),
            )
            if not Assignment.objects.filter(employee=employee, position=position, end_date__isnull=True).exists():
                assignment = Assignment(employee=employee, position=position, kind=akind, start_date=start)
                assignment.full_clean()
                assignment.save()
        return action
