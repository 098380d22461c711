import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organization.filtersets import BaseFilter, _opds
from sakip.organization.models import Unit
from sakip.organization.selectors import units_for

from .models import Indicator, Kinerja, PerjanjianKinerja
from .tables import smart_of


def _units(request):
    return units_for(request.user) if request else Unit.objects.none()


class IndicatorFilter(BaseFilter):
    tahun = django_filters.NumberFilter(method="noop", label=_("Tahun"))
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    level = django_filters.ChoiceFilter(field_name="node__level", choices=Kinerja.Level.choices, label=_("Tingkat"))
    unit = django_filters.ModelChoiceFilter(queryset=_units, method="in_unit", label=_("Unit"))
    is_iku = django_filters.BooleanFilter(
        label=_("IKU"), widget=forms.Select(choices=[("", "---------"), ("true", _("IKU")), ("false", _("Bukan IKU"))])
    )
    smart = django_filters.ChoiceFilter(
        method="by_smart", choices=[("ok", _("Memenuhi SMART")), ("bad", _("Ada catatan SMART"))], label=_("SMART")
    )
    search_fields = ("name", "code", "node__statement")

    class Meta:
        model = Indicator
        fields = ["q", "tahun", "opd", "level", "unit", "is_iku", "smart"]

    def noop(self, queryset, name, value):
        return queryset

    def in_unit(self, queryset, name, value):
        ids = [value.pk] + list(value.descendants().values_list("pk", flat=True))
        return queryset.filter(node__unit_id__in=ids)

    def by_smart(self, queryset, name, value):
        rows = list(queryset)
        keep = [i.pk for i in rows if smart_of(i).ok == (value == "ok")]
        return queryset.filter(pk__in=keep)


class PkFilter(BaseFilter):
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    search_fields = ("position__name", "first_employee__name", "second_employee__name")

    class Meta:
        model = PerjanjianKinerja
        fields = ["q", "year", "opd", "status"]
