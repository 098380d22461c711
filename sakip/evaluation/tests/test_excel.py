"""The LKE worksheet in Excel (export, import; another template version refused), the Matriks
TL and the recap in Excel."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.evaluation import excel, services
from sakip.evaluation.models import CriterionAnswer, LkeTemplate

pytestmark = pytest.mark.django_db


def _book(data):
    return load_workbook(BytesIO(data))


def _rows(wb):
    ws = wb["LKE"]
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "Kode")
    return ws, header, rows


def test_export_has_one_row_per_criterion_and_the_template_version(ev22, users):
    wb = _book(excel.worksheet_bytes(ev22, users["kepala"]))
    ws, header, rows = _rows(wb)
    codes = [r[0] for r in rows[header + 1 :] if r[0]]
    assert len([c for c in codes if c.count(".") == 2]) == 80
    assert codes[:3] == ["1", "1.a", "1.a.1"]
    assert wb["_sakip"]["B1"].value == "88/2021" and wb["_sakip"]["B2"].value == 1
    by_code = {r[0]: r for r in rows[header + 1 :]}
    assert by_code["1.a"][8] == "CC"  # evaluator's answer on the sub-component row
    assert by_code["1.a.1"][5] == "Y" and by_code["1.a.1"][8] == "T"  # the disputed criterion of finding (c)
    # prints one criterion per row on landscape F4, the header row repeated, fitted to the page width
    setup = ws.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == excel.PAPER_F4 and setup.fitToWidth == 1
    assert setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${excel.HEADER_ROW}:${excel.HEADER_ROW}"


def _upload(client, url, data, name="lke.xlsx"):
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="application/octet-stream")})


def test_opd_imports_its_answers_all_or_nothing(ev_current, users, client_for):
    c = client_for("timsakip")
    url = f"/evaluasi/{ev_current.pk}/lke/impor/"
    wb = _book(excel.worksheet_bytes(ev_current, users["timsakip"]))
    ws, header, rows = _rows(wb)
    index = {r[0]: i + 1 for i, r in enumerate(rows)}
    ws.cell(row=index["1.a.2"], column=6, value="Y")
    ws.cell(row=index["1.a.2"], column=7, value="RPJPD Kabupaten Banyumas 2005–2025")
    ws.cell(row=index["1.a.6"], column=6, value="X")  # bad answer → nothing saved
    buffer = BytesIO()
    wb.save(buffer)
    preview = _upload(c, url, buffer.getvalue())
    assert preview.status_code == 200
    assert "Y (ya) atau T" in preview.content.decode()
    assert not CriterionAnswer.objects.filter(evaluation=ev_current, criterion__code="1.a.2", opd_answer="Y").exists()
    ws.cell(row=index["1.a.6"], column=6, value="T")
    buffer = BytesIO()
    wb.save(buffer)
    preview = _upload(c, url, buffer.getvalue())
    assert preview.status_code == 200 and preview.context["ok"], [r.errors for r in preview.context["rows"] if r.errors]
    applied = c.post(url, {"token": preview.context["token"]})
    assert applied.status_code == 302
    ans = CriterionAnswer.objects.get(evaluation=ev_current, criterion__code="1.a.2")
    assert ans.opd_answer == "Y" and ans.opd_note.startswith("RPJPD")


def test_worksheet_of_another_template_version_is_refused(ev_current, users, client_for):
    admin = users["admin"]
    wb = _book(excel.worksheet_bytes(ev_current, users["timsakip"]))
    wb["_sakip"]["B1"] = "88/2021-v2"
    buffer = BytesIO()
    wb.save(buffer)
    response = _upload(client_for("timsakip"), f"/evaluasi/{ev_current.pk}/lke/impor/", buffer.getvalue())
    assert response.status_code == 400
    text = response.content.decode()
    assert "templat 88/2021-v2 versi 1" in text and "memakai templat 88/2021 versi 1" in text
    # a copy of the template really is another version
    services.copy_template(user=admin, template=LkeTemplate.objects.get(key="88/2021"), key="88/2021-v2")
    plain = BytesIO()
    from openpyxl import Workbook

    Workbook().save(plain)
    response = _upload(client_for("timsakip"), f"/evaluasi/{ev_current.pk}/lke/impor/", plain.getvalue())
    assert response.status_code == 400 and "bukan lembar kerja LKE dari sakip" in response.content.decode()


def test_unknown_code_is_a_row_error(ev_current, users):
    wb = _book(excel.worksheet_bytes(ev_current, users["timsakip"]))
    ws, header, rows = _rows(wb)
    ws.cell(row=len(rows) + 1, column=1, value="5.a.1")
    buffer = BytesIO()
    wb.save(buffer)
    from django.db import transaction

    path = __import__("tempfile").mktemp(suffix=".xlsx")
    with open(path, "wb") as fh:
        fh.write(buffer.getvalue())
    with transaction.atomic():
        result, ok = excel.WorksheetImporter(users["timsakip"], ev_current, "opd").run(path, commit=False)
    assert not ok
    assert any("5.a.1" in e and "tidak ada pada templat" in e for r in result for e in r.errors)


def test_evaluator_imports_subcomponent_answers(demo, users, new_evaluation):
    insp = users["inspektorat"]
    ev = new_evaluation(demo["dinas"], 2023)
    services.start_review(user=insp, evaluation=ev)
    wb = _book(excel.worksheet_bytes(ev, insp))
    ws, header, rows = _rows(wb)
    index = {r[0]: i + 1 for i, r in enumerate(rows)}
    ws.cell(row=index["1.b"], column=9, value="CC")
    ws.cell(row=index["1.b.8"], column=9, value="T")
    ws.cell(row=index["1.b.8"], column=10, value="IKI belum ada")
    path = __import__("tempfile").mktemp(suffix=".xlsx")
    wb.save(path)
    from django.db import transaction

    with transaction.atomic():
        result, ok = excel.WorksheetImporter(insp, ev, "evaluator").run(path, commit=True)
    assert ok
    assert ev.sub_answers.get(subcomponent__code="1.b").answer == "CC"
    assert ev.criterion_answers.get(criterion__code="1.b.8").evaluator_note == "IKI belum ada"


def test_matriks_tl_and_recap_exports(client_for, ev22):
    c = client_for("inspektorat")
    wb = _book(c.get("/evaluasi/matriks-tl/?export=xlsx").content)
    ws = wb.active
    values = [tuple(row) for row in ws.iter_rows(values_only=True)]
    header = values[0]  # headers in row 1: the export goes back in like any sheet (docs/documents.md)
    assert header[:5] == ("No", "OPD", "Tahun", "Temuan", "Rekomendasi")
    texts = " ".join(str(v) for row in values for v in row if v)
    assert "SOP penyusunan dokumen perencanaan kinerja (internal Dinsospermasdes)" in texts and "Sebagian" in texts
    recap = _book(c.get("/evaluasi/rekap/?tahun=2022&export=xlsx").content).active
    rows = list(recap.iter_rows(values_only=True))
    assert rows[0][:2] == ("Peringkat", "OPD")
    names = [r[1] for r in rows[1:]]
    assert names[0].startswith("Badan Perencanaan") and names[1].startswith("Dinas Sosial")
