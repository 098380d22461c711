from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.core import permissions as P
from sakip.core.forms import StyledModelForm
from sakip.core.numbers import FormDecimalField
from sakip.organization.models import OPD, Position, TimSakipMember, Unit
from sakip.organization.selectors import opds_for

from . import actions
from .models import Assessment, Lane, ProcessKind, Sop, SopReview, SopVersion, Step

TEXTAREA = {"rows": 3}


def writable_opds(user):
    if P.is_admin(user):
        return opds_for(user)
    return (
        OPD.objects.filter(pk=user.opd_id)
        if user.opd_id and (P.is_opd_manager(user) or P.is_unit_role(user))
        else OPD.objects.none()
    )


def writable_units(user, opd=None):
    """Units a user may own SOPs for: all units of the OPD (managers), or the unit's subtree (unit roles)."""
    qs = Unit.objects.select_related("opd")
    if P.is_admin(user):
        return qs.filter(opd=opd) if opd else qs
    if not user.opd_id:
        return qs.none()
    qs = qs.filter(opd_id=user.opd_id)
    if P.is_opd_manager(user):
        return qs
    if P.is_unit_role(user) and user.unit_id:
        ids = [user.unit_id] + [u.pk for u in user.unit.descendants()]
        return qs.filter(pk__in=ids)
    return qs.none()


class SopCreateForm(StyledModelForm):
    """A new register entry: number, owner and the identity page of its first version."""

    opd = forms.ModelChoiceField(queryset=OPD.objects.none(), label=_("OPD"), empty_label="—")
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit pemilik"),
        required=False,
        empty_label="—",
        help_text=_("Kosong bila SOP milik OPD (dikelola Sekretariat/Tim SAKIP)."),
    )
    number = forms.CharField(label=_("Nomor SOP"), max_length=60)
    process_kind = forms.ChoiceField(
        label=_("Proses yang dijalankan"),
        choices=ProcessKind.choices,
        initial=ProcessKind.LAINNYA,
        required=False,  # not sent → lainnya
        help_text=_("Periode pengukuran hanya dapat dimulai dengan SOP pengukuran kinerja."),
    )

    class Meta:
        model = SopVersion
        fields = [
            "judul",
            "jenis",
            "jenis_kegiatan",
            "made_on",
            "effective_on",
            "dasar_hukum",
            "kualifikasi_pelaksana",
            "keterkaitan",
            "peralatan",
            "peringatan",
            "pencatatan",
            "pj_produk",
            "pj_kegiatan",
            "ruang_lingkup",
        ]
        widgets = {
            f: forms.Textarea(attrs=TEXTAREA)
            for f in ["dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan"]
        }
        widgets.update({"made_on": forms.DateInput(), "effective_on": forms.DateInput()})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = writable_opds(self.user)
        self.fields["unit"].queryset = writable_units(self.user)
        self.order_fields(["opd", "unit", "number", "judul", "process_kind"])
        if not P.is_opd_manager(self.user) and not P.is_admin(self.user):
            self.fields["unit"].required = True
        opds = list(self.fields["opd"].queryset[:2])
        if len(opds) == 1:
            self.fields["opd"].initial = opds[0].pk

    def clean(self):
        data = super().clean()
        data["process_kind"] = data.get("process_kind") or ProcessKind.LAINNYA
        unit, opd = data.get("unit"), data.get("opd")
        if unit and opd and unit.opd_id != opd.pk:
            self.add_error("unit", _("Unit pemilik harus berada di OPD yang dipilih."))
        return data


class IdentityForm(StyledModelForm):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label=_("Unit pemilik"), required=False, empty_label="—"
    )
    process_kind = forms.ChoiceField(
        label=_("Proses yang dijalankan"),
        choices=ProcessKind.choices,
        required=False,  # not sent → unchanged
        help_text=_("Periode pengukuran hanya dapat dimulai dengan SOP pengukuran kinerja."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = SopVersion
        fields = [
            "judul",
            "jenis",
            "jenis_kegiatan",
            "made_on",
            "revised_on",
            "effective_on",
            "dasar_hukum",
            "kualifikasi_pelaksana",
            "keterkaitan_sop",
            "keterkaitan",
            "peralatan",
            "peringatan",
            "pencatatan",
            "pj_produk",
            "pj_kegiatan",
            "ruang_lingkup",
            "revision_note",
        ]
        widgets = {
            f: forms.Textarea(attrs=TEXTAREA)
            for f in [
                "dasar_hukum",
                "kualifikasi_pelaksana",
                "keterkaitan",
                "peralatan",
                "peringatan",
                "pencatatan",
                "revision_note",
            ]
        }
        widgets.update(
            {
                "made_on": forms.DateInput(),
                "revised_on": forms.DateInput(),
                "effective_on": forms.DateInput(),
                "keterkaitan_sop": forms.SelectMultiple(attrs={"size": 5}),
            }
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sop = self.instance.sop
        self.fields["keterkaitan_sop"].queryset = Sop.objects.filter(opd_id=sop.opd_id).exclude(pk=sop.pk)
        self.fields["keterkaitan_sop"].widget.attrs["class"] = "form-select"
        units = writable_units(self.user, sop.opd) if P.is_admin(self.user) else writable_units(self.user)
        self.fields["unit"].queryset = units
        self.fields["unit"].initial = sop.unit_id
        self.fields["unit"].widget.attrs["class"] = "form-select"
        if not (P.is_admin(self.user) or P.is_opd_manager(self.user)):
            self.fields["unit"].required = True
        self.fields["process_kind"].initial = sop.process_kind
        self.order_fields(["judul", "unit", "process_kind"])


class ProcessKindForm(forms.Form):
    """The process an SOP drives, set on the SOP page whatever the status of its versions."""

    process_kind = forms.ChoiceField(
        label=_("Proses yang dijalankan"),
        choices=ProcessKind.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class LaneForm(forms.Form):
    label = forms.CharField(label=_("Pelaksana"), max_length=120, required=False)
    mapping = forms.ChoiceField(
        label=_("Dipetakan ke"), choices=Lane.Mapping.choices, required=False, initial=Lane.Mapping.NONE
    )
    position = forms.ModelChoiceField(
        label=_("Jabatan"), queryset=Position.objects.none(), required=False, empty_label="—"
    )
    tim_role = forms.ChoiceField(
        label=_("Peran Tim SAKIP"), choices=[("", "—")] + list(TimSakipMember.Role.choices), required=False
    )

    def __init__(self, *args, opd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = (
            Position.objects.filter(opd=opd).select_related("unit") if opd else Position.objects.none()
        )
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["data-field"] = name

    def clean(self):
        data = super().clean()
        mapping = data.get("mapping") or Lane.Mapping.NONE
        if data.get("label"):
            if mapping == Lane.Mapping.POSITION and not data.get("position"):
                self.add_error("position", _("Pilih jabatan."))
            if mapping == Lane.Mapping.TIM_ROLE and not data.get("tim_role"):
                self.add_error("tim_role", _("Pilih peran Tim SAKIP."))
        data["mapping"] = mapping
        return data


LaneFormSet = forms.formset_factory(LaneForm, extra=2, can_delete=True)


class StepForm(forms.Form):
    number = forms.IntegerField(label=_("No."), min_value=1, max_value=999, required=False)
    uraian = forms.CharField(label=_("Uraian prosedur"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Bentuk"), choices=Step.Kind.choices, initial=Step.Kind.PROCESS)
    lanes = forms.TypedMultipleChoiceField(
        label=_("Pelaksana"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    ya_ke = forms.IntegerField(label=_("Ya →"), min_value=1, required=False)
    tidak_ke = forms.IntegerField(label=_("Tidak →"), min_value=1, required=False)
    kelengkapan = forms.CharField(label=_("Kelengkapan"), max_length=255, required=False)
    waktu = FormDecimalField(
        label=_("Waktu"), min_value=0, max_digits=8, decimal_places=2, required=False, localize=True
    )
    waktu_satuan = forms.ChoiceField(label=_("Satuan"), choices=Step.TimeUnit.choices, initial="menit")
    output = forms.CharField(label=_("Output"), max_length=255, required=False)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=255, required=False)
    keterangan_sop = forms.ModelChoiceField(
        label=_("Merujuk SOP"), queryset=Sop.objects.none(), required=False, empty_label=_("— merujuk SOP —")
    )
    action = forms.ChoiceField(label=_("Aksi sistem"), choices=actions.CHOICES, initial=actions.NONE)
    utama = forms.BooleanField(label=_("Utama"), required=False)

    def __init__(self, *args, lane_choices=(), sops=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lanes"].choices = list(lane_choices)
        self.fields["keterangan_sop"].queryset = sops if sops is not None else Sop.objects.none()
        for name, field in self.fields.items():
            w = field.widget
            if isinstance(w, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                w.attrs["class"] = "form-check-input"
            else:
                w.attrs["class"] = (
                    "form-select form-select-sm" if isinstance(w, forms.Select) else "form-control form-control-sm"
                )
            w.attrs["data-field"] = name


StepFormSet = forms.formset_factory(StepForm, extra=1, can_delete=True)


class PasteForm(forms.Form):
    opd = forms.ModelChoiceField(queryset=OPD.objects.none(), label=_("OPD"), required=False, empty_label="—")
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit pemilik"),
        required=False,
        empty_label="—",
        help_text=_("Kosong bila SOP milik OPD."),
    )
    number = forms.CharField(
        label=_("Nomor SOP"),
        max_length=60,
        required=False,
        help_text=_("Nomor baru membuat SOP baru; nomor yang sudah terdaftar membuat versi (draf) baru."),
    )
    judul = forms.CharField(label=_("Judul SOP"), max_length=255, required=False)
    tabel = forms.CharField(
        label=_("Tabel prosedur"),
        widget=forms.Textarea(
            attrs={
                "rows": 12,
                "spellcheck": "false",
                "class": "form-control font-monospace small",
                "data-testid": "paste-area",
            }
        ),
        help_text=_(
            "Salin tabel prosedur dari Word atau Excel (termasuk baris judul: No, Uraian Prosedur, "
            "pelaksana, Kelengkapan, Waktu, Output, Keterangan) lalu tempel di sini."
        ),
    )

    def __init__(self, *args, user=None, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.target = user, target
        self.fields["opd"].queryset = writable_opds(user)
        self.fields["unit"].queryset = writable_units(user)
        opds = list(self.fields["opd"].queryset[:2])
        if len(opds) == 1:
            self.fields["opd"].initial = opds[0].pk
        if target is not None:
            for name in ("opd", "unit", "number", "judul"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.target is None:
            if not data.get("opd"):
                self.add_error("opd", _("Pilih OPD."))
            if not (data.get("number") or "").strip():
                self.add_error("number", _("Nomor SOP wajib diisi."))
            unit, opd = data.get("unit"), data.get("opd")
            if unit and opd and unit.opd_id != opd.pk:
                self.add_error("unit", _("Unit pemilik harus berada di OPD yang dipilih."))
        return data


class FileImportForm(forms.Form):
    opd = forms.ModelChoiceField(queryset=OPD.objects.none(), label=_("OPD"), empty_label="—")
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label=_("Unit pemilik"), required=False, empty_label="—"
    )
    berkas = forms.FileField(label=_("Berkas SOP (.docx atau .xlsx)"))
    number = forms.CharField(label=_("Nomor SOP (mengganti nomor di berkas)"), max_length=60, required=False)
    judul = forms.CharField(label=_("Judul SOP (mengganti judul di berkas)"), max_length=255, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = writable_opds(user)
        self.fields["unit"].queryset = writable_units(user)
        opds = list(self.fields["opd"].queryset[:2])
        if len(opds) == 1:
            self.fields["opd"].initial = opds[0].pk


class ApproveForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Tanggal pengesahan"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    effective_on = forms.DateField(
        label=_("Tanggal efektif"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        help_text=_("Kosong: berlaku sejak tanggal pengesahan (pemeriksaan akan menandainya)."),
    )


class RevokeForm(forms.Form):
    on = forms.DateField(
        label=_("Berlaku sampai"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    alasan = forms.CharField(
        label=_("Alasan pencabutan"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class MonitoringForm(forms.Form):
    period = forms.CharField(
        label=_("Periode"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "2023"}),
    )
    date = forms.DateField(
        label=_("Tanggal monitoring"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    assessor = forms.CharField(
        label=_("Dinilai oleh"), max_length=200, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    note = forms.CharField(
        label=_("Catatan umum"), required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class MonitoringItemForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput)
    assessment = forms.ChoiceField(
        label=_("Penilaian terhadap penerapan"),
        choices=[("", "—")] + list(Assessment.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    note = forms.CharField(
        label=_("Catatan hasil penilaian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
    )
    action_needed = forms.CharField(
        label=_("Tindakan yang harus diambil"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
    )


MonitoringItemFormSet = forms.formset_factory(MonitoringItemForm, extra=0)

YA_TIDAK = [("", "—"), ("ya", _("Ya")), ("tidak", _("Tidak"))]


class SopReviewForm(forms.Form):
    period = forms.CharField(
        label=_("Periode"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "2023"}),
    )
    date = forms.DateField(
        label=_("Tanggal evaluasi"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    assessor = forms.CharField(
        label=_("Dievaluasi oleh"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )
    conclusion = forms.ChoiceField(
        label=_("Kesimpulan"),
        choices=[("", "—")] + list(SopReview.Conclusion.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SopReview.QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=YA_TIDAK,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )

    def questions(self):
        return [self[name] for name, _label in SopReview.QUESTIONS]

    def answers(self):
        return {
            name: {"ya": True, "tidak": False}.get(self.cleaned_data.get(name)) for name, _label in SopReview.QUESTIONS
        }
