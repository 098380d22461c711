"""Excel import of units, positions and employees: template, preview with row errors, all-or-nothing apply."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from sakip.organization.models import Assignment, Employee, Position, Unit

pytestmark = pytest.mark.django_db


def xlsx(headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("data.xlsx", buf.getvalue())


EMP_HEADERS = [
    "OPD",
    "Gelar depan",
    "Nama",
    "Gelar belakang",
    "Jenis pegawai",
    "NIP",
    "Golongan",
    "E-mail",
    "Telepon",
    "Jabatan",
    "Jenis penugasan",
    "Mulai menjabat",
]


def test_template_lists_the_columns(client_for):
    r = client_for("sekretaris").get("/organisasi/pegawai/impor/?template=1")
    ws = load_workbook(BytesIO(r.content)).active
    assert [c.value for c in ws[1]] == [*EMP_HEADERS, "Baris contoh"]  # the example row's marker column last


def test_one_bad_row_saves_nothing_and_is_reported_at_its_row(client_for):
    c = client_for("sekretaris")
    upload = xlsx(
        EMP_HEADERS,
        [
            [
                "Dinsospermasdes",
                "",
                "PEGAWAI SATU",
                "S.E.",
                "PNS",
                "19900101 201501 1 001",
                "III/a",
                "",
                "",
                "",
                "",
                "",
            ],
            ["Dinsospermasdes", "", "PEGAWAI DUA", "", "PNS", "19901301 201501 1 002", "III/a", "", "", "", "", ""],
            ["Dinsospermasdes", "", "PEGAWAI TIGA", "", "PNS", "19900101 201501 1 001", "III/a", "", "", "", "", ""],
        ],
    )
    r = c.post("/organisasi/pegawai/impor/", {"file": upload})
    html = r.content.decode()
    assert r.status_code == 200
    assert "tanggal lahir" in html  # row 3's NIP
    assert "muncul lebih dari sekali" in html  # row 4 repeats row 2's NIP
    assert 'data-testid="apply-import"' not in html
    assert not Employee.objects.filter(name__startswith="PEGAWAI ").exists()


def test_preview_then_apply_all_rows(client_for, demo):
    c = client_for("sekretaris")
    Unit.objects.create(opd=demo["dinas"], name="UPTD Panti Uji", kind="uptd")
    kabid = Position.objects.get(name="Kepala Bidang Rehabilitasi Sosial")
    Position.objects.create(
        pemda=demo["pemda"],
        opd=demo["dinas"],
        unit=Unit.objects.get(name="UPTD Panti Uji"),
        name="Kepala UPTD Panti Uji",
        kind="pengawas",
        superior=kabid,
    )
    upload = xlsx(
        EMP_HEADERS,
        [
            [
                "Dinsospermasdes",
                "",
                "PEGAWAI SATU",
                "S.E.",
                "PNS",
                "19900101 201501 1 001",
                "III/a",
                "",
                "",
                "Kepala UPTD Panti Uji",
                "Plt.",
                "02/01/2026",
            ],
            ["dinsospermasdes", "", "PEGAWAI DUA", "", "Non-ASN", "", "", "", "", "", "", ""],
        ],
    )
    r = c.post("/organisasi/pegawai/impor/", {"file": upload})
    html = r.content.decode()
    assert 'data-testid="apply-import"' in html, html[-3000:]
    assert not Employee.objects.filter(name="PEGAWAI SATU").exists()  # preview saves nothing
    token = r.context["token"]
    r = c.post("/organisasi/pegawai/impor/", {"token": token})
    assert r.status_code == 302
    satu = Employee.objects.get(name="PEGAWAI SATU")
    assert satu.nip == "199001012015011001"
    a = Assignment.objects.get(employee=satu)
    assert a.kind == "plt" and a.position.name == "Kepala UPTD Panti Uji"
    assert Employee.objects.filter(name="PEGAWAI DUA", nip__isnull=True).exists()


def test_units_and_positions_import_with_references_between_rows(client_for, demo):
    c = client_for("sekretaris")
    units = xlsx(
        ["OPD", "Nama unit", "Jenis", "Unit induk", "Nama singkat", "Urutan"],
        [
            ["Dinsospermasdes", "Bidang Uji", "Bidang", "", "Uji", 9],
            ["Dinsospermasdes", "Seksi Uji", "Seksi", "Bidang Uji", "", 1],
        ],
    )
    r = c.post("/organisasi/unit/impor/", {"file": units})
    c.post("/organisasi/unit/impor/", {"token": r.context["token"]})
    assert Unit.objects.get(name="Seksi Uji").parent.name == "Bidang Uji"
    positions = xlsx(
        ["OPD", "Nama jabatan", "Jenis jabatan", "Eselon", "Unit", "Atasan langsung", "Kepala OPD"],
        [
            [
                "Dinsospermasdes",
                "Kepala Bidang Uji",
                "Administrator",
                "III.b",
                "Bidang Uji",
                "Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
                "tidak",
            ],
            [
                "Dinsospermasdes",
                "Kepala Seksi Uji",
                "Pengawas",
                "IV.a",
                "Seksi Uji",
                "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
                "tidak",
            ],
        ],
    )
    r = c.post("/organisasi/jabatan/impor/", {"file": positions})
    html = r.content.decode()
    assert "berada di OPD lain (Bappedalitbang)" in html
    assert not Position.objects.filter(name="Kepala Bidang Uji").exists()


def test_a_file_that_is_not_excel_is_refused(client_for):
    r = client_for("sekretaris").post(
        "/organisasi/pegawai/impor/", {"file": SimpleUploadedFile("x.xlsx", b"MZ\x90\x00 not excel")}
    )
    assert r.status_code == 400
    assert "bukan lembar kerja Excel" in r.content.decode()


def test_missing_required_columns_are_named(client_for):
    r = client_for("sekretaris").post(
        "/organisasi/pegawai/impor/", {"file": xlsx(["OPD", "Nama"], [["Dinsospermasdes", "X"]])}
    )
    assert r.status_code == 400
    assert "Jenis pegawai" in r.content.decode()
