from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.core import nip as nip_rules
from sakip.core.forms import StyledModelForm

from .models import OPD, Assignment, Employee, Golongan, Position, TimSakip, TimSakipMember, Unit
from .selectors import employees_for, opds_for, positions_for, units_for


class UnitForm(StyledModelForm):
    class Meta:
        model = Unit
        fields = ["opd", "parent", "name", "short_name", "kind", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_opd_field()
        self.fields["parent"].queryset = units_for(self.user)
        self.fields["parent"].label = _("Unit induk")


class PositionForm(StyledModelForm):
    class Meta:
        model = Position
        fields = ["opd", "unit", "name", "short_name", "kind", "eselon", "superior", "is_opd_head", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_opd_field()
        self.fields["opd"].required = True
        self.fields["unit"].queryset = units_for(self.user)
        self.fields["superior"].queryset = Position.objects.select_related("opd").filter(
            pemda__in=[o.pemda_id for o in opds_for(self.user)]
        )

    def clean(self):
        data = super().clean()
        if data.get("opd"):
            self.instance.pemda_id = data["opd"].pemda_id
        return data


class EmployeeForm(StyledModelForm):
    nip = forms.CharField(
        label=_("NIP"),
        required=False,
        max_length=30,
        help_text=_("18 digit, boleh dengan spasi: 19670128 199302 1 001"),
    )

    class Meta:
        model = Employee
        fields = ["opd", "gelar_depan", "name", "gelar_belakang", "kind", "nip", "golongan", "email", "phone", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_opd_field()
        self.fields["opd"].required = True
        self.fields["golongan"].queryset = Golongan.objects.all()
        if self.instance.pk and self.instance.nip:
            self.initial["nip"] = nip_rules.format_nip(self.instance.nip)

    def clean_nip(self):
        value = (self.cleaned_data.get("nip") or "").strip()
        if not value:
            return ""
        kind = self.cleaned_data.get("kind")
        if kind in (Employee.Kind.PNS, Employee.Kind.PPPK):
            try:
                digits = nip_rules.parse(value, kind).digits
            except nip_rules.NipError as exc:
                raise forms.ValidationError(str(exc)) from None
        else:
            digits = nip_rules.normalize(value)
        if Employee.objects.filter(nip=digits).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("NIP %(nip)s sudah terdaftar untuk pegawai lain.") % {"nip": nip_rules.format_nip(digits)}
            )
        return digits

    def clean(self):
        data = super().clean()
        if data.get("opd"):
            self.instance.pemda_id = data["opd"].pemda_id
        return data


class AssignmentForm(StyledModelForm):
    class Meta:
        model = Assignment
        fields = ["employee", "position", "kind", "start_date", "end_date", "decree"]
        widgets = {"start_date": forms.DateInput(), "end_date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees_for(self.user)
        self.fields["position"].queryset = positions_for(self.user)


class TimSakipForm(StyledModelForm):
    class Meta:
        model = TimSakip
        fields = ["opd", "year", "decree_number", "decree_date"]
        widgets = {"decree_date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_opd_field()


class TimSakipMemberForm(StyledModelForm):
    class Meta:
        model = TimSakipMember
        fields = ["employee", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees_for(self.user)


class OPDForm(StyledModelForm):
    class Meta:
        model = OPD
        fields = [
            "name",
            "akronim",
            "kind",
            "address",
            "city",
            "postal_code",
            "phone",
            "fax",
            "email",
            "website",
            "logo",
            "signer_title_format",
        ]
