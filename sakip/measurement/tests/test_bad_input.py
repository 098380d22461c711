"""Bad input: a clear message, nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sakip.measurement import services as S
from sakip.measurement.models import Period, Realisasi, UnitSubmission

from .conftest import fill, submission

pytestmark = pytest.mark.django_db


def test_text_where_a_number_is_needed(open_period, users, client_for):
    row = submission(open_period, "Rehsos").rows.first()
    with pytest.raises(ValidationError) as exc:
        S.save_row(
            user=users["operator"],
            row=row,
            expected_revision=row.revision,
            data={"value": "sepuluh", "faktor_pendukung": "tidak tersimpan"},
        )
    assert "bukan angka" in exc.value.message_dict["value"][0]
    response = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]),
        {"value": "sepuluh", "faktor_pendukung": "x", "revision": row.revision},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400 and "bukan angka" in response.content.decode()
    row = Realisasi.objects.get(pk=row.pk)
    assert row.value is None and row.faktor_pendukung == ""
    preview = client_for("operator").post(reverse("measurement:row_preview", args=[row.pk]), {"value": "abc"})
    assert preview.status_code == 200 and "bukan angka" in preview.content.decode()


def test_negative_and_indonesian_decimal(open_period, users):
    row = submission(open_period, "Rehsos").rows.first()
    with pytest.raises(ValidationError, match="negatif"):
        S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "-3"})
    S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "1.234,5"})
    assert Realisasi.objects.get(pk=row.pk).value == pytest.approx(1234.5)


def test_realisasi_for_a_period_not_open(fresh_period, users, demo):
    # Forms of a period whose forms were not sent yet.
    from sakip.measurement import forms_builder

    forms_builder.build(fresh_period)
    row = Realisasi.objects.filter(submission__period=fresh_period).first()
    with pytest.raises(ValidationError, match="belum dikirim"):
        S.save_row(user=users["timsakip"], row=row, expected_revision=row.revision, data={"value": "1"})
    # A cancelled period.
    S.cancel_period(user=users["sekretaris"], period=fresh_period, reason="Salah periode")
    with pytest.raises(ValidationError, match="dibatalkan"):
        S.save_row(user=users["timsakip"], row=row, expected_revision=row.revision, data={"value": "1"})


def test_double_submit_gives_a_clear_message(open_period, users, client_for):
    rehsos = submission(open_period, "Rehsos")
    fill(rehsos, users["operator"])
    client = client_for("operator")
    first = client.post(reverse("measurement:submission_submit", args=[rehsos.pk]))
    assert first.status_code == 302
    second = client.post(reverse("measurement:submission_submit", args=[rehsos.pk]))
    assert second.status_code == 400 and "sudah diajukan" in second.content.decode()
    assert UnitSubmission.objects.get(pk=rehsos.pk).state == UnitSubmission.State.DIAJUKAN


def test_submit_needs_every_realisasi(open_period, users):
    rehsos = submission(open_period, "Rehsos")
    row = rehsos.rows.first()
    S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "3"})
    with pytest.raises(ValidationError, match="belum diisi"):
        S.submit_unit(user=users["operator"], submission=rehsos)
    assert UnitSubmission.objects.get(pk=rehsos.pk).state == UnitSubmission.State.DRAFT


def test_approval_by_someone_who_is_not_the_kepala(open_period, users, client_for):
    response = client_for("sekretaris").post(reverse("measurement:period_approve_all", args=[open_period.pk]))
    assert response.status_code == 403


def test_return_needs_a_reason_and_start_form_errors(open_period, users, client_for, dinas):
    rehsos = submission(open_period, "Rehsos")
    fill(rehsos, users["operator"])
    S.submit_unit(user=users["operator"], submission=rehsos)
    response = client_for("kabid").post(reverse("measurement:submission_return", args=[rehsos.pk]), {"reason": ""})
    assert response.status_code == 400 and "alasan" in response.content.decode().lower()
    before = Period.objects.count()
    response = client_for("sekretaris").post(
        reverse("measurement:period_start"),
        {"opd": dinas.pk, "year": open_period.year, "triwulan": open_period.triwulan},
    )
    assert response.status_code == 400 and "sudah dimulai" in response.content.decode()
    response = client_for("sekretaris").post(
        reverse("measurement:period_start"), {"opd": dinas.pk, "year": "dua ribu", "triwulan": 2}
    )
    assert response.status_code == 400
    assert Period.objects.count() == before


def test_budget_realisasi_above_the_pagu_is_refused(open_period, users):
    budget = submission(open_period, "Rehsos").budget_rows.first()
    with pytest.raises(ValidationError, match="melebihi pagu"):
        S.save_budget_row(
            user=users["operator"], row=budget, expected_revision=budget.revision, value=str(budget.pagu + 1)
        )
    with pytest.raises(ValidationError, match="bukan angka"):
        S.save_budget_row(user=users["operator"], row=budget, expected_revision=budget.revision, value="satu juta")
