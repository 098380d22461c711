"""Organisation: Pemda → OPD → units (tree), positions (jabatan), employees (pegawai),
assignments (definitif/Plt./Plh.), Tim SAKIP and users.

Who holds a position, the chain of superiors and a signer's title are derived here, never typed.
"""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from tree_queries.models import TreeNode

from sakip.core import formats
from sakip.core import nip as nip_rules
from sakip.core.actors import history_user
from sakip.core.models import DomainModel
from sakip.core.roles import ALL_ROLES


class Pemda(DomainModel):
    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    kind = models.CharField(_("Jenis"), max_length=12, choices=Kind.choices, default=Kind.KABUPATEN)
    name = models.CharField(_("Nama"), max_length=100, help_text=_('Tanpa jenis, mis. "Banyumas".'))
    capital = models.CharField(
        _("Ibu kota"), max_length=100, blank=True, help_text=_('Tempat penandatanganan, mis. "Purwokerto".')
    )
    logo = models.ImageField(_("Logo"), upload_to="logos/", blank=True)

    class Meta:
        verbose_name = _("Pemerintah Daerah")
        verbose_name_plural = _("Pemerintah Daerah")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="uniq_pemda")]

    def __str__(self):
        return f"Pemerintah {self.get_kind_display()} {self.name}"

    @property
    def short_name(self):
        """ "Kabupaten Banyumas"."""
        return f"{self.get_kind_display()} {self.name}"


class OPD(DomainModel):
    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        KECAMATAN = "kecamatan", _("Kecamatan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="opds", verbose_name=_("Pemda"))
    name = models.CharField(_("Nama lengkap"), max_length=200)
    akronim = models.CharField(_("Akronim"), max_length=40)
    kind = models.CharField(_("Jenis"), max_length=12, choices=Kind.choices, default=Kind.DINAS)
    address = models.CharField(_("Alamat"), max_length=200, blank=True)
    city = models.CharField(_("Kota"), max_length=60, blank=True)
    postal_code = models.CharField(_("Kode pos"), max_length=10, blank=True)
    phone = models.CharField(_("Telepon"), max_length=40, blank=True)
    fax = models.CharField(_("Faks"), max_length=40, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    website = models.CharField(_("Situs web"), max_length=100, blank=True)
    logo = models.ImageField(_("Logo kop surat"), upload_to="logos/", blank=True)
    signer_title_format = models.CharField(
        _("Format jabatan penanda tangan"),
        max_length=120,
        default="{prefix}{jabatan} {pemda}",
        help_text=_('{prefix} = "Plt. "/"Plh. ", {jabatan} = nama jabatan singkat, {pemda} = "Kabupaten Banyumas".'),
    )

    class Meta:
        verbose_name = _("Perangkat Daerah (OPD)")
        verbose_name_plural = _("Perangkat Daerah (OPD)")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["pemda", "akronim"], name="uniq_opd_akronim")]

    def __str__(self):
        return self.akronim

    def get_opd_id(self):
        return self.pk

    def get_scope_unit(self):
        return None

    @property
    def is_inspektorat(self):
        return self.kind == self.Kind.INSPEKTORAT

    @property
    def contact_line(self):
        parts = []
        if self.phone:
            parts.append(f"Telp. {self.phone}")
        if self.fax:
            parts.append(f"Fax. {self.fax}")
        return " ".join(parts)

    def head_position(self):
        return self.positions.filter(is_opd_head=True).first()


class Unit(DomainModel, TreeNode):
    class Kind(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        SUBBAGIAN = "subbagian", _("Subbagian")
        BIDANG = "bidang", _("Bidang")
        SEKSI = "seksi", _("Seksi")
        SUBKOORDINATOR = "subkoordinator", _("Subkoordinator")
        SUBBIDANG = "subbidang", _("Subbidang")
        UPTD = "uptd", _("UPTD")

    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="units", verbose_name=_("OPD"))
    name = models.CharField(_("Nama unit"), max_length=200)
    short_name = models.CharField(_("Nama singkat"), max_length=60, blank=True)
    kind = models.CharField(_("Jenis"), max_length=16, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("Unit kerja")
        verbose_name_plural = _("Unit kerja")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["opd", "name"], name="uniq_unit_name")]

    def __str__(self):
        return self.name

    def get_scope_unit(self):
        return self

    def clean(self):
        super().clean()
        if self.parent_id and self.opd_id and self.parent.opd_id != self.opd_id:
            raise ValidationError({"parent": _("Unit induk harus berada di OPD yang sama.")})


class Position(DomainModel):
    class Kind(models.TextChoices):
        KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        PELAKSANA = "pelaksana", _("Pelaksana")
        FUNGSIONAL = "fungsional", _("Fungsional")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="positions", verbose_name=_("Pemda"))
    opd = models.ForeignKey(
        OPD,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("OPD"),
        help_text=_("Kosong untuk jabatan tingkat Pemda (Bupati, Sekda)."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("Unit"),
        help_text=_("Kosong untuk pimpinan OPD."),
    )
    name = models.CharField(_("Nama jabatan"), max_length=200)
    short_name = models.CharField(
        _("Nama singkat"),
        max_length=120,
        blank=True,
        help_text=_('Dipakai pada tanda tangan, mis. "Kepala Dinsospermasdes".'),
    )
    kind = models.CharField(_("Jenis jabatan"), max_length=16, choices=Kind.choices)
    eselon = models.CharField(_("Eselon"), max_length=8, blank=True)
    superior = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subordinates",
        verbose_name=_("Atasan langsung"),
    )
    is_opd_head = models.BooleanField(_("Kepala OPD"), default=False)
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("Jabatan")
        verbose_name_plural = _("Jabatan")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def display_short(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            errors["unit"] = _("Unit harus berada di OPD jabatan ini.")
        if self.opd_id and self.pemda_id and self.opd.pemda_id != self.pemda_id:
            errors["opd"] = _("OPD harus berada di Pemda jabatan ini.")
        if self.superior_id:
            sup = self.superior
            if self.pk and sup.pk == self.pk:
                errors["superior"] = _("Jabatan tidak boleh menjadi atasannya sendiri.")
            elif sup.opd_id and sup.opd_id != self.opd_id:
                errors["superior"] = _("Atasan langsung harus jabatan di OPD yang sama (atau jabatan tingkat Pemda).")
            elif sup.pemda_id != self.pemda_id:
                errors["superior"] = _("Atasan langsung harus di Pemda yang sama.")
            else:
                seen, node = set(), sup
                while node is not None and node.pk not in seen:
                    if self.pk and node.pk == self.pk:
                        errors["superior"] = _("Rantai atasan membentuk lingkaran.")
                        break
                    seen.add(node.pk)
                    node = node.superior
        if errors:
            raise ValidationError(errors)

    def holder_on(self, on=None):
        """The assignment that fills this position on a date: definitif, else Plt., else Plh."""
        return (
            Assignment.objects.active_on(on)
            .filter(position=self)
            .select_related("employee", "employee__golongan")
            .order_by("kind_rank")
            .first()
        )

    def superiors(self):
        """The chain of superior positions, nearest first."""
        chain, seen, node = [], {self.pk}, self.superior
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.superior
        return chain


class Golongan(models.Model):
    """Reference table: PNS pangkat/golongan (I/a … IV/e) and PPPK golongan (I … XVII)."""

    class Scheme(models.TextChoices):
        PNS = "pns", "PNS"
        PPPK = "pppk", "PPPK"

    scheme = models.CharField(max_length=4, choices=Scheme.choices)
    golongan = models.CharField(_("Golongan"), max_length=8)
    pangkat = models.CharField(_("Pangkat"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("Pangkat/golongan")
        verbose_name_plural = _("Pangkat/golongan")
        ordering = ["scheme", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "golongan"], name="uniq_golongan")]

    def __str__(self):
        if self.scheme == self.Scheme.PNS:
            return f"{self.pangkat} ({self.golongan})"
        return f"PPPK Golongan {self.golongan}"


class Employee(DomainModel):
    class Kind(models.TextChoices):
        PNS = "pns", "PNS"
        PPPK = "pppk", "PPPK"
        NON_ASN = "non_asn", _("Non-ASN")
        PEJABAT_NEGARA = "pejabat_negara", _("Pejabat negara (Kepala Daerah)")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="employees", verbose_name=_("Pemda"))
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, null=True, blank=True, related_name="employees", verbose_name=_("OPD")
    )
    gelar_depan = models.CharField(_("Gelar depan"), max_length=30, blank=True)
    name = models.CharField(_("Nama"), max_length=120)
    gelar_belakang = models.CharField(_("Gelar belakang"), max_length=60, blank=True)
    kind = models.CharField(_("Jenis pegawai"), max_length=16, choices=Kind.choices, default=Kind.PNS)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, null=True, unique=True)
    golongan = models.ForeignKey(
        Golongan, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("Pangkat/golongan")
    )
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Telepon"), max_length=30, blank=True)
    active = models.BooleanField(_("Aktif"), default=True)
    is_demo = models.BooleanField(_("Data demo"), default=False)

    class Meta:
        verbose_name = _("Pegawai")
        verbose_name_plural = _("Pegawai")
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """ "Ir. WIDARSO, M.M"."""
        name = f"{self.gelar_depan} {self.name}".strip()
        if self.gelar_belakang:
            name = f"{name}, {self.gelar_belakang}"
        return name

    @property
    def nip_display(self):
        return nip_rules.format_nip(self.nip) if self.nip else ""

    def scope_visible(self, user) -> bool:
        """A Pemda-level person (no OPD) only for the Pemda's readers (UU 27/2022; sakip.organization.privacy)."""
        from .privacy import can_view_employee  # privacy.py reads these models: imported here, not above

        return can_view_employee(user, self)

    @property
    def pangkat(self):
        return (
            self.golongan.pangkat
            if self.golongan_id and self.golongan.scheme == "pns"
            else (str(self.golongan) if self.golongan_id else "")
        )

    def clean_fields(self, exclude=None):
        """The NIP is checked by its own rules (digits with separators allowed) before length."""
        exclude = set(exclude or ())
        errors = {}
        if "nip" not in exclude:
            exclude.add("nip")
            if self.kind in (self.Kind.PNS, self.Kind.PPPK):
                if not self.nip:
                    errors["nip"] = [_("NIP wajib diisi untuk PNS dan PPPK.")]
                else:
                    try:
                        self.nip = nip_rules.parse(self.nip, self.kind).digits
                    except nip_rules.NipError as exc:
                        errors["nip"] = [str(exc)]
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        errors = {}
        if self.nip and self.kind not in (self.Kind.PNS, self.Kind.PPPK):
            errors["nip"] = _("Pegawai non-ASN dan pejabat negara tidak memiliki NIP.")
        if self.golongan_id:
            expected = {self.Kind.PNS: "pns", self.Kind.PPPK: "pppk"}.get(self.kind)
            if expected is None:
                errors["golongan"] = _("Pangkat/golongan hanya untuk PNS dan PPPK.")
            elif self.golongan.scheme != expected:
                errors["golongan"] = _("Golongan tidak sesuai dengan jenis pegawai.")
        if self.opd_id and self.pemda_id and self.opd.pemda_id != self.pemda_id:
            errors["opd"] = _("OPD harus berada di Pemda pegawai ini.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.nip:
            self.nip = nip_rules.normalize(self.nip)
        else:
            self.nip = None
        super().save(*args, **kwargs)


class AssignmentQuerySet(models.QuerySet):
    def active_on(self, on=None):
        on = on or date.today()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


class Assignment(DomainModel):
    """An employee holding a position for a time: definitif, Plt. or Plh."""

    class Kind(models.TextChoices):
        DEFINITIF = "definitif", _("Definitif")
        PLT = "plt", _("Plt. (Pelaksana Tugas)")
        PLH = "plh", _("Plh. (Pelaksana Harian)")

    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("Pegawai")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("Jabatan")
    )
    kind = models.CharField(_("Jenis penugasan"), max_length=10, choices=Kind.choices, default=Kind.DEFINITIF)
    kind_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    start_date = models.DateField(_("Mulai"))
    end_date = models.DateField(_("Selesai"), null=True, blank=True)
    decree = models.CharField(_("Nomor SK"), max_length=100, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Penugasan jabatan")
        verbose_name_plural = _("Penugasan jabatan")
        ordering = ["-start_date"]

    def __str__(self):
        return f"{self.prefix}{self.position} — {self.employee}"

    def get_opd_id(self):
        return self.position.opd_id

    def get_scope_unit(self):
        return self.position.unit

    @property
    def prefix(self):
        return {"plt": "Plt. ", "plh": "Plh. "}.get(self.kind, "")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
        if self.position_id and self.start_date and self.kind == self.Kind.DEFINITIF:
            overlapping = Assignment.objects.filter(position_id=self.position_id, kind=self.Kind.DEFINITIF).exclude(
                pk=self.pk
            )
            end = self.end_date or date.max
            overlapping = overlapping.filter(start_date__lte=end).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.start_date)
            )
            other = overlapping.select_related("employee").first()
            if other:
                raise ValidationError(
                    {
                        "position": _(
                            "Jabatan ini sudah dipegang secara definitif oleh %(name)s pada periode "
                            "tersebut (sejak %(start)s)."
                        )
                        % {"name": other.employee.full_name, "start": formats.tanggal(other.start_date)}
                    }
                )

    def save(self, *args, **kwargs):
        self.kind_rank = {"definitif": 0, "plt": 1, "plh": 2}[self.kind]
        super().save(*args, **kwargs)


def office_title(position: Position, prefix: str = "") -> str:
    """A position's title as printed under a signature (Permendagri 1/2023): the head of an OPD in the OPD's
    format ("Kepala Dinsospermasdes Kabupaten Banyumas", OPD.signer_title_format); any other official of an OPD
    with the OPD's name, never the Kabupaten's ("Sekretaris Dinsospermasdes", "Kasubbag Perencanaan dan
    Keuangan Dinsospermasdes"); an official outside any OPD (the Bupati) as the position is named."""
    jabatan = position.display_short
    if not position.opd_id:
        return f"{prefix}{jabatan}".strip()
    opd = position.opd
    if position.is_opd_head:
        return opd.signer_title_format.format(prefix=prefix, jabatan=jabatan, pemda=position.pemda.short_name).strip()
    names_opd = any(name and name.lower() in jabatan.lower() for name in (opd.akronim, opd.name))
    return f"{prefix}{jabatan}{'' if names_opd else ' ' + opd.akronim}".strip()


def signer_title(position: Position, on=None, assignment: "Assignment | None" = None) -> str:
    """The title of a position's holder on a date (with Plt./Plh.): "Plt. Kepala Dinsospermasdes Kabupaten
    Banyumas", "Sekretaris Dinsospermasdes" (see office_title)."""
    assignment = assignment or position.holder_on(on)
    prefix = assignment.prefix if assignment else ""
    return office_title(position, prefix)


class TimSakip(DomainModel):
    url_prefix = "tim"
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="tim_sakip", verbose_name=_("OPD"))
    year = models.PositiveSmallIntegerField(_("Tahun"))
    decree_number = models.CharField(_("Nomor SK"), max_length=100, blank=True)
    decree_date = models.DateField(_("Tanggal SK"), null=True, blank=True)

    class Meta:
        verbose_name = _("Tim SAKIP")
        verbose_name_plural = _("Tim SAKIP")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["opd", "year"], name="uniq_tim_sakip")]

    def __str__(self):
        return f"Tim SAKIP {self.opd} {self.year}"

    def members_with_role(self, role):
        return [m.employee for m in self.members.all() if m.role == role]


class TimSakipMember(DomainModel):
    class Role(models.TextChoices):
        PENANGGUNG_JAWAB = "penanggung_jawab", _("Penanggung Jawab")
        KETUA = "ketua", _("Ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris Tim")
        ANGGOTA = "anggota", _("Anggota")

    tim = models.ForeignKey(TimSakip, on_delete=models.CASCADE, related_name="members", verbose_name=_("Tim"))
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="tim_sakip_roles", verbose_name=_("Pegawai")
    )
    role = models.CharField(_("Peran"), max_length=20, choices=Role.choices)
    role_rank = models.PositiveSmallIntegerField(default=9, editable=False)

    class Meta:
        verbose_name = _("Anggota Tim SAKIP")
        verbose_name_plural = _("Anggota Tim SAKIP")
        ordering = ["tim", "role_rank", "employee__name"]
        constraints = [models.UniqueConstraint(fields=["tim", "employee"], name="uniq_tim_member")]

    def get_opd_id(self):
        return self.tim.opd_id

    def get_scope_unit(self):
        return None

    def save(self, *args, **kwargs):
        self.role_rank = [choice for choice, _label in self.Role.choices].index(self.role)
        super().save(*args, **kwargs)


class User(AbstractUser):
    """A login. Linked to an employee; its scope is an OPD and, for unit roles, a unit."""

    employee = models.OneToOneField(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="user", verbose_name=_("Pegawai")
    )
    pemda = models.ForeignKey(
        Pemda, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Pemda")
    )
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Unit")
    )
    # Who changed a login's scope (employee, Pemda, OPD, unit), its roles (groups) or its active flag, and when.
    # The password hash and the last-login time are not copied (a sign-in writes no history: organization/apps.py).
    history = HistoricalRecords(
        excluded_fields=["password", "last_login"], m2m_fields=["groups"], get_user=history_user
    )

    class Meta:
        verbose_name = _("Pengguna")
        verbose_name_plural = _("Pengguna")

    @property
    def role_names(self):
        cache = getattr(self, "_role_names", None)
        if cache is None:
            cache = self._role_names = {g.name for g in self.groups.all()} if self.pk else set()
        return cache

    def has_role(self, *roles):
        return bool(self.role_names.intersection(roles))

    @property
    def primary_role(self):
        for role in ALL_ROLES:
            if role in self.role_names:
                return role
        return ""

    @property
    def display_name(self):
        if self.employee_id:
            return self.employee.full_name
        return self.get_full_name() or self.username


class PersonalDataExport(DomainModel):
    """One export of personal data (UU 27/2022 Pelindungan Data Pribadi): who took which list, when, from where
    and how many people it held. Written by `sakip.organization.privacy.log_export`, never edited; the
    administrators read the log (Organisasi → Log ekspor data pribadi, and /admin/)."""

    class Channel(models.TextChoices):
        EXCEL = "excel", _("Ekspor Excel")
        API = "api", _("API")
        HISTORY = "history", _("Riwayat (Excel)")

    user = models.ForeignKey(
        "organization.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("Pengguna")
    )
    username = models.CharField(_("Nama pengguna"), max_length=150)
    channel = models.CharField(_("Saluran"), max_length=10, choices=Channel.choices)
    what = models.CharField(_("Data"), max_length=200)
    fields = models.CharField(_("Kolom data pribadi"), max_length=200)
    query = models.CharField(_("Penyaring"), max_length=500, blank=True)
    row_count = models.PositiveIntegerField(_("Jumlah orang"), default=0)
    opd = models.ForeignKey(
        OPD, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("OPD pengguna")
    )
    ip_address = models.GenericIPAddressField(_("Alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ekspor data pribadi")
        verbose_name_plural = _("Log ekspor data pribadi")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.username}: {self.what} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else self.what
