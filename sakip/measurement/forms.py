from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.core import permissions as P
from sakip.core.forms import StyledModelForm
from sakip.organization.models import OPD, Assignment, Employee
from sakip.sop import selectors as sop_selectors
from sakip.sop.models import ProcessKind

from .models import TW_LABELS, HariLibur


def current_quarter(today=None):
    today = today or timezone.localdate()
    return (today.month - 1) // 3 + 1


class StartPeriodForm(forms.Form):
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=OPD.objects.none())
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(k, v) for k, v in sorted(TW_LABELS.items(), key=lambda kv: (kv[0] == 0, kv[0]))],
    )
    # The list offers only the OPD's SOPs of kind pengukuran kinerja in force today; any other id posted is
    # refused by start_period with a message at this field (docs/rules.md "SOP dan proses").
    sop_version = forms.IntegerField(
        label=_("SOP yang dijalankan"),
        required=False,
        widget=forms.Select,
        help_text=_("Hanya SOP yang disahkan, berlaku hari ini, dan proses yang dijalankannya pengukuran kinerja."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["triwulan"].initial = current_quarter(today)
        if P.is_admin(user):
            self.fields["opd"].queryset = OPD.objects.exclude(kind=OPD.Kind.INSPEKTORAT).order_by("name")
        else:
            self.fields["opd"].queryset = OPD.objects.filter(pk=user.opd_id)
            self.fields["opd"].initial = user.opd_id
        opd_id = self.data.get("opd") or self.fields["opd"].initial
        choices = [("", _("SOP Pengukuran Kinerja yang berlaku hari ini (otomatis)"))]
        if opd_id:
            try:
                versions = sop_selectors.versions_in_force(
                    int(opd_id), today, process_kind=ProcessKind.PENGUKURAN_KINERJA
                )
            except (TypeError, ValueError):
                versions = []
            choices += [(str(v.pk), f"{v.sop.number} {v.judul} (versi {v.version})") for v in versions]
        self.fields["sop_version"].widget.choices = choices


class ReassignForm(forms.Form):
    employees = forms.ModelMultipleChoiceField(
        label=_("Pelaksana"), queryset=Employee.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8})
    )

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Not former officials: someone whose every assignment has ended (a Kepala who left) is no longer
        # there to do the task; staff without any recorded position stay on the list.
        today = timezone.localdate()
        holding = Assignment.objects.active_on(today).values("employee_id")
        ended = Assignment.objects.exclude(employee_id__in=holding).values("employee_id")
        self.fields["employees"].queryset = (
            Employee.objects.filter(opd_id=period.opd_id, active=True).exclude(pk__in=ended).order_by("name")
        )


class HolidayForm(StyledModelForm):
    class Meta:
        model = HariLibur
        fields = ["date", "name", "kind", "source"]
        widgets = {"date": forms.DateInput()}
