"""The demo: the seed's 2022 evaluation with findings (b) and (c), the Surat Pernyataan
700/7327/2022 as the follow-up of (c) verified "sebagian", the 2021 comparison and the recap."""

from decimal import Decimal

import pytest

from sakip.evaluation import selectors
from sakip.evaluation.models import Evaluation, Recommendation, SuratPernyataan

pytestmark = pytest.mark.django_db


def test_findings_b_and_c_worded_as_in_the_seed(ev22):
    b = ev22.findings.get(letter="b")
    c = ev22.findings.get(letter="c")
    assert (
        b.sebab == "Kondisi ini disebabkan karena belum tersedianya Indikator Kinerja Individu (IKI) dan Sasaran "
        "Kinerja Pegawai (SKP)"
    )
    assert b.akibat.startswith(
        "Kondisi ini mengakibatkan adanya kemungkinan pegawai Dinsospermasdes tidak mengetahui indikator/ "
        "sasaran kinerja"
    )
    assert (
        "SMART, menggunakan penyelarasan (cascading) di setiap level secara logis, serta memperhatikan "
        "kinerja bidang lain (crosscutting)" in b.kondisi
    )
    assert c.title == "SOP penyusunan dokumen perencanaan kinerja belum sesuai dengan ketentuan yang berlaku"
    assert c.kondisi.startswith(
        "Dinsospermasdes telah melampirkan data dukung penyusunan dokumen kinerja berupa SOP, namun isi "
        "dari SOP yang dilampirkan belum sesuai."
    )
    assert "masih berisi SOP yang bersumber dari Bappedalitbang" in c.kondisi
    for f in (b, c):
        assert f.norm.startswith(
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021"
        )
        assert f.norm.endswith("Lampiran I")
        assert f.recommendations.exists()
    assert [s.code for s in b.subcomponents.all()] == ["1.b"]
    assert [s.code for s in c.subcomponents.all()] == ["1.a"]


def test_statement_700_7327_2022_is_the_archived_one_with_the_sop(ev22):
    from sakip.documents.models import ArchivedDocument

    statement = SuratPernyataan.objects.get(evaluation=ev22)
    assert statement.number == "700/7327/2022" and statement.state == SuratPernyataan.State.SIGNED
    archived = ArchivedDocument.objects.get(pk=statement.document_id)
    assert archived.number == "700/7327/2022" and archived.doc_type.code == "surat_pernyataan"
    assert SuratPernyataan.objects.filter(number="700/7327/2022").count() == 1
    assert statement.statement_lines[0].startswith("Dinsospermasdes Kabupaten Banyumas akan lebih cermat dan konsisten")
    assert statement.signer_title == "Plt. Kepala Dinsospermasdes Kabupaten Banyumas"
    assert "SOP Pengukuran Kinerja" in statement.attachments.get().display_label


def test_recommendation_c_is_partly_done_and_says_why(ev22, client_for):
    rec = Recommendation.objects.get(finding__evaluation=ev22, finding__letter="c")
    assert rec.state == Recommendation.State.SEBAGIAN and rec.is_open
    assert "SOP penyusunan dokumen perencanaan kinerja" in rec.subject
    assert "SOP Pengukuran Kinerja" in rec.verification_note and "perencanaan" in rec.verification_note
    page = client_for("inspektorat").get(f"/evaluasi/rekomendasi/{rec.pk}/").content.decode()
    # the recommendation's subject beside the evidence
    subject_at, evidence_at = page.index('data-testid="rec-subject"'), page.index('data-testid="followup-evidence"')
    assert subject_at < evidence_at
    assert "Surat Pernyataan 700/7327/2022" in page and "SOP Pengukuran Kinerja" in page
    assert "Sebagian (belum tuntas)" in page


def test_scores_and_last_years_figures(ev22, users):
    assert ev22.total_score == Decimal("60.00") and ev22.predikat == "CC"  # 60.00 is CC: lower bounds exclusive
    sheet = selectors.worksheet(ev22, users["kepala"], with_criteria=False)
    assert sheet["previous"].year == 2021 and sheet["previous_score"].total == Decimal("51.75")
    first = sheet["components"][0]
    assert first.score == Decimal("18.60") and first.previous == Decimal("17.10")


def test_recap_of_every_opd(demo, users):
    data = selectors.recap(users["inspektorat"], demo["pemda"], 2022)
    rows = {r["opd"].akronim: r for r in data["rows"]}
    assert set(rows) == {"Dinsospermasdes", "Bappedalitbang"}
    assert rows["Bappedalitbang"]["rank"] == 1 and rows["Dinsospermasdes"]["rank"] == 2
    assert rows["Dinsospermasdes"]["change"] == Decimal("8.25")
    assert rows["Dinsospermasdes"]["open"] == 3


def test_current_year_self_assessment_is_preanswered(ev_current):
    assert ev_current.state == Evaluation.State.DRAFT_MANDIRI
    answered = ev_current.criterion_answers.exclude(auto_answer="")
    assert answered.filter(criterion__code="1.b.8").exists()
    assert all(a.auto_reason and a.auto_rule for a in answered)


def test_demo_loader_is_idempotent(demo):
    from sakip.evaluation import demo as evaluation_demo
    from sakip.evaluation.models import CriterionAnswer, Finding, FollowUpEvidence

    counts = (
        Evaluation.objects.count(),
        Finding.objects.count(),
        Recommendation.objects.count(),
        SuratPernyataan.objects.count(),
        FollowUpEvidence.objects.count(),
        CriterionAnswer.objects.count(),
    )
    from sakip.documents import demo as documents_demo  # noqa: F401  (the context the loader gets)

    evaluation_demo.load(
        {"pemda": demo["pemda"], "dinas": demo["dinas"], "inspektorat": demo["inspektorat"], "bappeda": demo["bappeda"]}
    )
    assert counts == (
        Evaluation.objects.count(),
        Finding.objects.count(),
        Recommendation.objects.count(),
        SuratPernyataan.objects.count(),
        FollowUpEvidence.objects.count(),
        CriterionAnswer.objects.count(),
    )
