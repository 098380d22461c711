from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.core.forms import StyledModelForm, date_inputs
from sakip.documents.models import ArchivedDocument
from sakip.organization.models import OPD, Position
from sakip.organization.selectors import opds_for
from sakip.sop.models import SopVersion

from . import policies
from .models import (
    EvaluationSettings,
    Finding,
    LkeAnswerOption,
    LkeComponent,
    LkeCriterion,
    LkePredicateBand,
    LkeSubComponent,
    LkeTemplate,
    Recommendation,
)


class StyledForm(forms.Form):
    """A plain form with date inputs (as StyledModelForm); its look is the form renderer's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self)


class EvaluationCreateForm(StyledForm):
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=OPD.objects.none())
    year = forms.IntegerField(
        label=_("Tahun evaluasi"),
        min_value=2000,
        max_value=2100,
        help_text=_("Evaluasi tahun N menilai perencanaan tahun N serta pengukuran dan pelaporan tahun N−1."),
    )
    template = forms.ModelChoiceField(
        label=_("Templat LKE"), queryset=LkeTemplate.objects.filter(status=LkeTemplate.Status.ACTIVE)
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

        opds = opds_for(user).exclude(kind=OPD.Kind.INSPEKTORAT).order_by("name")
        self.fields["opd"].queryset = opds if policies.is_evaluator(user) else opds.filter(pk=user.opd_id)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["template"].initial = self.fields["template"].queryset.order_by("-version").first()


class FindingForm(StyledForm):
    letter = forms.CharField(label=_("Huruf"), max_length=4, widget=forms.TextInput(attrs={"col": "col-3 col-md-2"}))
    priority = forms.ChoiceField(
        label=_("Prioritas"), choices=Finding.Priority.choices, widget=forms.Select(attrs={"col": "col-9 col-md-4"})
    )
    title = forms.CharField(label=_("Judul temuan"), max_length=400)
    kondisi = forms.CharField(label=_("Kondisi"), widget=forms.Textarea(attrs={"rows": 5}))
    subcomponents = forms.ModelMultipleChoiceField(
        label=_("Sub-komponen LKE"),
        queryset=LkeSubComponent.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "col": "col-md-6"}),
    )
    lke_criteria = forms.ModelMultipleChoiceField(
        label=_("Kriteria LKE"),
        queryset=LkeCriterion.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "col": "col-md-6"}),
    )
    norm = forms.CharField(
        label=_("Kriteria (teks peraturan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kosong = dasar peraturan templat LKE, Lampiran I."),
    )
    sebab = forms.CharField(label=_("Sebab"), widget=forms.Textarea(attrs={"rows": 3}))
    akibat = forms.CharField(label=_("Akibat"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subcomponents"].queryset = evaluation.template.subcomponents.all()
        self.fields["lke_criteria"].queryset = evaluation.template.criteria.select_related("subcomponent")
        self.fields["lke_criteria"].label_from_instance = lambda c: f"{c.code} {c.text[:90]}"
        self.fields["subcomponents"].label_from_instance = lambda s: f"{s.code} {s.name[:90]}"


class RecommendationForm(StyledForm):
    text = forms.CharField(label=_("Rekomendasi"), widget=forms.Textarea(attrs={"rows": 3}))
    subject = forms.CharField(
        label=_("Pokok rekomendasi"), max_length=300, help_text=Recommendation._meta.get_field("subject").help_text
    )
    due_date = forms.DateField(
        label=_("Batas waktu"),
        required=False,
        widget=forms.DateInput(attrs={"col": "col-md-6"}),
        help_text=_("Kosong = batas waktu bawaan saat evaluasi final."),
    )
    pic = forms.ModelChoiceField(
        label=_("Penanggung jawab"),
        queryset=Position.objects.none(),
        required=False,
        widget=forms.Select(attrs={"col": "col-md-6"}),
    )

    def __init__(self, *args, opd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pic"].queryset = (
            Position.objects.filter(opd=opd).exclude(kind=Position.Kind.PELAKSANA).order_by("order", "name")
        )


class PlanForm(StyledForm):
    action_plan = forms.CharField(label=_("Rencana aksi tindak lanjut"), widget=forms.Textarea(attrs={"rows": 3}))
    pic = forms.ModelChoiceField(
        label=_("Penanggung jawab"),
        queryset=Position.objects.none(),
        required=False,
        widget=forms.Select(attrs={"col": "col-md-6"}),
    )
    due_date = forms.DateField(
        label=_("Batas waktu"), required=False, widget=forms.DateInput(attrs={"col": "col-md-6"})
    )

    def __init__(self, *args, opd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pic"].queryset = (
            Position.objects.filter(opd=opd).exclude(kind=Position.Kind.PELAKSANA).order_by("order", "name")
        )


def linkable_records(opd):
    """Records of sakip that can be attached as evidence: archived documents and SOP versions of the OPD."""
    choices = []
    ct = ContentType.objects.get_for_model(ArchivedDocument)
    docs = ArchivedDocument.objects.filter(opd=opd).select_related("doc_type").order_by("-date")[:200]
    group = [(f"{ct.pk}:{d.pk}", f"{d} — {d.subject[:60]}") for d in docs]
    if group:
        choices.append((_("Arsip dokumen"), group))
    ct = ContentType.objects.get_for_model(SopVersion)
    versions = SopVersion.objects.filter(sop__opd=opd).select_related("sop").order_by("sop__number", "-version")[:200]
    group = [(f"{ct.pk}:{v.pk}", str(v)) for v in versions]
    if group:
        choices.append((_("SOP"), group))
    return choices


def resolve_record(value, opd):
    """ "<content type id>:<pk>" → the record (which must belong to the OPD), or None."""
    if not value:
        return None
    try:
        ct_id, pk = (int(x) for x in str(value).split(":", 1))
        ct = ContentType.objects.get_for_id(ct_id)
        obj = ct.get_object_for_this_type(pk=pk)
    except (ValueError, ObjectDoesNotExist):
        raise forms.ValidationError(_("Data sakip yang dipilih tidak ditemukan.")) from None
    owner = obj.get_opd_id() if hasattr(obj, "get_opd_id") else getattr(obj, "opd_id", None)
    if owner != opd.pk:
        raise forms.ValidationError(_("Data yang dipilih bukan milik %(opd)s.") % {"opd": opd})
    return obj


class EvidenceForm(StyledForm):
    file = forms.FileField(label=_("Berkas"), required=False)
    url = forms.CharField(label=_("Tautan"), required=False, max_length=500)
    record = forms.ChoiceField(label=_("Data sakip"), required=False)
    label = forms.CharField(label=_("Keterangan"), required=False, max_length=300)

    def __init__(self, *args, opd=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.opd = opd
        self.fields["record"].choices = [("", "—")] + linkable_records(opd)

    def clean_record(self):
        return resolve_record(self.cleaned_data.get("record"), self.opd)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not data.get("record"):
            raise forms.ValidationError(_("Lampirkan berkas, tautan, atau pilih data sakip sebagai bukti."))
        return data


class VerifyForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Hasil verifikasi"),
        choices=[
            ("selesai", _("Selesai — rekomendasi ditutup")),
            ("sebagian", _("Sebagian — belum tuntas")),
            ("kembali", _("Kembalikan untuk diperbaiki")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Catatan verifikasi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila belum tuntas: jelaskan apa yang masih kurang."),
    )


class NotPossibleForm(StyledForm):
    reason = forms.CharField(label=_("Alasan tidak dapat ditindaklanjuti"), widget=forms.Textarea(attrs={"rows": 2}))


class StatementForm(StyledForm):
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Rekomendasi yang ditanggapi"),
        queryset=Recommendation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    statements = forms.CharField(
        label=_("Butir pernyataan"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Satu butir per baris.")
    )

    def __init__(self, *args, evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = (
            Recommendation.objects.filter(finding__evaluation=evaluation)
            .select_related("finding")
            .order_by("finding__letter", "number")
        )
        self.fields["recommendations"].label_from_instance = lambda r: (
            f"{r.finding.letter}.{r.number} {r.subject} ({r.get_state_display()})"
        )


class SignForm(StyledForm):
    number = forms.CharField(
        label=_("Nomor surat"),
        required=False,
        max_length=100,
        help_text=_("Kosong = nomor berikutnya dari agenda surat keluar."),
    )
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput())
    # The digest of what the signer read (documents.*_fingerprint): a document changed since is refused.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class LheForm(SignForm):
    number = forms.CharField(
        label=_("Nomor LHE"),
        required=False,
        max_length=100,
        help_text=_("Kosong = nomor berikutnya dari agenda surat keluar Inspektorat."),
    )


class CopyTemplateForm(StyledForm):
    key = forms.CharField(label=_("Kode templat baru"), max_length=40, help_text=_('Mis. "88/2021-v2".'))
    name = forms.CharField(label=_("Nama"), max_length=200, required=False)


class SettingsForm(StyledModelForm):
    class Meta:
        model = EvaluationSettings
        fields = ["followup_days", "reminder_days"]


class TemplateForm(StyledModelForm):
    class Meta:
        model = LkeTemplate
        fields = ["name", "comparator", "notes"]


class ComponentForm(StyledModelForm):
    class Meta:
        model = LkeComponent
        fields = ["name", "weight"]


class SubComponentForm(StyledModelForm):
    class Meta:
        model = LkeSubComponent
        fields = ["name", "weight"]


class CriterionForm(StyledModelForm):
    class Meta:
        model = LkeCriterion
        fields = ["text", "evidence_hint", "auto_rule"]


class AnswerOptionForm(StyledModelForm):
    class Meta:
        model = LkeAnswerOption
        fields = ["value", "description_a", "description_bc"]


class BandForm(StyledModelForm):
    class Meta:
        model = LkePredicateBand
        fields = ["lower", "upper", "label", "interpretation"]


TEMPLATE_ROW_FORMS = {
    "templat": (LkeTemplate, TemplateForm),
    "komponen": (LkeComponent, ComponentForm),
    "subkomponen": (LkeSubComponent, SubComponentForm),
    "kriteria": (LkeCriterion, CriterionForm),
    "jawaban": (LkeAnswerOption, AnswerOptionForm),
    "predikat": (LkePredicateBand, BandForm),
}
