from datetime import date

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from sakip.organization.filtersets import BaseFilter
from sakip.organization.selectors import opds_for, units_for

from .models import Sop, SopVersion
from .selectors import in_force_q


def _opds(request):
    return opds_for(request.user) if request else None


def _units(request):
    return units_for(request.user) if request else None


STATUS_CHOICES = [
    ("berlaku", _("Berlaku hari ini")),
    ("draft", _("Ada draf")),
    ("diajukan", _("Menunggu pengesahan")),
    ("tidak_berlaku", _("Tidak ada versi berlaku")),
]


class SopFilter(BaseFilter):
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    unit = django_filters.ModelChoiceFilter(queryset=_units, label=_("Unit pemilik"))
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", label=_("Status"))
    berlaku_pada = django_filters.DateFilter(
        method="filter_on",
        label=_("Berlaku pada tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    search_fields = ("number", "judul", "versions__judul", "versions__steps__uraian")

    class Meta:
        model = Sop
        fields = ["q", "opd", "unit", "status", "berlaku_pada"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()

    def filter_status(self, queryset, name, value):
        today = date.today()
        in_force = SopVersion.objects.filter(in_force_q(today), sop=OuterRef("pk"))
        if value == "berlaku":
            return queryset.filter(Exists(in_force))
        if value == "tidak_berlaku":
            return queryset.exclude(Exists(in_force))
        return queryset.filter(Exists(SopVersion.objects.filter(sop=OuterRef("pk"), status=value)))

    def filter_on(self, queryset, name, value):
        return queryset.filter(Exists(SopVersion.objects.filter(in_force_q(value), sop=OuterRef("pk"))))
