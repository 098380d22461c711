"""A period runs only an SOP made for it (issue 10 item 7; docs/rules.md "SOP dan proses"): the start form
offers only the OPD's SOPs of kind pengukuran kinerja in force today and start_period refuses any other kind
at the field, nothing saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sakip.measurement import services as S
from sakip.measurement.forms import StartPeriodForm
from sakip.measurement.models import Period
from sakip.sop import selectors as sop_selectors
from sakip.sop.models import ProcessKind, Sop

from .conftest import free_slot

pytestmark = pytest.mark.django_db


def _in_force(opd, number):
    sop = Sop.objects.get(opd=opd, number=number)
    return sop_selectors.versions_on(sop, timezone.localdate())


def test_the_demo_marks_its_measurement_sops_and_nothing_else(demo):
    kinds = dict(Sop.objects.filter(opd=demo["dinas"]).values_list("number", "process_kind"))
    assert kinds["061.1/366"] == ProcessKind.PENGUKURAN_KINERJA
    assert kinds["061.1/364"] == ProcessKind.LAINNYA and kinds["061.1/365"] == ProcessKind.LAINNYA
    assert Sop.objects.get(opd=demo["bappeda"], number="061.1/215").process_kind == ProcessKind.PENGUKURAN_KINERJA


def test_the_meeting_sop_is_refused_at_the_field_and_nothing_is_saved(dinas, users):
    meeting = _in_force(dinas, "061.1/364")
    assert meeting is not None and meeting.in_force_on(timezone.localdate())
    year, tw = free_slot(dinas)
    before = Period.objects.count()
    with pytest.raises(ValidationError) as exc:
        S.start_period(user=users["sekretaris"], opd=dinas, year=year, triwulan=tw, sop_version=meeting)
    assert exc.value.message_dict == {
        "sop_version": ["SOP 061.1/364 bukan SOP pengukuran kinerja; pilih SOP pengukuran kinerja yang berlaku."]
    }
    assert Period.objects.count() == before


def test_the_measurement_sop_chosen_explicitly_starts_the_period(dinas, users):
    version = _in_force(dinas, "061.1/366")
    year, tw = free_slot(dinas)
    period = S.start_period(user=users["sekretaris"], opd=dinas, year=year, triwulan=tw, sop_version=version)
    assert period.sop_version_id == version.pk and period.sop_label.startswith("061.1/366 Pengukuran Kinerja")


def test_without_a_measurement_sop_the_automatic_choice_refuses_even_a_sop_with_the_title(dinas, users):
    # The title alone no longer makes an SOP the measurement SOP: its declared process does.
    Sop.objects.filter(opd=dinas, number="061.1/366").update(process_kind=ProcessKind.LAINNYA)
    year, tw = free_slot(dinas)
    with pytest.raises(ValidationError, match="Belum ada SOP pengukuran kinerja yang berlaku"):
        S.start_period(user=users["sekretaris"], opd=dinas, year=year, triwulan=tw)
    assert not Period.objects.filter(opd=dinas, year=year, triwulan=tw).exists()


def test_another_sop_declared_as_measurement_is_found_automatically(dinas, users):
    Sop.objects.filter(opd=dinas, number="061.1/366").update(process_kind=ProcessKind.LAINNYA)
    Sop.objects.filter(opd=dinas, number="061.1/365").update(process_kind=ProcessKind.PENGUKURAN_KINERJA)
    assert S.find_sop(dinas, timezone.localdate()).sop.number == "061.1/365"


def test_the_start_form_offers_only_measurement_sops(dinas, users):
    form = StartPeriodForm(user=users["sekretaris"])
    offered = [label for value, label in form.fields["sop_version"].widget.choices if value]
    assert offered and all(label.startswith("061.1/366 ") for label in offered)
    page = form.as_p()
    assert "061.1/364" not in page and "Pelaksanaan Rapat" not in page


def test_posting_the_meeting_sop_id_is_refused_with_the_message_at_the_field(dinas, client_for):
    meeting = _in_force(dinas, "061.1/364")
    year, tw = free_slot(dinas)
    before = Period.objects.count()
    response = client_for("sekretaris").post(
        reverse("measurement:period_start"), {"opd": dinas.pk, "year": year, "triwulan": tw, "sop_version": meeting.pk}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "SOP 061.1/364 bukan SOP pengukuran kinerja" in body
    errors = response.context["form"].errors
    assert "SOP 061.1/364 bukan SOP pengukuran kinerja" in errors["sop_version"][0]
    assert Period.objects.count() == before


def test_posting_another_opds_sop_or_a_made_up_id_is_refused(demo, dinas, client_for):
    theirs = _in_force(demo["bappeda"], "061.1/215")
    year, tw = free_slot(dinas)
    before = Period.objects.count()
    for value in (theirs.pk, 999999):
        response = client_for("sekretaris").post(
            reverse("measurement:period_start"), {"opd": dinas.pk, "year": year, "triwulan": tw, "sop_version": value}
        )
        assert response.status_code == 400
        assert response.context["form"].errors["sop_version"] == [
            "SOP yang dipilih tidak terdaftar di Dinsospermasdes."
        ]
    assert Period.objects.count() == before


def test_posting_the_measurement_sop_id_starts_the_period(dinas, client_for):
    version = _in_force(dinas, "061.1/366")
    year, tw = free_slot(dinas)
    response = client_for("sekretaris").post(
        reverse("measurement:period_start"), {"opd": dinas.pk, "year": year, "triwulan": tw, "sop_version": version.pk}
    )
    period = Period.objects.get(opd=dinas, year=year, triwulan=tw)
    assert response.status_code == 302 and response["Location"] == reverse(
        "measurement:period_detail", args=[period.pk]
    )
    assert period.sop_version_id == version.pk
