import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Assignment, Employee, Position, Unit
from .selectors import opds_for


def _opds(request):
    return opds_for(request.user) if request else None


class BaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Cari"),
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "placeholder": _("Cari…")}),
    )
    search_fields: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.filters:
            widget = self.form.fields[name].widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")

    def search(self, queryset, name, value):
        cond = Q()
        for field in self.search_fields:
            cond |= Q(**{f"{field}__icontains": value})
        return queryset.filter(cond)


class UnitFilter(BaseFilter):
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    search_fields = ("name", "short_name")

    class Meta:
        model = Unit
        fields = ["q", "opd", "kind"]


class PositionFilter(BaseFilter):
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    search_fields = ("name", "short_name", "unit__name")

    class Meta:
        model = Position
        fields = ["q", "opd", "kind"]


class EmployeeFilter(BaseFilter):
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    active = django_filters.ChoiceFilter(
        choices=[("true", _("Aktif")), ("false", _("Nonaktif"))],
        method="filter_active",
        label=_("Status"),
        empty_label=_("Semua"),
    )
    search_fields = ("name", "nip", "gelar_depan", "gelar_belakang")

    class Meta:
        model = Employee
        fields = ["q", "opd", "kind", "active"]

    def filter_active(self, queryset, name, value):
        return queryset.filter(active=(value == "true"))

    def search(self, queryset, name, value):
        digits = "".join(ch for ch in value if ch.isdigit())
        cond = Q(name__icontains=value)
        if digits:
            cond |= Q(nip__contains=digits)
        return queryset.filter(cond)


class AssignmentFilter(BaseFilter):
    search_fields = ("employee__name", "position__name")

    class Meta:
        model = Assignment
        fields = ["q", "kind"]
