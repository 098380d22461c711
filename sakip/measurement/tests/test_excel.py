"""The unit form as Excel: download it, fill it, upload it with a preview and row errors (all or nothing)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sakip.measurement.models import BudgetRealisasi, Realisasi

from .conftest import submission

pytestmark = pytest.mark.django_db


def _download(client, sub):
    response = client.get(reverse("measurement:submission_import", args=[sub.pk]) + "?template=1")
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def _upload(client, sub, wb, **extra):
    buffer = BytesIO()
    wb.save(buffer)
    return client.post(
        reverse("measurement:submission_import", args=[sub.pk]),
        {"file": SimpleUploadedFile("form.xlsx", buffer.getvalue()), **extra},
    )


def test_round_trip_fills_the_form(open_period, client_for):
    sub = submission(open_period, "Rehsos")
    client = client_for("operator")
    wb = _download(client, sub)
    ws = wb["Data"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("ID baris", "Realisasi", "Faktor pendukung")}
    ids = []
    whole = set(Realisasi.objects.filter(submission=sub, whole_number=True).values_list("pk", flat=True))
    for r in range(2, ws.max_row + 1):
        ident = ws.cell(row=r, column=col["ID baris"]).value
        ids.append(ident)
        # a count ("orang") takes a whole number (docs/capaian.md), a percentage a decimal
        value = 250000000 if ident.startswith("ANG") else (42 if int(ident.split("-")[1]) in whole else 42.5)
        ws.cell(row=r, column=col["Realisasi"], value=value)
        ws.cell(row=r, column=col["Faktor pendukung"], value="Dari Excel")
    assert any(i.startswith("IND-") for i in ids) and any(i.startswith("ANG-") for i in ids)
    preview = _upload(client, sub, wb)
    assert preview.status_code == 200 and 'data-testid="apply-import"' in preview.content.decode()
    assert not Realisasi.objects.filter(submission=sub, value__isnull=False).exists()  # preview saved nothing
    token = preview.context["token"]
    applied = client.post(reverse("measurement:submission_import", args=[sub.pk]), {"token": token})
    assert applied.status_code == 302
    rows = list(Realisasi.objects.filter(submission=sub))
    assert whole and any(r.pk not in whole for r in rows)
    assert all(float(r.value) == (42 if r.pk in whole else 42.5) and r.faktor_pendukung == "Dari Excel" for r in rows)
    assert all(b.realisasi == 250000000 for b in BudgetRealisasi.objects.filter(submission=sub))


def test_row_errors_and_nothing_is_applied(open_period, client_for):
    sub = submission(open_period, "Rehsos")
    client = client_for("operator")
    wb = _download(client, sub)
    ws = wb["Data"]
    ws.cell(row=2, column=7, value="banyak")
    ws.cell(row=3, column=7, value=5)
    ws.cell(row=4, column=1, value="IND-999999")
    response = _upload(client, sub, wb)
    text = response.content.decode()
    assert 'data-testid="import-has-errors"' in text and "bukan angka" in text and "bukan bagian dari formulir" in text
    assert not Realisasi.objects.filter(submission=sub, value__isnull=False).exists()


def test_a_stale_workbook_is_refused(open_period, users, client_for):
    from sakip.measurement import services as S

    sub = submission(open_period, "Rehsos")
    client = client_for("operator")
    wb = _download(client, sub)
    first = Realisasi.objects.filter(submission=sub).order_by("order", "pk").first()
    S.save_row(user=users["kabid"], row=first, expected_revision=first.revision, data={"value": "9"})
    wb["Data"].cell(row=2, column=7, value=1)
    response = _upload(client, sub, wb)
    assert "sudah diubah" in response.content.decode()
    assert Realisasi.objects.get(pk=first.pk).value == 9


def test_another_bidang_cannot_upload(open_period, client_for):
    sub = submission(open_period, "Rehsos")
    assert (
        client_for("kabid2").get(reverse("measurement:submission_import", args=[sub.pk]) + "?template=1").status_code
        == 404
    )


def test_without_the_versi_column_filled_rows_are_refused_and_empty_rows_filled(open_period, users, client_for):
    """Issue 12 item 5: a workbook without Versi cannot overwrite a value someone already entered."""
    from sakip.measurement import services as S

    sub = submission(open_period, "Rehsos")
    client = client_for("operator")
    wb = _download(client, sub)
    ws = wb["Data"]
    header = [c.value for c in ws[1]]
    ws.delete_cols(header.index("Versi") + 1)
    first = Realisasi.objects.filter(submission=sub).order_by("order", "pk").first()
    S.save_row(user=users["kabid"], row=first, data={"value": "9"}, expected_revision=first.revision)
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=header.index("Realisasi") + 1, value=7)
    text = _upload(client, sub, wb).content.decode()
    assert "Kolom Versi kosong" in text and 'data-testid="import-has-errors"' in text
    first.refresh_from_db()
    assert first.value == 9


def test_a_save_without_the_revision_is_refused(open_period, users):
    from django.core.exceptions import ValidationError

    from sakip.measurement import services as S

    sub = submission(open_period, "Rehsos")
    row = Realisasi.objects.filter(submission=sub).first()
    with pytest.raises(ValidationError, match="versi data tidak terkirim"):
        S.save_row(user=users["operator"], row=row, data={"value": "5"}, expected_revision=None)
    with pytest.raises(ValidationError, match="versi data tidak terkirim"):
        S.save_budget_row(
            user=users["operator"],
            row=BudgetRealisasi.objects.filter(submission=sub).first(),
            value="5",
            expected_revision="",
        )
    row.refresh_from_db()
    assert row.value is None


@pytest.mark.parametrize("typed", [100000000000000, 1e23, "99999999999999999999999"])
def test_a_number_over_the_digits_in_the_workbook_is_a_row_error_not_a_500(open_period, client_for, typed):
    """Issue 12 item 4 (bounded numbers, "values >= 10^14 give 500s in ... imports"): 10^14 (a cell holding an
    integer), 10^23 (a float cell) and a 23-digit text are refused at their row; nothing is stored."""
    sub = submission(open_period, "Rehsos")
    client = client_for("operator")
    wb = _download(client, sub)
    ws = wb["Data"]
    header = [c.value for c in ws[1]]
    col = header.index("Realisasi") + 1
    ws.cell(row=2, column=col, value=typed)
    ws.cell(row=3, column=col, value=5)
    response = _upload(client, sub, wb)
    text = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-has-errors"' in text
    assert "Angka terlalu besar" in text, text[-2000:]
    assert 'data-testid="apply-import"' not in text
    assert not Realisasi.objects.filter(submission=sub, value__isnull=False).exists()
    assert not BudgetRealisasi.objects.filter(submission=sub, realisasi__isnull=False).exists()
