"""Browser journey: the OPD self-assesses → the evaluator scores and writes finding (c) → the OPD
follows up with the revised SOP → the Surat Pernyataan is signed → the evaluator verifies → the
recommendation is closed."""

import os
from datetime import date

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SOP_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count "
    b"0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def shot(page, name):
    folder = os.environ.get("SAKIP_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"evaluasi-{name}.png"), full_page=True)


def switch(page, login_page, username):
    page.context.clear_cookies()
    return login_page(username)


def test_self_assessment_to_closed_recommendation(login_page, live_server):
    from sakip.evaluation.models import Evaluation, Recommendation

    url = live_server.url
    ev = Evaluation.objects.get(opd__akronim="Dinsospermasdes", year=date.today().year)
    template = ev.template
    sub_1a = template.subcomponents.get(code="1.a")
    crit_1a1 = template.criteria.get(code="1.a.1")

    # 1. The OPD (Tim SAKIP) self-assesses: differing from the automatic answer needs a reason.
    page = login_page("timsakip")
    page.goto(f"{url}/evaluasi/{ev.pk}/lke/")
    auto = page.text_content('[data-testid="auto-1.a.1"]')
    assert "Tidak" in auto  # no SOP for drafting planning documents in force
    page.select_option('[data-testid="opd-answer-1.a.1"]', "Y")
    page.click('[data-testid="save-1.a"]')
    assert "berbeda dari jawaban otomatis" in page.text_content('[data-testid="criterion-error"]')
    page.fill('[data-testid="override-1.a.1"]', "SOP penyusunan dokumen perencanaan sedang direvisi; konsep terlampir")
    page.select_option('[data-testid="opd-answer-1.a.2"]', "Y")
    page.click('[data-testid="save-1.a"]')
    page.wait_for_selector("text=Sub-komponen 1.a tersimpan.")
    shot(page, "1-penilaian-mandiri")
    page.goto(f"{url}/evaluasi/{ev.pk}/")
    page.click('[data-testid="submit-evaluation"]')
    assert page.text_content('[data-testid="state-badge"]').strip() == "Diajukan ke Inspektorat"

    # 2. The evaluator scores every sub-component and writes finding (c).
    page = switch(page, login_page, "inspektorat")
    page.goto(f"{url}/evaluasi/{ev.pk}/")
    page.click('[data-testid="start-review"]')
    page.goto(f"{url}/evaluasi/{ev.pk}/lke/")
    assert "SOP penyusunan dokumen perencanaan sedang direvisi" in page.text_content(
        '[data-testid="criterion-1.a.1"]'
    )  # sees both
    answers = {
        "1.a": "CC",
        "1.b": "C",
        "1.c": "B",
        "2.a": "B",
        "2.b": "CC",
        "2.c": "C",
        "3.a": "BB",
        "3.b": "B",
        "3.c": "CC",
        "4.a": "B",
        "4.b": "CC",
        "4.c": "C",
    }
    for component in "1234":
        page.goto(f"{url}/evaluasi/{ev.pk}/lke/?komponen={component}")
        for code, answer in answers.items():
            if code.startswith(component):
                if code == "1.a":
                    page.select_option('[data-testid="eval-answer-1.a.1"]', "T")
                    page.fill(
                        '[data-testid="sub-note-1.a"]', "SOP perencanaan yang berlaku bersumber dari Bappedalitbang."
                    )
                page.select_option(f'[data-testid="sub-answer-{code}"]', answer)
                page.click(f'[data-testid="save-{code}"]')
                page.wait_for_selector(f"text=Sub-komponen {code} tersimpan.")
    page.goto(f"{url}/evaluasi/{ev.pk}/temuan/")
    page.click('[data-testid="add-finding"]')
    page.fill("#id_letter", "c")
    page.fill("#id_title", "SOP penyusunan dokumen perencanaan kinerja belum sesuai dengan ketentuan yang berlaku")
    page.fill(
        "#id_kondisi",
        "SOP penyusunan dokumen kinerja yang dilampirkan masih berisi SOP yang bersumber dari Bappedalitbang.",
    )
    page.select_option("#id_subcomponents", [str(sub_1a.pk)])
    page.select_option("#id_lke_criteria", [str(crit_1a1.pk)])
    page.fill("#id_sebab", "SOP belum diturunkan menjadi SOP internal.")
    page.fill("#id_akibat", "Penyusunan dokumen perencanaan kinerja tidak memiliki pedoman yang sesuai.")
    page.click('[data-testid="save-button"]')
    page.wait_for_load_state()
    assert page.locator("#id_text").count(), page.locator(".invalid-feedback, .alert-danger").all_text_contents()
    page.fill(
        "#id_text", "Menyusun dan menetapkan SOP penyusunan dokumen perencanaan kinerja internal Dinsospermasdes."
    )
    page.fill("#id_subject", "SOP penyusunan dokumen perencanaan kinerja")
    page.click('[data-testid="save-button"]')
    page.wait_for_selector('[data-testid="finding-c"]')
    page.goto(f"{url}/evaluasi/{ev.pk}/")
    assert page.text_content('[data-testid="total-score"]').strip().startswith("Nilai 60,00")
    page.click('[data-testid="send-draft"]')
    page.click('[data-testid="finalize"]')
    assert page.text_content('[data-testid="state-badge"]').strip() == "Final"
    rec = Recommendation.objects.get(finding__evaluation=ev, finding__letter="c")

    # 3. The OPD follows up with the revised SOP and drafts the Surat Pernyataan.
    page = switch(page, login_page, "timsakip")
    page.goto(f"{url}/evaluasi/rekomendasi/{rec.pk}/")
    page.fill("#id_action_plan", "Menyusun SOP penyusunan dokumen perencanaan kinerja bersama Tim SAKIP")
    page.select_option("#id_pic", label="Sekretaris Dinas Sosial dan Pemberdayaan Masyarakat dan Desa")
    page.click('[data-testid="save-plan"]')
    page.wait_for_selector("text=Tindak lanjut tersimpan.")
    assert page.text_content('[data-testid="rec-state"]').strip() == "Rencana aksi disusun"
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "SOP-Penyusunan-Dokumen-Perencanaan-Kinerja-rev1.pdf",
                "mimeType": "application/pdf",
                "buffer": SOP_PDF,
            }
        ],
    )
    page.fill("#id_label", "SOP Penyusunan Dokumen Perencanaan Kinerja (revisi)")
    page.click('[data-testid="add-evidence"]')
    assert "SOP Penyusunan Dokumen Perencanaan Kinerja (revisi)" in page.text_content(
        '[data-testid="followup-evidence"]'
    )
    page.goto(f"{url}/evaluasi/{ev.pk}/")
    page.click('[data-testid="new-statement"]')
    page.fill(
        "#id_statements",
        "Dinsospermasdes telah menyusun SOP penyusunan dokumen perencanaan kinerja internal.\nSOP "
        "Penyusunan Dokumen Perencanaan Kinerja (terlampir)",
    )
    page.click('[data-testid="save-button"]')
    page.wait_for_load_state()
    assert "/pernyataan/" in page.url and "/baru/" not in page.url, page.locator(
        ".invalid-feedback, .alert-danger"
    ).all_text_contents()
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "SOP-Penyusunan-Dokumen-Perencanaan-Kinerja-rev1.pdf",
                "mimeType": "application/pdf",
                "buffer": SOP_PDF,
            }
        ],
    )
    page.fill("#id_label", "SOP Penyusunan Dokumen Perencanaan Kinerja")
    page.click('[data-testid="add-attachment"]')
    statement_url = page.url

    # 4. The head signs the Surat Pernyataan (numbered, signed, archived).
    page = switch(page, login_page, "kepala")
    page.goto(statement_url)
    page.click('[data-testid="sign-statement"]')
    page.wait_for_selector("text=Surat Pernyataan ditandatangani")
    number = page.text_content("h1.page-title").strip()
    assert number.startswith("Surat Pernyataan 700/")
    pdf = page.request.get(f"{url}{page.get_attribute('[data-testid=statement-pdf]', 'href')}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    shot(page, "2-surat-pernyataan")

    # 5. The evaluator compares the subject with the evidence and closes the recommendation.
    page = switch(page, login_page, "inspektorat")
    page.goto(f"{url}/evaluasi/rekomendasi/{rec.pk}/")
    assert page.text_content('[data-testid="rec-subject"]').strip() == "SOP penyusunan dokumen perencanaan kinerja"
    evidence = page.text_content('[data-testid="followup-evidence"]')
    assert "Surat Pernyataan 700/" in evidence and "SOP Penyusunan Dokumen Perencanaan Kinerja" in evidence
    page.check('input[name="outcome"][value="selesai"]')
    page.fill("#id_note", "SOP penyusunan dokumen perencanaan kinerja internal telah ditetapkan dan dilampirkan.")
    page.click('[data-testid="verify"]')
    assert page.text_content('[data-testid="rec-state"]').strip() == "Selesai"
    shot(page, "3-verifikasi")
    page.goto(f"{url}/evaluasi/matriks-tl/?tahun={ev.year}")
    assert "Selesai" in page.text_content('[data-testid="matriks-tl"]')
    rec.refresh_from_db()
    assert rec.state == Recommendation.State.SELESAI and rec.verified_by.username == "inspektorat"
