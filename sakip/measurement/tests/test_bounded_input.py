"""Issue 10 item 5: numbers over their field's digits are refused at the field before anything is stored (on
SQLite, which does not enforce max_digits, as on PostgreSQL), and a value stored earlier that cannot be read
shows as an error cell with a repair link, never a 500."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from sakip.measurement.models import BudgetRealisasi, Realisasi

from .conftest import submission

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"  # 10^23 - 1, the value of the report
TEN_14 = "100000000000000"  # 10^14: 15 digits before the point, the column holds 14


def _numeric_row(period):
    return next(r for r in submission(period, "Rehsos").rows.all() if not r.is_qualitative and not r.is_binary)


@pytest.mark.parametrize("typed", [HUGE, TEN_14, "1e23"])
def test_unit_form_refuses_a_number_over_the_digits(open_period, client_for, typed):
    row = _numeric_row(open_period)
    response = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]),
        {"value": typed, "faktor_pendukung": "tidak tersimpan", "revision": row.revision},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Angka terlalu besar: paling banyak 14 digit sebelum koma" in body
    fresh = Realisasi.objects.get(pk=row.pk)
    assert fresh.value is None and fresh.faktor_pendukung == "" and fresh.revision == row.revision
    # The same number through the full-page form (no htmx) and the live preview.
    page = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]), {"value": typed, "revision": row.revision}
    )
    assert page.status_code == 400 and "Angka terlalu besar" in page.content.decode()
    preview = client_for("operator").post(reverse("measurement:row_preview", args=[row.pk]), {"value": typed})
    assert preview.status_code == 200 and "Angka terlalu besar" in preview.content.decode()
    assert Realisasi.objects.get(pk=row.pk).value is None


def test_largest_number_that_fits_is_kept(open_period, client_for):
    row = _numeric_row(open_period)
    response = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]),
        {"value": "99999999999999", "revision": row.revision},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Realisasi.objects.get(pk=row.pk).value == Decimal("99999999999999")


def test_too_many_decimals_are_refused(open_period, client_for):
    row = _numeric_row(open_period)
    response = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]),
        {"value": "12,123456", "revision": row.revision},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Terlalu banyak angka di belakang koma: paling banyak 4" in response.content.decode()
    assert Realisasi.objects.get(pk=row.pk).value is None


@pytest.mark.parametrize("typed", [HUGE, "10000000000000000"])
def test_budget_row_refuses_a_number_over_the_digits(open_period, client_for, typed):
    budget = submission(open_period, "Rehsos").budget_rows.first()
    response = client_for("operator").post(
        reverse("measurement:budget_save", args=[budget.pk]),
        {"realisasi": typed, "revision": budget.revision},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Angka terlalu besar: paling banyak 16 digit sebelum koma" in response.content.decode()
    assert BudgetRealisasi.objects.get(pk=budget.pk).realisasi is None


def test_api_refuses_a_number_over_the_digits(open_period, users):
    from rest_framework.test import APIClient

    row = _numeric_row(open_period)
    api = APIClient()
    api.force_authenticate(users["operator"])
    for value in (HUGE, 1e23, int(TEN_14)):
        response = api.patch(
            f"/api/v1/measurement/realisasi/{row.pk}/", {"revision": row.revision, "value": value}, format="json"
        )
        assert response.status_code == 400, value
        assert "Angka terlalu besar" in response.content.decode()
    assert Realisasi.objects.get(pk=row.pk).value is None
    budget = submission(open_period, "Rehsos").budget_rows.first()
    response = api.patch(
        f"/api/v1/measurement/budget/{budget.pk}/", {"revision": budget.revision, "realisasi": HUGE}, format="json"
    )
    assert response.status_code == 400 and "Angka terlalu besar" in response.content.decode()
    assert BudgetRealisasi.objects.get(pk=budget.pk).realisasi is None


def test_the_model_field_refuses_what_no_form_checked(open_period):
    """The last guard: a write that bypassed every parser (QuerySet.update, save) is refused too."""
    from django.core.exceptions import ValidationError

    row = _numeric_row(open_period)
    with pytest.raises(ValidationError, match="Angka terlalu besar"), transaction.atomic():
        Realisasi.objects.filter(pk=row.pk).update(value=Decimal(HUGE))
    row.value = Decimal(TEN_14)
    with pytest.raises(ValidationError, match="Angka terlalu besar"), transaction.atomic():
        row.save()
    assert Realisasi.objects.get(pk=row.pk).value is None


def _corrupt(row):
    """Store what the database holds after the bug: 1e23 in SQLite (no max_digits check), NaN in PostgreSQL
    (numeric(18,4) cannot hold 1e23 at all)."""
    table = Realisasi._meta.db_table
    value = "'NaN'" if connection.vendor == "postgresql" else "1e23"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = {value} WHERE id = %s", [row.pk])


def test_a_corrupted_value_shows_as_an_error_cell_not_a_500(open_period, client_for):
    row = _numeric_row(open_period)
    _corrupt(row)
    assert Realisasi.objects.get(pk=row.pk).value.is_nan()
    client = client_for("operator")
    page = client.get(reverse("measurement:submission_detail", args=[row.submission_id]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="unreadable-' in body and "tidak terbaca" in body
    # The repair action: the row's own entry field, reachable from the error cell.
    assert f'href="#v-{row.pk}"' in body and f'id="v-{row.pk}"' in body
    assert "core/htmx-errors.js" in body  # failed htmx requests are shown, not swallowed
    dashboard = client_for("timsakip").get(reverse("reporting:dashboard", args=[open_period.pk]))
    board = dashboard.content.decode()
    assert dashboard.status_code == 200 and "tidak terbaca" in board
    repair = reverse("measurement:submission_detail", args=[row.submission_id]) + f"#row-{row.pk}"
    assert f'href="{repair}"' in board
    period_page = client_for("timsakip").get(reverse("measurement:period_detail", args=[open_period.pk]))
    assert period_page.status_code == 200
    # Submitting the form names the row instead of failing.
    submit = client.post(reverse("measurement:submission_submit", args=[row.submission_id]))
    assert submit.status_code == 400 and "tidak terbaca" in submit.content.decode()
    # Repair: a valid number replaces it.
    saved = client.post(
        reverse("measurement:row_save", args=[row.pk]),
        {"value": "12", "revision": Realisasi.objects.get(pk=row.pk).revision},
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    assert Realisasi.objects.get(pk=row.pk).value == Decimal(12)
