"""Screens end to end through the Django test client: paste → preview → save, edit, approve, revise, download,
monitor."""

import re
from datetime import date

import pytest

from sakip.sop.models import Monitoring, Sop, SopReview, SopVersion

pytestmark = pytest.mark.django_db


def _marks(n_steps, lane_by_step):
    data = {"marks": "1"}
    for i in range(n_steps):
        data[f"lane-{i}"] = [str(x) for x in lane_by_step[i]]
    return data


SEED_MARKS = [[0], [2], [2], [2], [0, 1, 2, 3], [3], [3], [3], [0], [1], [0], [2], [2], [2]]


def test_paste_preview_then_save(client_for, dinas, seed_tsv):
    c = client_for("timsakip")
    form = {"opd": dinas.pk, "number": "061.1/800", "judul": "Pengukuran Kinerja (tempel)", "tabel": seed_tsv}
    preview = c.post("/sop/tempel/", {**form, "action": "preview"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'data-testid="preview-count">14<' in html and 'data-testid="preview-total">795 menit' in html
    assert "Sek. Tim Sakip" in html and "Tim SAKIP: sekretaris" in html
    assert not Sop.objects.filter(number="061.1/800").exists()  # a preview saves nothing
    response = c.post("/sop/tempel/", {**form, "action": "save", **_marks(14, SEED_MARKS)})
    version = SopVersion.objects.get(sop__number="061.1/800")
    assert response.status_code == 302 and response["Location"] == f"/sop/versi/{version.pk}/prosedur/"
    page = c.get(response["Location"]).content.decode()
    assert len(set(re.findall(r'class="sop-shape" data-step="(\d+)"', page))) == 14
    assert "795 menit = 13 jam 15 menit" in page
    assert version.steps.get(number=5).lanes.count() == 4


@pytest.mark.parametrize(
    "change,message,status",
    [
        (("\t240\t", "\tdua ratus\t"), "bukan angka", 400),
        (("Kelengkapan\t", "Syarat\t"), "Kolom tidak ditemukan pada judul tabel: Kelengkapan", 400),
    ],
)
def test_bad_paste_gets_a_clear_message_and_saves_nothing(client_for, dinas, seed_tsv, change, message, status):
    c = client_for("timsakip")
    before = SopVersion.objects.count()
    response = c.post(
        "/sop/tempel/",
        {
            "opd": dinas.pk,
            "number": "061.1/801",
            "judul": "Rusak",
            "tabel": seed_tsv.replace(*change),
            "action": "save",
        },
    )
    assert response.status_code == status and message in response.content.decode()
    assert SopVersion.objects.count() == before


def test_paste_replaces_the_procedure_of_a_draft(client_for, unit_draft, seed_tsv):
    c = client_for("kabid")
    response = c.post("/sop/tempel/", {"versi": unit_draft.pk, "tabel": seed_tsv, "action": "save"})
    assert response.status_code == 302
    assert unit_draft.steps.count() == 14 and unit_draft.lanes.count() == 4


def test_create_then_edit_identity_lanes_and_steps(client_for, dinas):
    c = client_for("timsakip")
    response = c.post(
        "/sop/baru/",
        {
            "opd": dinas.pk,
            "number": "061.1/810",
            "judul": "Rekap Kinerja",
            "jenis": "administratif",
            "jenis_kegiatan": "rutin",
        },
    )
    version = SopVersion.objects.get(sop__number="061.1/810")
    assert response.status_code == 302 and response["Location"] == f"/sop/versi/{version.pk}/langkah/"
    duplicate = c.post(
        "/sop/baru/",
        {"opd": dinas.pk, "number": "061.1/810", "judul": "Lagi", "jenis": "administratif", "jenis_kegiatan": "rutin"},
    )
    assert duplicate.status_code == 400 and "sudah terdaftar" in duplicate.content.decode()
    lanes = {
        "section": "lanes",
        "lane-TOTAL_FORMS": "2",
        "lane-INITIAL_FORMS": "0",
        "lane-0-label": "Sek. Tim SAKIP",
        "lane-0-mapping": "tim_role",
        "lane-0-tim_role": "sekretaris",
        "lane-1-label": "Kepala Unit Kerja",
        "lane-1-mapping": "unit_heads",
    }
    assert c.post(f"/sop/versi/{version.pk}/langkah/", lanes).status_code == 302
    steps = {"section": "steps", "step-TOTAL_FORMS": "3", "step-INITIAL_FORMS": "0"}
    for i, (uraian, lane, kind) in enumerate(
        [("Menyiapkan formulir", "0", "start"), ("Apakah data lengkap?", "1", "decision"), ("Mengarsipkan", "0", "end")]
    ):
        steps.update(
            {
                f"step-{i}-number": str(i + 1),
                f"step-{i}-uraian": uraian,
                f"step-{i}-lanes": lane,
                f"step-{i}-kind": kind,
                f"step-{i}-waktu": "10",
                f"step-{i}-waktu_satuan": "menit",
                f"step-{i}-action": "none",
                f"step-{i}-output": "Dokumen",
            }
        )
    bad = c.post(f"/sop/versi/{version.pk}/langkah/", steps)
    assert bad.status_code == 400 and "cabang" in bad.content.decode()
    steps.update({"step-1-ya_ke": "3", "step-1-tidak_ke": "1", "step-1-utama": "on"})
    assert c.post(f"/sop/versi/{version.pk}/langkah/", steps).status_code == 302
    decision = version.steps.get(number=2)
    assert (decision.kind, decision.ya_ke, decision.tidak_ke, decision.utama) == ("decision", 3, 1, True)
    identity = {
        "judul": "Rekap Kinerja Triwulan",
        "jenis": "administratif",
        "jenis_kegiatan": "rutin",
        "made_on": "2024-01-05",
        "effective_on": "2024-02-01",
        "dasar_hukum": "Permendagri Nomor 52 Tahun 2011",
        "kualifikasi_pelaksana": "Teliti",
        "peralatan": "Komputer",
        "peringatan": "Data terlambat",
        "pencatatan": "Arsip",
        "pj_produk": "Kepala Dinsospermasdes",
        "pj_kegiatan": "Sekretaris",
        "ruang_lingkup": "Semua unit",
    }
    assert c.post(f"/sop/versi/{version.pk}/identitas/", identity).status_code == 302
    assert Sop.objects.get(number="061.1/810").judul == "Rekap Kinerja Triwulan"
    lint = c.get(f"/sop/versi/{version.pk}/pemeriksaan/?format=json").json()
    assert lint["clean"] is True, lint["findings"]


def test_submit_approve_revise_revoke_through_the_screens(client_for, dinas, users):
    version = SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/365")
    tim, kepala = client_for("timsakip"), client_for("kepala")
    assert tim.post(f"/sop/{version.sop_id}/revisi/").status_code == 302
    draft = SopVersion.objects.get(sop=version.sop, version=2)
    assert tim.post(f"/sop/versi/{draft.pk}/ajukan/").status_code == 302
    assert SopVersion.objects.get(pk=draft.pk).status == "diajukan"
    today = date.today().isoformat()
    refused = kepala.post(f"/sop/versi/{draft.pk}/sahkan/", {"signed_on": today})
    assert (
        refused.status_code == 400 and "Centang pernyataan" in refused.content.decode()
    )  # the copy still has an empty tanggal efektif
    assert kepala.post(f"/sop/versi/{draft.pk}/sahkan/", {"signed_on": today, "effective_on": today}).status_code == 302
    approved = SopVersion.objects.get(pk=draft.pk)
    assert approved.status == "disahkan" and approved.approved_by_employee_id == users["kepala"].employee_id
    assert SopVersion.objects.get(pk=version.pk).status == "diganti"
    response = kepala.post(f"/sop/versi/{draft.pk}/cabut/", {"on": today, "alasan": "Digabung dengan SOP lain"})
    assert response.status_code == 302 and SopVersion.objects.get(pk=draft.pk).status == "dicabut"


def test_delete_a_draft(client_for, unit_draft):
    response = client_for("kabid").post(f"/sop/versi/{unit_draft.pk}/hapus/")
    assert response.status_code == 302 and not Sop.objects.filter(number="460/RS-01").exists()


def test_downloads(client_for, seed_v1):
    c = client_for("inspektorat")
    # an approved version downloads as its archived, signed copy
    pdf = c.get(f"/sop/versi/{seed_v1.pk}/unduh.pdf", follow=True)
    assert pdf.redirect_chain and "/arsip/" in pdf.redirect_chain[0][0]
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content)[:5] == b"%PDF-"
    docx = c.get(f"/sop/versi/{seed_v1.pk}/unduh.docx", follow=True)
    assert docx.redirect_chain and docx["Content-Type"].endswith("wordprocessingml.document")
    assert b"".join(docx.streaming_content)[:2] == b"PK"
    svg = c.get(f"/sop/versi/{seed_v1.pk}/unduh.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert c.get(f"/sop/versi/{seed_v1.pk}/unduh.exe").status_code == 404


def test_lint_page_and_report(client_for, seed_v1, dinas):
    c = client_for("timsakip")
    page = c.get(f"/sop/versi/{seed_v1.pk}/pemeriksaan/").content.decode()
    assert "Kepala Badan" in page and "Kasubbid Data" in page and "kemiripan 100%" in page
    report = c.get("/sop/pemeriksaan/").content.decode()
    assert "061.1/366" in report and "Bersih" in report
    xlsx = c.get(f"/sop/pemeriksaan/?opd={dinas.pk}&export=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_diff_page(client_for, seed_v1):
    page = client_for("timsakip").get(f"/sop/{seed_v1.sop_id}/banding/?a=1&b=2").content.decode()
    assert "<del>" in page and "Kepala Badan" in page
    assert client_for("timsakip").get(f"/sop/{seed_v1.sop_id}/banding/?a=1&b=7").status_code == 404


def test_monitoring_and_evaluation_forms(client_for, seed_v2):
    c = client_for("timsakip")
    data = {
        "period": "2024",
        "date": "2024-12-10",
        "assessor": "Tim SAKIP",
        "note": "",
        "item-TOTAL_FORMS": "14",
        "item-INITIAL_FORMS": "14",
    }
    for i in range(14):
        data.update(
            {
                f"item-{i}-number": str(i + 1),
                f"item-{i}-assessment": "baik",
                f"item-{i}-note": "",
                f"item-{i}-action_needed": "",
            }
        )
    data["item-6-assessment"] = "kurang"
    data["item-6-action_needed"] = "Latih kepala unit"
    assert c.post(f"/sop/versi/{seed_v2.pk}/monitoring/", data).status_code == 302
    monitoring = Monitoring.objects.get(version=seed_v2, period="2024")
    assert monitoring.items.count() == 14 and monitoring.items.get(number=7).action_needed == "Latih kepala unit"
    answers = {
        "period": "2024",
        "date": "2024-12-11",
        "conclusion": "tetap",
        "mendorong_kinerja": "ya",
        "mudah_dipahami": "ya",
        "mudah_dilaksanakan": "tidak",
    }
    assert c.post(f"/sop/versi/{seed_v2.pk}/evaluasi/", answers).status_code == 302
    review = SopReview.objects.get(version=seed_v2, period="2024")
    assert (review.mendorong_kinerja, review.mudah_dilaksanakan, review.sinergi, review.score) == (
        True,
        False,
        None,
        (2, 3),
    )
    page = c.get(f"/sop/versi/{seed_v2.pk}/monev/").content.decode()
    assert "Latih kepala unit" in page and "Dipertahankan" in page


def test_monitoring_needs_an_approved_sop(client_for, unit_draft):
    response = client_for("kabid").get(f"/sop/versi/{unit_draft.pk}/monitoring/")
    assert response.status_code == 302


def test_file_import_docx_preview_and_save(client_for, dinas, seed_v2):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sakip.sop.docx_export import sop_docx

    c = client_for("timsakip")
    upload = SimpleUploadedFile("sop.docx", sop_docx(seed_v2), content_type="application/octet-stream")
    preview = c.post("/sop/impor/", {"opd": dinas.pk, "berkas": upload, "number": "061.1/820", "action": "preview"})
    assert preview.status_code == 200
    html = preview.content.decode()
    token = re.search(r'name="token" value="([0-9a-f]+)"', html).group(1)
    assert 'data-testid="preview-count">14<' in html
    saved = c.post("/sop/impor/", {"opd": dinas.pk, "token": token, "number": "061.1/820", "action": "save"})
    assert saved.status_code == 302
    version = SopVersion.objects.get(sop__number="061.1/820")
    assert version.steps.count() == 14 and version.source == "docx" and version.effective_on == date(2023, 1, 2)


def test_file_import_rejects_other_files(client_for, dinas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for("timsakip").post(
        "/sop/impor/", {"opd": dinas.pk, "berkas": SimpleUploadedFile("x.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 400 and "tidak didukung" in response.content.decode()
    template = client_for("timsakip").get("/sop/impor/?templat=1")
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_home_card(client_for):
    page = client_for("kepala").get("/").content.decode()
    assert "SOP AP" in page and "SOP berlaku hari ini" in page


def test_approved_version_goes_through_the_documents_pipeline(client_for, seed_v2, users):
    """The demo approved version 2 through services.approve: it is already issued, signed by the approving head."""
    from sakip.documents.testing import assert_issued
    from sakip.sop import services

    c = client_for("timsakip")
    [doc] = services.archived_documents(seed_v2)
    assert doc.number == "061.1/366" and doc.doc_type.code == "sop" and doc.docx_file
    assert_issued(doc, signer=seed_v2.approved_by_employee, source=seed_v2)
    page = c.get(f"/sop/versi/{seed_v2.pk}/").content.decode()
    assert doc.verification_code in page and 'data-testid="archive-button"' not in page
    assert "Ditandatangani secara elektronik oleh" in page
    pdf = c.get(f"/sop/versi/{seed_v2.pk}/unduh.pdf")
    assert pdf.status_code == 302 and pdf["Location"] == doc.download_url
    again = c.post(f"/sop/versi/{seed_v2.pk}/arsipkan/", follow=True)
    assert "sudah diarsipkan" in again.content.decode()
    assert client_for("inspektorat").post(f"/sop/versi/{seed_v2.pk}/arsipkan/").status_code == 403


def test_register_shows_the_version_in_force_on_a_date(client_for):
    c = client_for("inspektorat")
    page_2022 = c.get("/sop/?berlaku_pada=2022-06-01").content.decode()
    assert "061.1/366" in page_2022 and "061.1/364" not in page_2022  # Pelaksanaan Rapat was approved in 2023
    row = re.search(r"061\.1/366.*?</tr>", page_2022, re.S).group(0)
    assert re.search(r"<td[^>]*>\s*1\s*</td>", row) and "18 Januari 2021 s.d. 1 Januari 2023" in row
    row_now = re.search(r"061\.1/366.*?</tr>", c.get("/sop/").content.decode(), re.S).group(0)
    assert re.search(r"<td[^>]*>\s*2\s*</td>", row_now)
