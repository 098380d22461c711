"""Export → edit → import round-trips (issue 13 item 7, docs/documents.md "Excel exports"): the list export of
units, positions and employees has its headers in row 1 and exactly the import template's columns, so an exported
list with one cell edited, imported back, changes that cell and nothing else (no golongan wiped, no gelar moved into
the name). The template's example row is marked and not imported."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from sakip.core.imports import EXAMPLE_HEADER
from sakip.organization.importers import EmployeeImporter, PositionImporter, UnitImporter
from sakip.organization.models import Employee, Position, Unit

pytestmark = pytest.mark.django_db


def _export(client, url):
    response = client.get(url + "?export=xlsx")
    assert response.status_code == 200, response.content[:300]
    return load_workbook(BytesIO(response.content))


def _import(importer, wb, tmp_path):
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    rows, ok = importer.run(path, commit=True)
    assert ok, [(r.number, r.errors) for r in rows if r.errors]
    return rows


def _snapshot(qs, fields):
    return {obj.pk: tuple(getattr(obj, f) for f in fields) for obj in qs}


def _edit(ws, header, match_header, match_value, new_value):
    headers = [c.value for c in ws[1]]
    col, key = headers.index(header) + 1, headers.index(match_header) + 1
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=key).value == match_value:
            ws.cell(row=row, column=col).value = new_value
            return
    raise AssertionError(f"{match_value} not in the export")


EMPLOYEE_FIELDS = ("opd_id", "gelar_depan", "name", "gelar_belakang", "kind", "nip", "golongan_id", "email", "phone")


def test_employee_list_round_trips(client_for, users, tmp_path):
    user = users["sekretaris"]
    wb = _export(client_for("sekretaris"), "/organisasi/pegawai/")
    ws = wb.active
    assert [c.value for c in ws[1]] == [c.header for c in EmployeeImporter.columns]  # row 1, the template's columns
    exported = Employee.objects.filter(opd=user.opd)
    before = _snapshot(exported, EMPLOYEE_FIELDS)
    assert ws.max_row - 1 == len(before)
    target = exported.exclude(nip__isnull=True).exclude(golongan__isnull=True).exclude(gelar_belakang="").first()
    _edit(ws, "Telepon", "Nama", target.name, "0281-555123")
    _import(EmployeeImporter(user), wb, tmp_path)
    after = _snapshot(Employee.objects.filter(pk__in=before), EMPLOYEE_FIELDS)
    expected = dict(before)
    expected[target.pk] = before[target.pk][:-1] + ("0281-555123",)
    assert after == expected  # golongan, gelar and name untouched; only the telephone changed
    assert Employee.objects.filter(opd=user.opd).count() == len(before)  # nobody added


POSITION_FIELDS = ("opd_id", "name", "kind", "eselon", "unit_id", "superior_id", "is_opd_head", "short_name")


def test_position_list_round_trips(client_for, users, tmp_path):
    user = users["sekretaris"]
    wb = _export(client_for("sekretaris"), "/organisasi/jabatan/")
    ws = wb.active
    assert [c.value for c in ws[1]] == [c.header for c in PositionImporter.columns]
    positions = Position.objects.filter(opd=user.opd)
    before = _snapshot(positions, POSITION_FIELDS)
    target = positions.filter(unit__isnull=False).first()
    _edit(ws, "Nama singkat", "Nama jabatan", target.name, "Singkat Uji")
    _import(PositionImporter(user), wb, tmp_path)
    after = _snapshot(Position.objects.filter(pk__in=before), POSITION_FIELDS)
    expected = dict(before)
    expected[target.pk] = before[target.pk][:-1] + ("Singkat Uji",)
    assert after == expected
    assert Position.objects.filter(opd=user.opd).count() == len(before)


UNIT_FIELDS = ("opd_id", "name", "kind", "parent_id", "short_name", "order")


def test_unit_list_round_trips(client_for, users, tmp_path):
    user = users["sekretaris"]
    wb = _export(client_for("sekretaris"), "/organisasi/unit/")
    ws = wb.active
    assert [c.value for c in ws[1]] == [c.header for c in UnitImporter.columns]
    units = Unit.objects.filter(opd=user.opd)
    before = _snapshot(units, UNIT_FIELDS)
    target = units.filter(parent__isnull=False).first()
    _edit(ws, "Nama singkat", "Nama unit", target.name, "UJI")
    _import(UnitImporter(user), wb, tmp_path)
    after = _snapshot(Unit.objects.filter(pk__in=before), UNIT_FIELDS)
    expected = dict(before)
    expected[target.pk] = before[target.pk][:4] + ("UJI",) + before[target.pk][5:]
    assert after == expected
    assert Unit.objects.filter(opd=user.opd).count() == len(before)


def test_the_template_example_row_is_marked_and_not_imported(client_for, users, tmp_path):
    response = client_for("sekretaris").get("/organisasi/unit/impor/?template=1")
    wb = load_workbook(BytesIO(response.content))
    ws = wb["Data"]
    headers = [c.value for c in ws[1]]
    assert headers[-1] == EXAMPLE_HEADER and ws.cell(row=2, column=len(headers)).value.startswith("CONTOH")
    assert ws.print_title_rows and wb["Petunjuk"].page_setup.orientation == "landscape"  # print setup
    path = tmp_path / "template.xlsx"
    wb.save(path)
    before = Unit.objects.count()
    from sakip.core.imports import ImportAborted

    with pytest.raises(ImportAborted, match="Tidak ada baris data"):  # only the example row: nothing to import
        UnitImporter(users["sekretaris"]).run(path, commit=True)
    assert Unit.objects.count() == before
