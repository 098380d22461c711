"""Demo evaluations (idempotent, natural keys).

- Dinsospermasdes 2022 (LHE terbit): the seed's findings (b) and (c) worded as in the seed (the
  start of (b)'s Kondisi, (c)'s Sebab/Akibat and the Rekomendasi are written plausibly); (b)
  linked to sub-component 1.b, (c) to 1.a; the seed's Surat Pernyataan 700/7327/2022 (archived by
  the documents demo) as the follow-up of (c), with the SOP Pengukuran Kinerja attached; the
  Inspektorat's verification says "sebagian" because (c) asked for the SOP for *planning*
  documents.
- Dinsospermasdes 2021 (final), restated in the 88/2021 structure for the year-on-year comparison.
- Bappedalitbang 2021 and 2022 (final) for the recap.
- Dinsospermasdes, current year: the self-assessment in progress, pre-answered automatically.
"""

from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from sakip.core.actors import system_user
from sakip.organization.models import Position, User
from sakip.sop.models import Sop

from . import documents as docs
from .documents import find_archived_by_number
from .models import (
    CriterionAnswer,
    Evaluation,
    Finding,
    FollowUpEvidence,
    Recommendation,
    StatementAttachment,
    SubComponentAnswer,
    SuratPernyataan,
)
from .seed import ensure_88_2021
from .selectors import score_of
from .services import apply_auto_answers, ensure_rows, settings_for

CURRENT_YEAR = date.today().year
SEED_STATEMENT = "700/7327/2022"
LHE_2022 = ("700/1184/2022", date(2022, 10, 17))

KRITERIA_88 = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 tentang "
    "Evaluasi Akuntabilitas Kinerja Instansi Pemerintah\nLampiran I"
)

# Sub-component answers per (OPD akronim, year).
ANSWERS = {
    ("Dinsospermasdes", 2021): {
        "1.a": "CC",
        "1.b": "C",
        "1.c": "CC",
        "2.a": "CC",
        "2.b": "C",
        "2.c": "C",
        "3.a": "B",
        "3.b": "CC",
        "3.c": "C",
        "4.a": "CC",
        "4.b": "C",
        "4.c": "D",
    },
    ("Dinsospermasdes", 2022): {
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
    },
    ("Bappedalitbang", 2021): {
        "1.a": "B",
        "1.b": "CC",
        "1.c": "CC",
        "2.a": "B",
        "2.b": "CC",
        "2.c": "C",
        "3.a": "BB",
        "3.b": "CC",
        "3.c": "CC",
        "4.a": "CC",
        "4.b": "CC",
        "4.c": "C",
    },
    ("Bappedalitbang", 2022): {
        "1.a": "BB",
        "1.b": "B",
        "1.c": "B",
        "2.a": "BB",
        "2.b": "B",
        "2.c": "CC",
        "3.a": "A",
        "3.b": "B",
        "3.c": "B",
        "4.a": "B",
        "4.b": "B",
        "4.c": "CC",
    },
}
SHARE_MET = {"AA": 1, "A": 1, "BB": 1, "B": 0.8, "CC": 0.7, "C": 0.45, "D": 0.2, "E": 0}
# 2022 Dinsospermasdes: the criteria behind findings (b) and (c) — the OPD said Y, the evaluator T.
DISPUTED_2022 = {"1.a.1", "1.b.5", "1.b.8", "1.b.9", "1.b.11"}

SUB_NOTES_2022 = {
    "1.a": "SOP penyusunan dokumen perencanaan kinerja yang dilampirkan bersumber dari Bappedalitbang dan belum "
    "diturunkan menjadi SOP internal (temuan c).",
    "1.b": "Indikator kinerja belum seluruhnya SMART; cascading baru sampai Administrator; IKI dan SKP belum "
    "tersedia; crosscutting belum dipetakan (temuan b).",
    "2.b": "Pengukuran triwulanan dilakukan, tetapi validasi berjenjang oleh atasan belum terdokumentasi.",
    "4.c": "Sebagian rekomendasi LHE 2021 belum ditindaklanjuti.",
}

FINDING_B = {
    "title": "Dokumen perencanaan kinerja belum memenuhi standar yang baik",
    "kondisi": (
        "Dinsospermasdes telah menyusun dokumen perencanaan kinerja berupa Renstra, Renja, Indikator "
        "Kinerja Utama (IKU) "
        "dan Perjanjian Kinerja. Namun, hasil reviu atas dokumen tersebut menunjukkan bahwa indikator "
        "kinerja belum seluruhnya "
        "memenuhi kriteria SMART, penjabaran kinerja (cascading) baru dilakukan sampai tingkat "
        "Administrator dan belum sampai "
        "ke tingkat individu, serta dokumen perencanaan belum menggambarkan keterkaitan dengan kinerja "
        "bidang dan perangkat "
        "daerah lain (crosscutting). Dengan demikian dokumen perencanaan kinerja belum memenuhi standar "
        "yang baik, yaitu untuk "
        "mencapai hasil, dengan ukuran kinerja yang SMART, menggunakan penyelarasan (cascading) di setiap "
        "level secara logis, "
        "serta memperhatikan kinerja bidang lain (crosscutting)."
    ),
    "sebab": "Kondisi ini disebabkan karena belum tersedianya Indikator Kinerja Individu (IKI) dan Sasaran Kinerja "
    "Pegawai (SKP)",
    "akibat": (
        "Kondisi ini mengakibatkan adanya kemungkinan pegawai Dinsospermasdes tidak mengetahui indikator/ "
        "sasaran kinerja yang "
        "seharusnya pegawai tersebut lakukan dalam rangka mewujudkan terselenggaranya IKU instansi."
    ),
    "priority": Finding.Priority.TINGGI,
    "subs": ["1.b"],
    "criteria": ["1.b.5", "1.b.8", "1.b.9", "1.b.11"],
    "recs": [
        (
            "Kepala Dinsospermasdes agar menginstruksikan Sekretaris selaku Ketua Tim SAKIP untuk "
            "menyusun Indikator Kinerja Individu (IKI) "
            "dan Sasaran Kinerja Pegawai (SKP) seluruh pegawai yang diturunkan (cascading) secara logis "
            "dari IKU Dinsospermasdes.",
            "IKI dan SKP seluruh pegawai, diturunkan dari IKU",
            "Sekretaris",
        ),
        (
            "Kepala Dinsospermasdes agar memperbaiki rumusan indikator kinerja sehingga memenuhi kriteria "
            "SMART dan memetakan keterkaitan "
            "kinerja dengan bidang dan perangkat daerah lain (crosscutting) dalam dokumen perencanaan kinerja.",
            "Indikator SMART dan peta crosscutting",
            "Kasubbag Perencanaan dan Keuangan",
        ),
    ],
}

FINDING_C = {
    "title": "SOP penyusunan dokumen perencanaan kinerja belum sesuai dengan ketentuan yang berlaku",
    "kondisi": (
        "Dinsospermasdes telah melampirkan data dukung penyusunan dokumen kinerja berupa SOP, namun isi "
        "dari SOP yang dilampirkan "
        "belum sesuai. SOP penyusunan dokumen kinerja yang dilampirkan masih berisi SOP yang bersumber "
        "dari Bappedalitbang. Isinya "
        "belum diturunkan menjadi SOP internal yang disesuaikan dengan situasi, kondisi, dan kebutuhan "
        "dalam penyusunan dokumen "
        "kinerja di Dinsospermasdes."
    ),
    "sebab": (
        "Kondisi ini disebabkan karena Tim SAKIP Dinsospermasdes belum melakukan identifikasi kegiatan "
        "dan penyusunan SOP secara "
        "mandiri sesuai Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011, sehingga SOP perangkat daerah "
        "lain digunakan tanpa penyesuaian."
    ),
    "akibat": (
        "Kondisi ini mengakibatkan penyusunan dokumen perencanaan kinerja di Dinsospermasdes tidak "
        "memiliki pedoman yang sesuai dengan "
        "struktur organisasi dan pelaksana yang ada, sehingga berisiko tidak konsisten dan sulit dipertanggungjawabkan."
    ),
    "priority": Finding.Priority.SEDANG,
    "subs": ["1.a"],
    "criteria": ["1.a.1"],
    "recs": [
        (
            "Kepala Dinsospermasdes agar menyusun dan menetapkan SOP penyusunan dokumen perencanaan "
            "kinerja yang disesuaikan dengan struktur "
            "organisasi, pelaksana, dan kebutuhan Dinsospermasdes, serta meninjau kembali SOP lain yang "
            "masih mengacu pada perangkat daerah lain.",
            "SOP penyusunan dokumen perencanaan kinerja (internal Dinsospermasdes)",
            "Sekretaris",
        ),
    ],
}

STATEMENTS = [
    "Dinsospermasdes Kabupaten Banyumas akan lebih cermat dan konsisten dalam menyajikan data capaian "
    "Implementasi SAKIP terkait dengan SOP Pengukuran Kinerja Dinsospermasdes Kabupaten Banyumas.",
    "SOP Pengukuran Kinerja Dinsospermasdes (terlampir)",
]

VERIFICATION_C = (
    "Sebagian. Surat Pernyataan Nomor 700/7327/2022 melampirkan SOP Pengukuran Kinerja (Nomor SOP "
    "061.1/366, dibuat 18 Januari 2021), "
    "sedangkan rekomendasi meminta SOP penyusunan dokumen perencanaan kinerja (kriteria 1.a). SOP yang "
    "dilampirkan juga masih memuat peran "
    "Bappedalitbang (Kasubbid Data, Kepala Badan), Tanggal Efektif kosong, dan disahkan oleh kepala dinas "
    "sebelumnya. Rekomendasi tetap "
    "terbuka sampai SOP penyusunan dokumen perencanaan kinerja internal Dinsospermasdes ditetapkan."
)


def _aware(d: date, hour=10):
    return timezone.make_aware(datetime.combine(d, time(hour, 0)))


def _set_state(obj, state, **extra):
    type(obj).objects.filter(pk=obj.pk).update(state=state, **extra)


def _evaluation(opd, year, template, state, evaluator, **fields):
    ev = Evaluation.objects.filter(opd=opd, year=year).first()
    if ev is None:
        ev = Evaluation(opd=opd, year=year, template=template, state=state, evaluator=evaluator, **fields)
        ev._change_reason = "Data demo"
        ev.save()
    else:
        Evaluation.objects.filter(pk=ev.pk).update(state=state, evaluator=evaluator, **fields)
        ev.refresh_from_db()
    ensure_rows(ev)
    return ev


def _fill(ev, answers, *, disputed=(), notes=None):
    subs = {s.subcomponent.code: s for s in ev.sub_answers.select_related("subcomponent")}
    for code, sa in subs.items():
        sa.answer = answers.get(code, "")
        sa.evaluator_note = (notes or {}).get(code, "")
    SubComponentAnswer.objects.bulk_update(subs.values(), ["answer", "evaluator_note"])
    rows = list(ev.criterion_answers.select_related("criterion__subcomponent").order_by("criterion__number"))
    by_sub = {}
    for ans in rows:
        by_sub.setdefault(ans.criterion.subcomponent.code, []).append(ans)
    for code, items in by_sub.items():
        met = round(len(items) * SHARE_MET.get(answers.get(code, "E"), 0))
        for i, ans in enumerate(items):
            value = "Y" if i < met else "T"
            if ans.criterion.code in disputed:
                ans.opd_answer, ans.evaluator_answer = "Y", "T"
                ans.evaluator_note = "Bukti dukung belum sesuai kriteria; lihat temuan."
            else:
                ans.opd_answer = ans.evaluator_answer = value
    CriterionAnswer.objects.bulk_update(rows, ["opd_answer", "evaluator_answer", "evaluator_note"])


def _finding(ev, letter, spec, positions):
    template = ev.template
    finding, _ = Finding.objects.update_or_create(
        evaluation=ev,
        letter=letter,
        defaults={
            "title": spec["title"],
            "kondisi": spec["kondisi"],
            "norm": KRITERIA_88,
            "sebab": spec["sebab"],
            "akibat": spec["akibat"],
            "priority": spec["priority"],
        },
    )
    finding.subcomponents.set(template.subcomponents.filter(code__in=spec["subs"]))
    finding.lke_criteria.set(template.criteria.filter(code__in=spec["criteria"]))
    recs = []
    for number, (text, subject, pic_short) in enumerate(spec["recs"], start=1):
        rec, _ = Recommendation.objects.update_or_create(
            finding=finding,
            number=number,
            defaults={
                "text": text,
                "subject": subject,
                "pic": positions.get(pic_short),
                "due_date": date(2022, 12, 16),
            },
        )
        recs.append(rec)
    return finding, recs


def load(ctx):
    template = ensure_88_2021()
    pemda, dinas, bappeda = ctx["pemda"], ctx["dinas"], ctx["bappeda"]
    settings_for(pemda)
    evaluator = User.objects.filter(username="inspektorat").first()
    positions = {
        "Sekretaris": Position.objects.filter(opd=dinas, name__startswith="Sekretaris Dinas").first(),
        "Kasubbag Perencanaan dan Keuangan": Position.objects.filter(
            opd=dinas, name="Kepala Subbagian Perencanaan dan Keuangan"
        ).first(),
    }
    team = "Tim Evaluasi AKIP Inspektorat Kabupaten Banyumas (Irban Wilayah I)"

    # --- 2021 (for comparison) and Bappedalitbang ------------------------------------------------
    for opd, year in ((dinas, 2021), (bappeda, 2021), (bappeda, 2022)):
        final_on = date(year, 9, 30)
        ev = _evaluation(
            opd,
            year,
            template,
            Evaluation.State.FINAL,
            evaluator,
            team=team,
            submitted_at=_aware(date(year, 6, 30)),
            sent_at=_aware(date(year, 8, 31)),
            finalized_at=_aware(final_on),
            summary="Nilai 2021 disajikan dalam struktur LKE PermenPAN-RB 88/2021 sebagai pembanding."
            if year == 2021
            else "",
        )
        _fill(ev, ANSWERS[(opd.akronim, year)])
        _store_score(ev)

    # --- 2022 Dinsospermasdes: the seed's evaluation --------------------------------------------
    lhe_number, lhe_date = LHE_2022
    ev22 = _evaluation(
        dinas,
        2022,
        template,
        Evaluation.State.LHE_TERBIT,
        evaluator,
        team=team,
        submitted_at=_aware(date(2022, 6, 30)),
        sent_at=_aware(date(2022, 9, 12)),
        finalized_at=_aware(date(2022, 10, 10)),
        lhe_number=lhe_number,
        lhe_date=lhe_date,
        summary="Evaluasi atas implementasi SAKIP Tahun 2022 (kriteria PermenPAN-RB 88/2021, Lampiran I).",
    )
    _fill(ev22, ANSWERS[(dinas.akronim, 2022)], disputed=DISPUTED_2022, notes=SUB_NOTES_2022)
    SubComponentAnswer.objects.filter(evaluation=ev22, subcomponent__code="1.a").update(
        opd_response="SOP yang dilampirkan adalah SOP yang berlaku di Dinsospermasdes; penyesuaian akan dilakukan.",
        evaluator_response="Tanggapan diterima; SOP tetap perlu disusun sebagai SOP internal Dinsospermasdes.",
    )
    _store_score(ev22)
    _finding(ev22, "b", FINDING_B, positions)
    _, recs_c = _finding(ev22, "c", FINDING_C, positions)
    rec_b = list(Recommendation.objects.filter(finding__evaluation=ev22, finding__letter="b").order_by("number"))
    _set_state(
        rec_b[0],
        Recommendation.State.PROSES,
        action_plan="Menyusun IKI dan SKP seluruh pegawai melalui Matriks Peran Hasil, dimulai dari Bidang "
        "Rehabilitasi Sosial.",
    )
    _set_state(
        rec_b[1],
        Recommendation.State.RENCANA,
        action_plan="Reviu rumusan indikator Renstra bersama Bappedalitbang dan menyusun matriks crosscutting.",
    )

    # The LHE 700/1184/2022 as the Inspektur issued it: through the documents pipeline (the Inspektorat's register,
    # signed by the Inspektur, archived, QR-verifiable), like any LHE issued in sakip.
    if ev22.lhe_document_id is None:
        docs.issue_lhe(user=system_user(), evaluation=ev22, number=lhe_number, on=lhe_date, check_signer=False)
        Evaluation.objects.filter(pk=ev22.pk).update(lhe_document_id=ev22.lhe_document_id)

    # The seed's Surat Pernyataan answers (c), with the SOP Pengukuran Kinerja attached.
    rec_c = recs_c[0]
    archived = ctx.get("surat_pernyataan")
    if archived is None:
        archived = find_archived_by_number(dinas, SEED_STATEMENT)
    stmt_date = archived.date if archived is not None else date(2022, 11, 21)
    statement = SuratPernyataan.objects.filter(evaluation=ev22, number=SEED_STATEMENT).first()
    if statement is None:
        statement = SuratPernyataan(evaluation=ev22, number=SEED_STATEMENT)
    statement.statements = "\n".join(STATEMENTS)
    statement.date = stmt_date
    if statement.state != SuratPernyataan.State.SIGNED:
        statement.sign()
    statement.signer_name, statement.signer_title = (
        "SUGENG AMIN, SH.MM",
        "Plt. Kepala Dinsospermasdes Kabupaten Banyumas",
    )
    statement.signer_pangkat, statement.signer_nip = "Pembina Utama Muda", "196701281993021001"
    statement.document_id = archived.pk if archived is not None else None
    statement._change_reason = "Data demo"
    statement.save()
    statement.recommendations.set([rec_c])
    sop = _sop_record(dinas, archived)
    sop_label = "SOP Pengukuran Kinerja Dinsospermasdes (Nomor SOP 061.1/366)"
    StatementAttachment.objects.update_or_create(
        statement=statement,
        label=sop_label,
        defaults={
            "target_ct": ContentType.objects.get_for_model(sop) if sop is not None else None,
            "target_id": sop.pk if sop is not None else None,
        },
    )
    statement_ct = ContentType.objects.get_for_model(SuratPernyataan)
    FollowUpEvidence.objects.get_or_create(
        recommendation=rec_c,
        target_ct=statement_ct,
        target_id=statement.pk,
        defaults={
            "label": f"Surat Pernyataan {SEED_STATEMENT}",
            "description": "Surat Pernyataan Plt. Kepala Dinsospermasdes",
        },
    )
    for att in statement.attachments.all():
        FollowUpEvidence.objects.update_or_create(
            recommendation=rec_c,
            label=att.display_label,
            defaults={
                "target_ct": att.target_ct,
                "target_id": att.target_id,
                "description": f"Lampiran Surat Pernyataan {SEED_STATEMENT}",
            },
        )
    _set_state(
        rec_c,
        Recommendation.State.SEBAGIAN,
        action_plan="Menyampaikan Surat Pernyataan beserta SOP yang berlaku.",
        progress_note="Surat Pernyataan Nomor 700/7327/2022 dengan lampiran SOP Pengukuran Kinerja.",
        verification_note=VERIFICATION_C,
        verified_by=evaluator,
        verified_at=_aware(date(2022, 12, 12)),
    )

    # --- current year: self-assessment in progress, with automatic answers ----------------------
    current = Evaluation.objects.filter(opd=dinas, year=CURRENT_YEAR).first()
    if current is None:
        current = Evaluation(opd=dinas, year=CURRENT_YEAR, template=template)
        current._change_reason = "Data demo"
        current.save()
    ensure_rows(current)
    apply_auto_answers(current)
    return {"evaluation_2022": ev22, "evaluation_current": current, "statement_700_7327": statement}


def _store_score(ev):
    score = score_of(ev)
    Evaluation.objects.filter(pk=ev.pk).update(total_score=score.total, predikat=score.predikat)


def _sop_record(dinas, archived):
    """The SOP Pengukuran Kinerja 061.1/366 as attached in 2022: its first version in the SOP app,
    else the archived lampiran of the statement, else None (then a plain label is kept)."""
    sop = Sop.objects.filter(opd=dinas, number="061.1/366").first()
    version = sop.versions.order_by("version").first() if sop else None
    if version is not None:
        return version
    if archived is not None:
        return archived.lampiran.order_by("pk").first()
    return None
