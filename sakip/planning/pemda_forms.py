"""Forms of the Kabupaten's own plan (RPJMD, tujuan/sasaran, IKU Pemda with its targets): plain forms; the
service (`pemda_services`) validates and saves, its errors land at the field (core.service_calls)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.core.formats import angka_input

from .models import PemdaIku, RpjmdGoal


class _Styled(forms.Form):
    """A plain form: the project's form renderer (sakip.core.renderers) gives every widget its Bootstrap class and
    is-invalid."""


class RpjmdForm(_Styled):
    name = forms.CharField(label=_("Nama"), max_length=200)
    start_year = forms.IntegerField(label=_("Tahun awal"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Tahun akhir"), min_value=2000, max_value=2100)


class GoalForm(_Styled):
    kind = forms.ChoiceField(label=_("Jenis"), choices=RpjmdGoal.Kind.choices)
    parent = forms.ModelChoiceField(label=_("Tujuan"), queryset=RpjmdGoal.objects.none(), required=False)
    code = forms.CharField(label=_("Kode"), max_length=20)
    statement = forms.CharField(label=_("Pernyataan"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, rpjmd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = RpjmdGoal.objects.filter(rpjmd=rpjmd, kind=RpjmdGoal.Kind.TUJUAN)
        self.fields["parent"].help_text = _("Diisi untuk sasaran.")


class IkuForm(_Styled):
    code = forms.CharField(label=_("Kode"), max_length=20)
    name = forms.CharField(label=_("Indikator"), max_length=400)
    satuan = forms.CharField(label=_("Satuan"), max_length=40, required=False)
    polarity = forms.ChoiceField(label=_("Polaritas"), choices=PemdaIku.Polarity.choices)
    baseline = forms.CharField(label=_("Baseline"), max_length=40, required=False)

    def __init__(self, *args, rpjmd, iku=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if iku is not None:
            initial.update(
                {
                    "code": iku.code,
                    "name": iku.name,
                    "satuan": iku.satuan,
                    "polarity": iku.polarity,
                    "baseline": angka_input(iku.baseline) if iku.baseline is not None else "",
                }
            )
            for t in iku.targets.all():
                initial[f"target_{t.year}"] = angka_input(t.value) if t.value is not None else ""
                initial[f"realisasi_{t.year}"] = angka_input(t.realisasi) if t.realisasi is not None else ""
        super().__init__(*args, **kwargs)
        self.years = list(range(rpjmd.start_year, rpjmd.end_year + 1))
        for key, label in (("target", _("Target %(y)s")), ("realisasi", _("Realisasi %(y)s"))):
            for year in self.years:
                self.fields[f"{key}_{year}"] = forms.CharField(
                    label=label % {"y": year},
                    max_length=40,
                    required=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "col": "col-6 col-md-2"}),
                )

    def targets(self):
        return {y: self.cleaned_data.get(f"target_{y}", "") for y in self.years}

    def realisasi(self):
        return {y: self.cleaned_data.get(f"realisasi_{y}", "") for y in self.years}


class LinkForm(_Styled):
    indicator = forms.ModelChoiceField(label=_("IKU OPD pendukung"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = candidates
        self.fields["indicator"].label_from_instance = lambda i: (
            f"{i.opd.akronim} · Renstra {i.node.renstra.start_year}–{i.node.renstra.end_year} · {i}"
        )
