from datetime import date

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.core import permissions as P
from sakip.core.forms import StyledModelForm
from sakip.organization.models import OPD, Position
from sakip.organization.selectors import employees_for, opds_for, units_for

from .models import ArchivedDocument, DocumentType, Klasifikasi, Letter, SigningCertificate

DETAIL_FIELDS = {
    "undangan": ["hari_tanggal", "waktu", "tempat", "acara"],
    "disposisi": ["surat_dari", "nomor_surat", "tanggal_surat", "diterima_tanggal", "nomor_agenda"],
}


class KlasifikasiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name} ({obj.scheme})"


class LetterForm(StyledModelForm):
    items_text = forms.CharField(
        label=_("Butir"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Satu butir per baris. Surat Pengantar: uraian | banyaknya | keterangan. Lembar Disposisi: "
            "diteruskan kepada."
        ),
    )
    hari_tanggal = forms.DateField(label=_("Hari, tanggal rapat"), required=False, widget=forms.DateInput())
    waktu = forms.CharField(label=_("Waktu"), required=False, max_length=60)
    tempat = forms.CharField(label=_("Tempat"), required=False, max_length=200)
    acara = forms.CharField(label=_("Acara"), required=False, max_length=300)
    surat_dari = forms.CharField(label=_("Surat dari"), required=False, max_length=200)
    nomor_surat = forms.CharField(label=_("Nomor surat masuk"), required=False, max_length=80)
    tanggal_surat = forms.DateField(label=_("Tanggal surat masuk"), required=False, widget=forms.DateInput())
    diterima_tanggal = forms.DateField(label=_("Diterima tanggal"), required=False, widget=forms.DateInput())
    nomor_agenda = forms.CharField(label=_("Nomor agenda"), required=False, max_length=40)

    class Meta:
        model = Letter
        fields = [
            "opd",
            "unit",
            "doc_type",
            "klasifikasi",
            "date",
            "subject",
            "sifat",
            "lampiran_note",
            "recipient",
            "recipient_place",
            "body",
            "items_text",
            "hari_tanggal",
            "waktu",
            "tempat",
            "acara",
            "surat_dari",
            "nomor_surat",
            "tanggal_surat",
            "diterima_tanggal",
            "nomor_agenda",
            "closing",
            "signer_position",
            "on_behalf_of",
            "tembusan",
            "lampiran",
        ]
        widgets = {
            "date": forms.DateInput(),
            "recipient": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "tembusan": forms.Textarea(attrs={"rows": 2}),
            "lampiran": forms.SelectMultiple(attrs={"size": 4}),
        }
        field_classes = {"klasifikasi": KlasifikasiChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        opds = opds_for(user) if P.is_admin(user) else OPD.objects.filter(pk=user.opd_id)
        self.fields["opd"].queryset = opds
        self.fields["opd"].initial = user.opd_id
        if not P.is_admin(user):
            self.fields["opd"].widget = forms.HiddenInput()
            self.fields["opd"].required = False
        self.fields["unit"].queryset = (
            units_for(user) if (P.is_admin(user) or P.is_opd_manager(user)) else units_for(user).filter(pk=user.unit_id)
        )
        self.fields["unit"].initial = user.unit_id
        self.fields["doc_type"].queryset = DocumentType.objects.filter(is_letter=True)
        self.fields["klasifikasi"].queryset = Klasifikasi.objects.filter(active=True)
        self.fields["klasifikasi"].required = False
        opd_ids = [o.pk for o in opds]
        positions = (
            Position.objects.select_related("opd")
            .filter(Q(opd_id__in=opd_ids) | Q(opd__isnull=True, pemda_id=user.pemda_id))
            .exclude(kind=Position.Kind.PELAKSANA)
            .order_by("opd_id", "order", "name")
        )
        self.fields["signer_position"].queryset = positions
        self.fields["on_behalf_of"].queryset = positions
        self.fields["lampiran"].queryset = (
            ArchivedDocument.objects.filter(opd_id__in=opd_ids).select_related("doc_type").order_by("-date")[:200]
            if opd_ids
            else ArchivedDocument.objects.none()
        )
        self.fields["lampiran"].required = False
        if not self.instance.pk:
            self.fields["date"].initial = date.today()
            head = Position.objects.filter(opd_id=user.opd_id, is_opd_head=True).first()
            self.fields["signer_position"].initial = head.pk if head else None
        else:
            items = self.instance.items or []
            self.initial["items_text"] = "\n".join(
                " | ".join(str(v) for v in i.values()) if isinstance(i, dict) else str(i) for i in items
            )
            for key, value in (self.instance.details or {}).items():
                if key in self.fields:
                    self.initial[key] = value
        for name in ("hari_tanggal", "waktu", "tempat", "acara"):
            self.fields[name].widget.attrs["data-doc-types"] = "undangan"
        for name in ("surat_dari", "nomor_surat", "tanggal_surat", "diterima_tanggal", "nomor_agenda"):
            self.fields[name].widget.attrs["data-doc-types"] = "disposisi"
        for name in (
            "date",
            "sifat",
            "klasifikasi",
            "unit",
            "waktu",
            "tempat",
            "hari_tanggal",
            "surat_dari",
            "nomor_surat",
            "tanggal_surat",
            "diterima_tanggal",
            "nomor_agenda",
            "recipient_place",
            "lampiran_note",
        ):
            self.fields[name].widget.attrs["col"] = "col-md-6"

    def clean_opd(self):
        opd = self.cleaned_data.get("opd")
        if opd is None and not P.is_admin(self.user):
            opd = OPD.objects.filter(pk=self.user.opd_id).first()
        if opd is None:
            raise forms.ValidationError(_("OPD wajib diisi."))
        return opd

    def clean(self):
        data = super().clean()
        dtype = data.get("doc_type")
        items = []
        for line in (data.get("items_text") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            if dtype and dtype.code == "surat_pengantar":
                parts = [p.strip() for p in line.split("|")] + ["", ""]
                items.append({"uraian": parts[0], "banyaknya": parts[1], "keterangan": parts[2]})
            else:
                items.append(line)
        self.instance.items = items
        details = {}
        for name in DETAIL_FIELDS.get(dtype.code if dtype else "", []):
            value = data.get(name)
            if value:
                details[name] = value.isoformat() if isinstance(value, date) else value
        self.instance.details = details
        return data


class NumberCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class ExternalNumberForm(forms.Form):
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=OPD.objects.none())
    doc_type = forms.ModelChoiceField(label=_("Jenis dokumen"), queryset=DocumentType.objects.filter(numbered=True))
    number = forms.CharField(
        label=_("Nomor"), max_length=80, help_text=_("Persis seperti tertulis pada surat, mis. 700/7327/2022.")
    )
    date = forms.DateField(label=_("Tanggal surat"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    subject = forms.CharField(label=_("Perihal"), max_length=300)
    recipient = forms.CharField(label=_("Tujuan"), max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds_for(user) if P.is_admin(user) else OPD.objects.filter(pk=user.opd_id)
        self.fields["opd"].initial = user.opd_id


class DocumentTypeForm(StyledModelForm):
    class Meta:
        model = DocumentType
        fields = [
            "name",
            "number_format",
            "sequence_key",
            "default_klasifikasi",
            "is_letter",
            "numbered",
            "heavy",
            "signer",
            "order",
        ]
        field_classes = {"default_klasifikasi": KlasifikasiChoiceField}


class CertificateForm(StyledModelForm):
    p12_file = forms.FileField(
        label=_("Berkas PKCS#12 (.p12/.pfx)"),
        required=False,
        help_text=_("Diunggah ke folder sertifikat server (di luar media), tidak dapat diunduh kembali."),
    )

    class Meta:
        model = SigningCertificate
        fields = ["employee", "p12_file", "passphrase", "passphrase_env", "active"]
        widgets = {"passphrase": forms.PasswordInput(render_value=False)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["employee"].queryset = employees_for(self.user)
