from django import forms
from django.core.exceptions import ValidationError as DjValidationError
from django.utils.translation import gettext_lazy as _

from sakip.core.formats import angka_input
from sakip.core.forms import StyledModelForm
from sakip.organization.models import Position, Unit

from .models import Crosscutting, Indicator, Kinerja, Pagu, PemdaIku, PredicateScale, Renstra, RpjmdGoal, Target
from .services import parse_number


class DecimalTextField(forms.CharField):
    """A number typed the Indonesian way ("6,5", "1.234,5"); parsed by services.parse_number."""

    def __init__(self, *args, field=None, allow_negative=False, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        self.model_field = field  # (Model, "name"): the digits it must fit (sakip.core.numbers)
        # True where the service decides by the indicator (docs/capaian.md §1: only some may be negative).
        self.allow_negative = allow_negative
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_number(
                value, str(self.label or _("Nilai")), field=self.model_field, allow_negative=self.allow_negative
            )
        except DjValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


class RenstraForm(StyledModelForm):
    class Meta:
        model = Renstra
        fields = ["opd", "rpjmd", "name", "start_year", "end_year", "decree"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_opd_field()


class NodeForm(StyledModelForm):
    class Meta:
        model = Kinerja
        fields = ["parent", "parent_indicator", "level", "position", "code", "statement", "year", "rpjmd_goal", "order"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, renstra=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.renstra = renstra
        self.fields["parent"].queryset = (
            Kinerja.objects.filter(renstra=renstra).select_related("position").order_by("level", "order")
        )
        self.fields["parent"].label_from_instance = lambda n: (
            f"[{n.get_level_display()}] {n.statement} — {n.position.display_short}"
        )
        self.fields["parent_indicator"].queryset = (
            Indicator.objects.filter(node__renstra=renstra).select_related("node").order_by("node__level", "order")
        )
        self.fields["position"].queryset = (
            Position.objects.filter(opd_id=renstra.opd_id).select_related("unit").order_by("order", "name")
        )
        self.fields["rpjmd_goal"].queryset = (
            RpjmdGoal.objects.filter(rpjmd_id=renstra.rpjmd_id) if renstra.rpjmd_id else RpjmdGoal.objects.none()
        )
        self.fields["year"].widget = forms.Select(
            choices=[("", _("Seluruh periode Renstra"))] + [(y, y) for y in renstra.years],
            attrs={"class": "form-select"},
        )


class IndicatorForm(StyledModelForm):
    baseline = DecimalTextField(label=_("Baseline"), field=(Indicator, "baseline"), allow_negative=True)
    whole_number = forms.TypedChoiceField(
        label=_("Bilangan bulat"),
        choices=[
            ("", _("Menurut satuan (orang, dokumen, unit, kegiatan … bulat; persen, indeks … desimal)")),
            ("True", _("Bilangan bulat")),
            ("False", _("Boleh desimal")),
        ],
        coerce=lambda v: v == "True",
        empty_value=None,
        required=False,
        help_text=_("Target dan realisasi indikator bersatuan hitungan harus bilangan bulat."),
    )
    change_reason = forms.CharField(
        label=_("Alasan perubahan (wajib dicatat untuk IKU Renstra yang sudah ditetapkan)"),
        required=False,
        max_length=400,
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "is_iku",
            "iku_pemda",
            "satuan",
            "definition",
            "formula",
            "data_source",
            "pj_unit",
            "pj_position",
            "polarity",
            "aggregation",
            "cumulative_targets",
            "allow_negative",
            "whole_number",
            "baseline",
            "baseline_year",
            "standard",
            "standard_source",
            "precision",
            "predicate_scale",
            "order",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "definition": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, node=None, **kwargs):
        super().__init__(*args, **kwargs)
        opd_id = node.opd_id
        self.fields["pj_unit"].queryset = Unit.objects.filter(opd_id=opd_id)
        self.fields["pj_position"].queryset = Position.objects.filter(opd_id=opd_id)
        self.fields["iku_pemda"].queryset = (
            PemdaIku.objects.filter(goal__rpjmd_id=node.renstra.rpjmd_id)
            if node.renstra.rpjmd_id
            else PemdaIku.objects.none()
        )
        self.fields["predicate_scale"].queryset = PredicateScale.objects.filter(pemda_id=node.opd.pemda_id)
        if self.instance.pk and self.instance.baseline is not None:
            self.initial["baseline"] = angka_input(self.instance.baseline)
        if node.level > Kinerja.Level.SASARAN:
            self.fields.pop("is_iku")
            self.fields.pop("iku_pemda")

    def clean(self):
        data = super().clean()
        baseline = data.get("baseline")
        if baseline is not None and baseline < 0 and not data.get("allow_negative"):
            self.add_error("baseline", _("Baseline tidak boleh negatif."))
        return data

    def values(self):
        data = dict(self.cleaned_data)
        data.pop("change_reason", None)
        return data


class TargetRowForm(forms.Form):
    value = DecimalTextField(label=_("Target"), field=(Target, "value"), allow_negative=True)
    value_max = DecimalTextField(label=_("Batas atas"), field=(Target, "value_max"), allow_negative=True)
    value_text = forms.CharField(label=_("Predikat"), required=False, max_length=60)
    q1 = DecimalTextField(label=_("TW I"), field=(Target, "q1"), allow_negative=True)
    q2 = DecimalTextField(label=_("TW II"), field=(Target, "q2"), allow_negative=True)
    q3 = DecimalTextField(label=_("TW III"), field=(Target, "q3"), allow_negative=True)
    q4 = DecimalTextField(label=_("TW IV"), field=(Target, "q4"), allow_negative=True)
    q1_max = DecimalTextField(label=_("Batas atas TW I"), field=(Target, "q1_max"), allow_negative=True)
    q2_max = DecimalTextField(label=_("Batas atas TW II"), field=(Target, "q2_max"), allow_negative=True)
    q3_max = DecimalTextField(label=_("Batas atas TW III"), field=(Target, "q3_max"), allow_negative=True)
    q4_max = DecimalTextField(label=_("Batas atas TW IV"), field=(Target, "q4_max"), allow_negative=True)

    NUMBERS = ("value", "value_max", "q1", "q2", "q3", "q4", "q1_max", "q2_max", "q3_max", "q4_max")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs["class"] = "form-control form-control-sm"
            f.widget.attrs["aria-label"] = str(f.label)

    def mark_invalid(self, names):
        """Mark the fields a service refused (their messages are listed under the row)."""
        for name in names:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class TargetRevisionForm(forms.Form):
    """The Tim SAKIP's proposal to change an adopted target (issue 12: a recorded revision with a reason)."""

    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    value = DecimalTextField(label=_("Target baru"), field=(Target, "value"), allow_negative=True)
    value_max = DecimalTextField(label=_("Batas atas baru"), field=(Target, "value_max"), allow_negative=True)
    value_text = forms.CharField(label=_("Predikat baru"), required=False, max_length=60)
    reason = forms.CharField(label=_("Alasan revisi"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, years=(), indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        if indicator is not None:
            if indicator.is_qualitative:
                del self.fields["value"], self.fields["value_max"]
            else:
                del self.fields["value_text"]
                if indicator.polarity == "binary":
                    del self.fields["value_max"]
        for f in self.fields.values():
            f.widget.attrs["class"] = (
                "form-select form-select-sm" if f is self.fields["year"] else "form-control form-control-sm"
            )


class CrosscuttingForm(StyledModelForm):
    class Meta:
        model = Crosscutting
        fields = ["indicator", "unit", "role", "description"]

    def __init__(self, *args, indicators=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{u.opd.akronim} — {u.name}"


class PkCreateForm(forms.Form):
    position = forms.ModelChoiceField(label=_("Jabatan (pihak pertama)"), queryset=Position.objects.none())
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    sign_date = forms.DateField(
        label=_("Tanggal penandatanganan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions


class PkPerubahanForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan perubahan"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), max_length=1000
    )
    sign_date = forms.DateField(
        label=_("Tanggal penandatanganan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )


class BudgetItemForm(forms.Form):
    code = forms.CharField(
        label=_("Kode (Permendagri 90/2019)"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "list": "nomenklatur"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit penanggung jawab"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kinerja = forms.ModelChoiceField(
        label=_("Kinerja yang didukung"),
        queryset=Kinerja.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = forms.IntegerField(
        label=_("Tahun pagu"), required=False, widget=forms.NumberInput(attrs={"class": "form-control"})
    )
    amount = DecimalTextField(label=_("Pagu (Rp)"), field=(Pagu, "amount"))

    def __init__(self, *args, renstra=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(opd_id=renstra.opd_id)
        self.fields["kinerja"].queryset = Kinerja.objects.filter(renstra=renstra, level__lte=3)
        self.fields["amount"].widget.attrs["class"] = "form-control"


class AnggaranKasForm(forms.Form):
    """The pagu of a programme for one year and its anggaran kas (rencana penarikan dana) per quarter."""

    amount = DecimalTextField(label=_("Pagu (Rp)"), required=True)
    kas_tw1 = DecimalTextField(label=_("Anggaran kas TW I (Rp)"))
    kas_tw2 = DecimalTextField(label=_("Anggaran kas TW II (Rp)"))
    kas_tw3 = DecimalTextField(label=_("Anggaran kas TW III (Rp)"))
    kas_tw4 = DecimalTextField(label=_("Anggaran kas TW IV (Rp)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs["class"] = "form-control"
        for i in range(1, 5):
            self.fields[f"kas_tw{i}"].help_text = _("Rencana penarikan dana triwulan ini saja (bukan kumulatif).")
