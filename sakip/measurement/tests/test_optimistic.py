"""A save from a stale form is refused with a clear message and changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sakip.measurement import services as S
from sakip.measurement.models import Realisasi

from .conftest import submission

pytestmark = pytest.mark.django_db


def test_stale_service_save_is_refused(open_period, users):
    row = submission(open_period, "Rehsos").rows.first()
    opened = row.revision
    S.save_row(user=users["operator"], row=row, data={"value": "10"}, expected_revision=opened)
    with pytest.raises(ValidationError, match="sudah diubah oleh"):
        S.save_row(user=users["kabid"], row=row, data={"value": "99"}, expected_revision=opened)
    assert Realisasi.objects.get(pk=row.pk).value == 10


def test_stale_htmx_save_answers_409_and_keeps_the_newer_value(open_period, client_for):
    row = submission(open_period, "Rehsos").rows.first()
    opened = row.revision
    first = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]), {"value": "12,5", "revision": opened}, HTTP_HX_REQUEST="true"
    )
    assert first.status_code == 200 and "Tersimpan" in first.content.decode()
    second = client_for("kabid").post(
        reverse("measurement:row_save", args=[row.pk]), {"value": "30", "revision": opened}, HTTP_HX_REQUEST="true"
    )
    assert second.status_code == 409
    assert "muat ulang" in second.content.decode()
    assert Realisasi.objects.get(pk=row.pk).value == pytest.approx(12.5)


def test_stale_budget_save_is_refused(open_period, users):
    budget = submission(open_period, "Rehsos").budget_rows.first()
    opened = budget.revision
    S.save_budget_row(user=users["operator"], row=budget, value="1.000.000", expected_revision=opened)
    with pytest.raises(ValidationError, match="sudah diubah"):
        S.save_budget_row(user=users["kabid"], row=budget, value="2000000", expected_revision=opened)
