"""Locked data changes only through a revision approved by the Kepala, which opens a new version;
the re-signed document keeps its number; every value's history stays visible."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.measurement import services as S
from sakip.measurement.models import Period, RevisionRequest, SubmissionVersion, UnitSubmission
from sakip.reporting import services as reporting

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(demo):
    period = Period.objects.get(opd=demo["dinas"], year=2022, triwulan=3)
    return period, UnitSubmission.objects.select_related("unit", "period").get(period=period, unit__short_name="Rehsos")


def test_locked_rows_cannot_be_changed(locked, users, client_for):
    period, sub = locked
    row = sub.rows.first()
    with pytest.raises(ValidationError, match="revisi"):
        S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "1"})
    response = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]), {"value": "1", "revision": row.revision}
    )
    assert response.status_code == 400
    assert "permintaan revisi" in response.content.decode()


def test_revision_approved_by_the_kepala_opens_a_new_version_and_is_re_signed(locked, users):
    period, sub = locked
    old_doc = period.dpk_document
    with pytest.raises(ValidationError, match="Alasan"):
        S.request_revision(user=users["kabid"], submission=sub, reason=" ")
    request = S.request_revision(user=users["kabid"], submission=sub, reason="Rekap TW III salah ketik.")
    with pytest.raises(ValidationError, match="masih menunggu"):
        S.request_revision(user=users["operator"], submission=sub, reason="lagi")
    with pytest.raises(PermissionDenied):
        S.decide_revision(user=users["sekretaris"], request=request, approve=True)
    S.decide_revision(user=users["kepala"], request=request, approve=True, note="Silakan diperbaiki.")
    sub = UnitSubmission.objects.get(pk=sub.pk)
    assert sub.state == UnitSubmission.State.DRAFT and sub.version == 2
    assert RevisionRequest.objects.get(pk=request.pk).state == RevisionRequest.State.DISETUJUI
    row = sub.rows.order_by("order").first()
    before = row.value
    S.save_row(user=users["operator"], row=row, data={"value": "77"}, expected_revision=row.revision)
    S.submit_unit(user=users["operator"], submission=sub)
    S.validate_unit(user=users["kabid"], submission=sub)
    with pytest.raises(PermissionDenied):
        reporting.resign_dpk(user=users["sekretaris"], period=period)
    new_doc = reporting.resign_dpk(user=users["kepala"], period=period)
    assert new_doc.previous_id == old_doc.pk and new_doc.number == old_doc.number and new_doc.version == 2
    sub = UnitSubmission.objects.get(pk=sub.pk)
    assert sub.state == UnitSubmission.State.DIKUNCI
    versions = {v.version: v for v in SubmissionVersion.objects.filter(submission=sub)}
    assert set(versions) == {1, 2}
    old_value = next(r["value"] for r in versions[1].data["rows"] if r["indicator"] == row.indicator_id)
    assert str(before) == old_value and any(r["value"] == "77.0000" for r in versions[2].data["rows"])
    # The history of the value shows both.
    history = list(row.history.order_by("history_id").values_list("value", flat=True))
    assert before in history and history[-1] == 77


def test_a_rejected_revision_keeps_the_lock(locked, users, client_for):
    _period, sub = locked
    request = S.request_revision(user=users["kabid"], submission=sub, reason="Mohon dibuka.")
    response = client_for("kepala").post(
        reverse("measurement:revision_decide", args=[request.pk]), {"decision": "reject", "note": ""}
    )
    assert response.status_code == 400
    response = client_for("kepala").post(
        reverse("measurement:revision_decide", args=[request.pk]), {"decision": "reject", "note": "Data sudah benar."}
    )
    assert response.status_code == 302
    assert UnitSubmission.objects.get(pk=sub.pk).state == UnitSubmission.State.DIKUNCI


def test_value_history_page(locked, client_for):
    _period, sub = locked
    row = sub.rows.first()
    page = client_for("kabid").get(reverse("measurement:row_history", args=[row.pk])).content.decode()
    assert "Riwayat nilai" in page and "SHA-256" in page
