"""Realisasi input follows the indicator's number rules (issue 10 item 2, docs/capaian.md): a fraction on a
whole-number satuan and a negative value on an indicator that does not allow it are refused at the field (form,
htmx row, Excel row), nothing saved; an indicator that may be negative is computed with the generalised formula."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sakip.measurement import forms_builder
from sakip.measurement import services as S
from sakip.measurement.figures import row_figure
from sakip.measurement.models import Realisasi
from sakip.planning import capaian as engine
from sakip.planning.models import Indicator, Target

from .conftest import submission
from .test_figures import row as plain_row

pytestmark = pytest.mark.django_db


def _orang_row(period):
    return Realisasi.objects.get(submission=submission(period, "Rehsos"), name__startswith="Jumlah anak dan lanjut")


def _persen_row(period):
    return Realisasi.objects.get(submission=submission(period, "Rehsos"), name__startswith="Persentase PPKS terlantar")


def test_the_forms_snapshot_the_number_rules(open_period):
    orang, persen = _orang_row(open_period), _persen_row(open_period)
    assert (orang.satuan, orang.whole_number, orang.allow_negative) == ("orang", True, False)
    assert (persen.satuan, persen.whole_number) == ("%", False)


def test_fraction_on_orang_is_refused_and_nothing_saved(open_period, users, client_for):
    row = _orang_row(open_period)
    with pytest.raises(ValidationError) as exc:
        S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "50,5"})
    assert exc.value.message_dict["value"] == ["Satuan orang harus bilangan bulat (Realisasi: 50,5)."]
    response = client_for("operator").post(
        reverse("measurement:row_save", args=[row.pk]),
        {"value": "50,5", "faktor_pendukung": "tidak tersimpan", "revision": row.revision},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Satuan orang harus bilangan bulat" in response.content.decode()
    row.refresh_from_db()
    assert row.value is None and row.faktor_pendukung == "" and row.revision == 0
    preview = client_for("operator").post(reverse("measurement:row_preview", args=[row.pk]), {"value": "50,5"})
    assert "Satuan orang harus bilangan bulat" in preview.content.decode()
    S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "51"})
    row.refresh_from_db()
    assert row.value == 51


def test_decimal_on_a_percentage_is_fine(open_period, users):
    row = _persen_row(open_period)
    S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "50,5"})
    assert Realisasi.objects.get(pk=row.pk).value == D("50.5")


def test_fraction_on_orang_in_the_excel_form_is_a_row_error(open_period, client_for):
    sub = submission(open_period, "Rehsos")
    row = _orang_row(open_period)
    client = client_for("operator")
    response = client.get(reverse("measurement:submission_import", args=[sub.pk]) + "?template=1")
    wb = load_workbook(BytesIO(response.content))
    ws = wb["Data"]
    header = [c.value for c in ws[1]]
    id_col, value_col = header.index("ID baris") + 1, header.index("Realisasi") + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=id_col).value == f"IND-{row.pk}":
            ws.cell(row=r, column=value_col, value=50.5)
    buffer = BytesIO()
    wb.save(buffer)
    preview = client.post(
        reverse("measurement:submission_import", args=[sub.pk]),
        {"file": SimpleUploadedFile("form.xlsx", buffer.getvalue())},
    )
    assert not preview.context["ok"]
    assert any("Satuan orang harus bilangan bulat" in " ".join(r.errors) for r in preview.context["rows"])
    assert Realisasi.objects.get(pk=row.pk).value is None


def test_negative_realisasi_refused_with_the_existing_message(open_period, users):
    row = _persen_row(open_period)
    with pytest.raises(ValidationError) as exc:
        S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "-1,5"})
    assert exc.value.message_dict["value"] == ["Realisasi tidak boleh negatif."]
    assert Realisasi.objects.get(pk=row.pk).value is None


def test_indicator_that_may_be_negative(fresh_period, users):
    """A growth rate: the flag goes from the indicator into the form's row, the input and the figures."""
    ind = Indicator.objects.get(
        opd=fresh_period.opd, node__renstra__start_year=2025, name__startswith="Persentase PPKS terlantar"
    )
    Indicator.objects.filter(pk=ind.pk).update(allow_negative=True)
    Target.objects.filter(indicator=ind, year=fresh_period.year).update(
        value=D(-2), q1=D(-2), q2=D(-2), q3=D(-2), q4=D(-2)
    )
    forms_builder.build(fresh_period)
    row = Realisasi.objects.get(submission__period=fresh_period, indicator=ind)
    assert row.allow_negative
    values = S.clean_row_values(row, {"value": "-1"})
    assert values["value"] == D(-1)
    row.value = D(-1)
    fig = row_figure(row, {}, fresh_period.triwulan)
    assert row.aggregation == "last"  # period n alone: (1 + (−1 − −2) / |−2|) × 100
    expected = engine.capaian(D(-2), D(-1), "max", allow_negative=True)
    assert fig.result.ok and fig.percent == expected.percent == D("150.00")


def test_figures_without_the_flag_refuse_a_negative_value():
    fig = row_figure(plain_row(target_year=D(-2), value=D(-1)), {}, 0)
    assert fig.error and "tidak boleh negatif" in fig.error
    fig = row_figure(plain_row(target_year=D(-2), value=D(-1), allow_negative=True), {}, 0)
    assert fig.percent == D("150.00")


def test_figures_use_the_per_quarter_upper_bounds():
    # range 80–90 a year, quarterly ranges 20–25 each (sum): TW II compares 52 with 40–50 → 52 / 50
    r = plain_row(
        aggregation="sum",
        target_year=D(80),
        target_max=D(90),
        quarters=["20", "20", "20", "20"],
        quarters_max=["25", "25", "25", "25"],
        value=D(26),
    )
    fig = row_figure(r, {1: (D(26), "")}, 2)
    assert (fig.result.target, fig.result.target_max) == (D(40), D(50))
    assert fig.percent == D("104.00")
    # without per-quarter bounds the quarterly targets are plain targets: 52 / 40
    r.quarters_max = []
    assert row_figure(r, {1: (D(26), "")}, 2).percent == D("130.00")


def test_stabil_with_per_quarter_bounds_is_judged_against_the_quarter_not_the_year():
    r = plain_row(
        polarity="stabil",
        aggregation="last",
        target_year=D(80),
        target_max=D(90),
        quarters=["20", "40", "60", "80"],
        quarters_max=["30", "50", "70", "90"],
        cumulative_targets=True,
        value=D(45),
    )
    assert row_figure(r, {}, 2).percent == D("100.00")  # inside 40–50
    r.value = D(55)
    fig = row_figure(r, {}, 2)
    assert fig.result.target_max == D(50) and fig.percent == engine.capaian(40, 55, "stabil", target_max=50).percent
