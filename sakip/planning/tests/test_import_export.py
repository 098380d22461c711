"""Excel: template, import with preview, row errors and all-or-nothing; export of every table."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from sakip.planning.models import Indicator, Target

pytestmark = pytest.mark.django_db

HEADERS = [
    "OPD",
    "Kode kinerja",
    "Indikator",
    "Satuan",
    "Polaritas",
    "Agregasi",
    "Baseline",
    "Tahun",
    "Target",
    "TW I",
    "TW II",
    "TW III",
    "TW IV",
]


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "impor.xlsx"
    return buf


GOOD = [
    "",
    "K1.1",
    "Jumlah lansia terlantar yang mendapat layanan home care",
    "orang",
    "maksimal",
    "jumlah",
    "120",
    2027,
    "150",
    "30",
    "40",
    "40",
    "40",
]
UPDATE = [
    "",
    "K1.1",
    "Jumlah anak dan lanjut usia terlantar yang memperoleh rehabilitasi sosial dasar",
    "",
    "",
    "",
    "",
    2028,
    "601",
    "",
    "",
    "",
    "",
]


def test_template_has_the_columns(client_for):
    response = client_for("kabid").get("/perencanaan/indikator/impor/?template=1")
    ws = load_workbook(BytesIO(response.content)).active
    headers = [c.value for c in ws[1]]
    assert "Kode kinerja" in headers and "TW IV" in headers and "Target kualitatif" in headers


def test_preview_then_apply(client_for):
    client = client_for("kabid")
    # An adopted Renstra's target is filled in by import only while it is blank (a change needs a revision).
    Target.objects.filter(indicator__name=UPDATE[2], year=2028).update(value=None)
    response = client.post("/perencanaan/indikator/impor/", {"file": _xlsx([GOOD, UPDATE])})
    assert response.status_code == 200
    assert response.context["ok"] and not any(r.errors for r in response.context["rows"])
    assert not Indicator.objects.filter(name=GOOD[2]).exists()  # preview writes nothing
    token = response.context["token"]
    response = client.post("/perencanaan/indikator/impor/", {"token": token})
    assert response.status_code == 302
    ind = Indicator.objects.get(name=GOOD[2])
    t = Target.objects.get(indicator=ind, year=2027)
    assert (t.value, t.q1, t.q4) == (150, 30, 40)
    assert Target.objects.get(indicator__name=UPDATE[2], year=2028).value == 601


def test_import_refuses_to_change_an_adopted_target(client_for):
    old = Target.objects.get(indicator__name=UPDATE[2], year=2028).value
    response = client_for("kabid").post("/perencanaan/indikator/impor/", {"file": _xlsx([UPDATE])})
    assert not response.context["ok"]
    assert any("usulan revisi target" in " ".join(r.errors) for r in response.context["rows"])
    assert Target.objects.get(indicator__name=UPDATE[2], year=2028).value == old


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["", "K1.1", "Indikator baru", "orang", "", "", "", 2027, "seratus", "", "", "", ""], "bukan angka"),
        (["", "K1.1", "Indikator baru", "orang", "", "", "", 2035, "10", "", "", "", ""], "di luar periode"),
        (["", "X9.9", "Indikator baru", "orang", "", "", "", 2027, "10", "", "", "", ""], "X9.9"),
        (["", "K1.1", "Indikator baru", "orang", "naik", "", "", 2027, "10", "", "", "", ""], "Polaritas"),
        (["", "K2.2", "Indikator di unit lain", "%", "", "", "", 2027, "10", "", "", "", ""], "berwenang"),
    ],
)
def test_row_errors_and_all_or_nothing(client_for, row, message, tmp_path):
    client = client_for("kabid")
    response = client.post("/perencanaan/indikator/impor/", {"file": _xlsx([GOOD, row])})
    rows = response.context["rows"]
    assert not response.context["ok"]
    assert not rows[0].errors and rows[1].errors
    assert message.lower() in " ".join(rows[1].errors).lower() or message in " ".join(rows[1].errors)
    assert not Indicator.objects.filter(name=GOOD[2]).exists()
    # applying the same file commits nothing either (all-or-nothing): the good row is rolled back too
    from django.db import transaction

    from sakip.organization.models import User
    from sakip.planning.importers import IndicatorImporter

    path = tmp_path / "impor.xlsx"
    path.write_bytes(_xlsx([GOOD, row]).getvalue())
    with transaction.atomic():
        rows, ok = IndicatorImporter(User.objects.get(username="kabid")).run(path, commit=True)
    assert not ok and rows[1].errors
    assert not Indicator.objects.filter(name=GOOD[2]).exists()


def test_export_every_table(client_for, dinas):
    response = client_for("timsakip").get("/perencanaan/ekspor/")
    wb = load_workbook(BytesIO(response.content))
    assert {
        "Renstra",
        "Pohon kinerja",
        "Indikator",
        "Target",
        "Crosscutting",
        "Program-kegiatan",
        "Perjanjian Kinerja",
        "Butir PK",
        "Anggaran PK",
        "Perubahan IKU",
    } <= set(wb.sheetnames)
    assert wb["Indikator"].max_row > 30
    for url in (
        "/perencanaan/indikator/?export=xlsx",
        "/perencanaan/pk/?export=xlsx",
        "/perencanaan/renstra/?export=xlsx",
        "/perencanaan/crosscutting/?export=xlsx",
        "/perencanaan/pemeriksaan/?export=xlsx",
    ):
        r = client_for("timsakip").get(url)
        assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats"), url
        assert load_workbook(BytesIO(r.content)).active.max_row >= 2


def test_checks_report_pdf(client_for):
    response = client_for("inspektorat").get(
        "/perencanaan/pemeriksaan/?format=pdf&tahun=2022&opd="
        + str(__import__("sakip.organization.models", fromlist=["OPD"]).OPD.objects.get(akronim="Dinsospermasdes").pk)
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# --- per-quarter upper bounds and the number rules through the import (docs/capaian.md §3) ------------------------
RANGE_HEADERS = [
    *HEADERS,
    "Batas atas",
    "Batas atas TW I",
    "Batas atas TW II",
    "Batas atas TW III",
    "Batas atas TW IV",
    "Dapat bernilai negatif",
    "Bilangan bulat",
]
RANGE_ROW = [
    "",
    "K1.1",
    "Persentase lansia yang mendapat layanan home care",
    "%",
    "maksimal",
    "nilai terakhir",
    "",
    2027,
    "80",
    "20",
    "40",
    "60",
    "80",
    "90",
    "25",
    "45",
    "65",
    "90",
    "tidak",
    "tidak",
]


def _xlsx_with(headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "impor.xlsx"
    return buf


def test_template_offers_the_quarter_bounds_and_the_number_rules(client_for):
    response = client_for("kabid").get("/perencanaan/indikator/impor/?template=1")
    headers = [c.value for c in load_workbook(BytesIO(response.content)).active[1]]
    for h in ("Batas atas TW I", "Batas atas TW IV", "Dapat bernilai negatif", "Bilangan bulat"):
        assert h in headers


def test_import_sets_the_quarter_upper_bounds(client_for):
    client = client_for("kabid")
    response = client.post("/perencanaan/indikator/impor/", {"file": _xlsx_with(RANGE_HEADERS, [RANGE_ROW])})
    assert response.context["ok"], [r.errors for r in response.context["rows"]]
    response = client.post("/perencanaan/indikator/impor/", {"token": response.context["token"]})
    assert response.status_code == 302
    ind = Indicator.objects.get(name=RANGE_ROW[2])
    assert ind.allow_negative is False and ind.whole_number is False
    t = Target.objects.get(indicator=ind, year=2027)
    assert (t.value, t.value_max) == (80, 90)
    assert t.quarters == [20, 40, 60, 80] and t.quarters_max == [25, 45, 65, 90]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({13: "", 14: "15"}, "Batas atas TW I (15) lebih kecil dari target TW I (20)"),
        ({13: ""}, "isi dulu batas atas target tahunan"),
        ({15: ""}, "Isi batas atas TW II juga"),
        ({14: "x"}, "bukan angka"),
        ({14: "99999999999999999999"}, "Angka terlalu besar"),
        ({18: "mungkin"}, "Dapat bernilai negatif"),
        ({19: "kadang"}, "Bilangan bulat"),
    ],
)
def test_import_refuses_bad_quarter_bounds_at_the_row(client_for, changes, message):
    row = list(RANGE_ROW)
    for i, v in changes.items():
        row[i] = v
    if changes.get(14) == "15":
        row[13] = "90"
    response = client_for("kabid").post("/perencanaan/indikator/impor/", {"file": _xlsx_with(RANGE_HEADERS, [row])})
    assert not response.context["ok"]
    errors = " ".join(response.context["rows"][0].errors)
    assert message in errors, errors
    assert not Indicator.objects.filter(name=RANGE_ROW[2]).exists()


def test_export_carries_the_template_columns_back(client_for, users):
    """What the export's Target and Indikator sheets say is what the import template reads back."""
    from sakip.planning import services
    from sakip.planning.importers import IndicatorImporter

    client = client_for("kabid")
    response = client.post("/perencanaan/indikator/impor/", {"file": _xlsx_with(RANGE_HEADERS, [RANGE_ROW])})
    client.post("/perencanaan/indikator/impor/", {"token": response.context["token"]})
    ind = Indicator.objects.get(name=RANGE_ROW[2])
    services.update_indicator(user=users["kabid"], indicator=ind, whole_number=None)
    wb = load_workbook(BytesIO(client_for("timsakip").get("/perencanaan/ekspor/").content))
    template = {c.header for c in IndicatorImporter.columns}
    target_headers = [c.value for c in wb["Target"][1]]
    for h in ("Batas atas", "TW I", "Batas atas TW I", "Batas atas TW II", "Batas atas TW III", "Batas atas TW IV"):
        assert h in target_headers and h in template
    row = next(r for r in wb["Target"].iter_rows(min_row=2, values_only=True) if r[2] == RANGE_ROW[2])
    by = dict(zip(target_headers, row, strict=True))
    assert [by[f"Batas atas TW {q}"] for q in ("I", "II", "III", "IV")] == [25, 45, 65, 90]
    ind_headers = [c.value for c in wb["Indikator"][1]]
    assert {"Dapat bernilai negatif", "Bilangan bulat"} <= set(ind_headers) & template
    row = next(r for r in wb["Indikator"].iter_rows(min_row=2, values_only=True) if r[5] == RANGE_ROW[2])
    by = dict(zip(ind_headers, row, strict=True))
    assert (by["Dapat bernilai negatif"], by["Bilangan bulat"]) == ("tidak", "menurut satuan")
