import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.organization.filtersets import BaseFilter
from sakip.organization.selectors import opds_for

from .models import ArchivedDocument, DocumentType, Klasifikasi, Letter, NumberRecord


def _opds(request):
    return opds_for(request.user) if request else None


class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, field="date__year", **kwargs):
        super().__init__(*args, field_name=field, label=_("Tahun"), **kwargs)


class ArchiveFilter(BaseFilter):
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    doc_type = django_filters.ModelChoiceFilter(queryset=DocumentType.objects.all(), label=_("Jenis"))
    year = YearFilter()
    signed = django_filters.BooleanFilter(
        label=_("Ditandatangani"), widget=forms.Select(choices=[("", "—"), ("true", _("Ya")), ("false", _("Tidak"))])
    )
    klasifikasi = django_filters.CharFilter(method="by_klasifikasi", label=_("Kode klasifikasi"))
    search_fields = ("number", "subject", "signer_name", "verification_code", "sha256")

    class Meta:
        model = ArchivedDocument
        fields = ["q", "opd", "doc_type", "year", "klasifikasi", "signed"]

    def search(self, queryset, name, value):
        code = value.replace("-", "").strip().upper()
        cond = Q()
        for field in self.search_fields:
            cond |= Q(**{f"{field}__icontains": value})
        if len(code) == 8:
            cond |= Q(verification_code=code)
        return queryset.filter(cond)

    def by_klasifikasi(self, queryset, name, value):
        return queryset.filter(Q(klasifikasi__code=value) | Q(klasifikasi__code__startswith=value.rstrip(".") + "."))


class AgendaFilter(BaseFilter):
    opd = django_filters.ModelChoiceFilter(queryset=_opds, label=_("OPD"))
    year = YearFilter(field="year")
    doc_type = django_filters.ModelChoiceFilter(queryset=DocumentType.objects.filter(numbered=True), label=_("Jenis"))
    search_fields = ("number", "subject", "recipient", "cancel_reason")

    class Meta:
        model = NumberRecord
        fields = ["q", "opd", "year", "doc_type", "status"]


class LetterFilter(BaseFilter):
    doc_type = django_filters.ModelChoiceFilter(queryset=DocumentType.objects.filter(is_letter=True), label=_("Jenis"))
    year = YearFilter()
    search_fields = ("subject", "number_record__number", "recipient", "body")

    class Meta:
        model = Letter
        fields = ["q", "doc_type", "year", "state"]


def _schemes():
    return [(s, s) for s in Klasifikasi.objects.order_by("scheme").values_list("scheme", flat=True).distinct()]


class KlasifikasiFilter(BaseFilter):
    scheme = django_filters.ChoiceFilter(choices=_schemes, label=_("Skema"))
    search_fields = ("code", "name")

    class Meta:
        model = Klasifikasi
        fields = ["q", "scheme"]
