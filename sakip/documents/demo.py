"""Demo documents: the seed's Surat Pernyataan Nomor 700/7327/2022 regenerated from data (signed
by SUGENG AMIN, SH.MM as Plt. Kepala Dinsospermasdes, dated 21 November 2022), with the SOP
Pengukuran Kinerja 061.1/366 as lampiran when the SOP demo has archived it; the Surat Pengantar
that sends it to the Inspektorat (the register continues: 700/7328/2022); a current-year
invitation waiting for paraf. Generated synchronously while the demo loads. Idempotent."""

from datetime import date, datetime, time

from django.utils import timezone

from sakip.core.actors import system_user
from sakip.organization.models import Position, Unit
from sakip.sop.printing import sop_pdf

from . import services
from .docx import letter_docx
from .logo import ensure_pemda_logo
from .models import ArchivedDocument, DocumentType, Klasifikasi, Letter, NumberRecord, Paraf
from .reference import ensure_reference, load_document_types, load_klasifikasi, load_retention
from .selectors import documents_for_source

STATEMENT_DATE = date(2022, 11, 21)  # a Monday after the Inspektorat's LHE 2022; SUGENG AMIN is Plt. until 31 Dec 2022
SEED_NUMBER = "700/7327/2022"
SOP_NUMBER = "061.1/366"

STATEMENT_BODY = (
    "Menanggapi rekomendasi Inspektorat Kabupaten Banyumas sesuai hasil pemeriksaan atas Laporan Hasil Evaluasi "
    "atas Implementasi SAKIP pada Dinsospermasdes Kabupaten Banyumas Tahun 2022 sebagaimana tercantum. "
    "Dengan ini menyatakan bahwa:"
)
STATEMENTS = [
    "Dinsospermasdes Kabupaten Banyumas akan lebih cermat dan konsisten dalam menyajikan data capaian "
    "Implementasi SAKIP "
    "terkait dengan SOP Pengukuran Kinerja Dinsospermasdes Kabupaten Banyumas.",
    "SOP Pengukuran Kinerja Dinsospermasdes (terlampir)",
]
STATEMENT_CLOSING = "Demikian Surat Pernyataan dibuat untuk menjadi periksa dan guna seperlunya."


def find_sop_document(dinas, ctx):
    """The SOP Pengukuran Kinerja 061.1/366 as the 2022 statement attached it: version 1 (approved 18 January 2021),
    issued by the SOP app's demo when it approved it."""
    doc = (
        ArchivedDocument.objects.filter(opd=dinas, number__in=[SOP_NUMBER, "061.1 / 366"], version=1)
        .order_by("pk")
        .first()
    )
    if doc is not None:
        return doc
    sop = ctx.get("sop_pengukuran")
    if sop is None or not hasattr(sop, "_meta"):
        return None
    found = documents_for_source(sop).first()
    if found is not None:
        return found
    # The SOP app's demo SOP exists but was not archived: archive its rendered PDF (version 1, the one
    # of 18 January 2021 that the 2022 statement attached), unsigned — it was signed on paper.
    version = sop.versions.order_by("version").first()
    if version is None:
        return None
    for found in documents_for_source(version):
        return found
    the_date = version.made_on or version.approved_on or date(2021, 1, 18)
    return services.issue_document(
        user=system_user(),
        opd=dinas,
        doc_type="sop",
        subject=f"SOP {version.judul}",
        date=the_date,
        pdf_bytes=sop_pdf(version),
        number=sop.number,
        unit=getattr(sop, "unit", None),
        source=version,
        check_permission=False,
    )


def _stamp_paraf(letter, position, employee, when):
    paraf, _ = Paraf.objects.get_or_create(letter=letter, position=position, defaults={"employee": employee})
    Paraf.objects.filter(pk=paraf.pk).update(at=timezone.make_aware(when))


def _signed_letter(
    *, dinas, unit, dtype, subject, the_date, defaults, drafter_position, parafs, number=None, lampiran=()
):
    letter = Letter.objects.filter(opd=dinas, doc_type=dtype, subject=subject, date=the_date).first()
    if letter is None:
        letter = Letter(opd=dinas, doc_type=dtype, subject=subject, date=the_date, unit=unit, **defaults)
        holder = drafter_position.holder_on(the_date)
        letter.drafter, letter.drafter_position = (holder.employee if holder else None), drafter_position
        if number:
            letter.number_record = number
            letter.mark_numbered()
        letter.save()
        for position, when in parafs:
            holder = position.holder_on(the_date)
            if holder:
                _stamp_paraf(letter, position, holder.employee, when)
    if letter.lampiran.count() != len(lampiran):
        letter.lampiran.set(lampiran)
    current = letter.document
    if current is not None and {d.pk for d in current.lampiran.all()} == {d.pk for d in lampiran}:
        return letter, current
    ctx = services.letter_context(letter)
    number_text = letter.number_record.number if letter.number_record_id else None
    doc = services.issue_document(
        user=system_user(),
        opd=dinas,
        doc_type=dtype.code,
        subject=subject,
        date=the_date,
        html_template=services.letter_template(letter),
        context=ctx,
        docx_render=lambda c: letter_docx(letter, c, c["nomor"]),
        klasifikasi=None if number_text else letter.klasifikasi,
        number=number_text,
        signer_position=letter.signer_position,
        sign=True,
        unit=unit,
        source=letter,
        lampiran=lampiran,
        previous=current,
        check_permission=False,
    )
    if letter.number_record_id is None and doc.number_record_id:
        letter.number_record = doc.number_record
    letter.document = doc
    if letter.state != Letter.State.SIGNED:
        letter.mark_signed()
    letter.save()
    return letter, doc


def load(ctx):
    load_klasifikasi()
    load_retention()
    load_document_types()
    ensure_reference()
    dinas, pemda = ctx["dinas"], ctx["pemda"]
    ensure_pemda_logo(pemda)

    kepala = Position.objects.get(opd=dinas, is_opd_head=True)
    sek = Position.objects.get(opd=dinas, name__startswith="Sekretaris Dinas")
    kasubbag = Position.objects.get(opd=dinas, name="Kepala Subbagian Perencanaan dan Keuangan")
    sub_ren = Unit.objects.get(opd=dinas, name="Subbagian Perencanaan dan Keuangan")
    pernyataan = DocumentType.objects.get(code="surat_pernyataan")
    pengantar = DocumentType.objects.get(code="surat_pengantar")
    k700 = Klasifikasi.objects.get(scheme="Permendagri 78/2012", code="700")

    # 1. The seed's number, issued outside sakip in 2022: registered, the 2022 register continues after it.
    record = NumberRecord.objects.filter(opd=dinas, number=SEED_NUMBER).first()
    if record is None:
        record = services.register_external_number(
            user=system_user(),
            opd=dinas,
            doc_type=pernyataan,
            number=SEED_NUMBER,
            date=STATEMENT_DATE,
            subject="Surat Pernyataan tindak lanjut rekomendasi LHE SAKIP 2022",
            recipient="Inspektorat Kabupaten Banyumas",
            unit=sub_ren,
            check_permission=False,
        )

    # 2. The Surat Pernyataan, regenerated from data and signed, with the SOP as lampiran when it exists.
    sop_doc = find_sop_document(dinas, ctx)
    statement, statement_doc = _signed_letter(
        dinas=dinas,
        unit=sub_ren,
        dtype=pernyataan,
        subject="Surat Pernyataan tindak lanjut rekomendasi LHE SAKIP 2022",
        the_date=STATEMENT_DATE,
        defaults={
            "klasifikasi": k700,
            "body": STATEMENT_BODY,
            "items": STATEMENTS,
            "closing": STATEMENT_CLOSING,
            "signer_position": kepala,
            "lampiran_note": "1 (satu) berkas",
            "recipient": "Inspektur Kabupaten Banyumas",
        },
        drafter_position=kasubbag,
        parafs=[
            (kasubbag, datetime.combine(date(2022, 11, 18), time(10, 0))),
            (sek, datetime.combine(date(2022, 11, 21), time(8, 30))),
        ],
        number=record,
        lampiran=[sop_doc] if sop_doc else [],
    )

    # 3. The cover letter to the Inspektorat, numbered by sakip right after the registered number.
    cover, cover_doc = _signed_letter(
        dinas=dinas,
        unit=sub_ren,
        dtype=pengantar,
        subject="Penyampaian Surat Pernyataan tindak lanjut LHE SAKIP 2022",
        the_date=STATEMENT_DATE,
        defaults={
            "klasifikasi": k700,
            "recipient": "Inspektur Kabupaten Banyumas",
            "recipient_place": "Purwokerto",
            "signer_position": kepala,
            "lampiran_note": "1 (satu) berkas",
            "body": "Bersama ini kami sampaikan dengan hormat naskah sebagai berikut:",
            "items": [
                {
                    "uraian": f"Surat Pernyataan Nomor {SEED_NUMBER} tentang tindak lanjut rekomendasi Laporan Hasil "
                    f"Evaluasi atas Implementasi SAKIP Tahun 2022",
                    "banyaknya": "1 (satu) lembar",
                    "keterangan": "Disampaikan dengan hormat",
                },
                {
                    "uraian": f"SOP Pengukuran Kinerja Dinsospermasdes Nomor {SOP_NUMBER}",
                    "banyaknya": "1 (satu) berkas",
                    "keterangan": "Terlampir pada surat pernyataan",
                },
            ],
            "tembusan": "Bupati Banyumas (sebagai laporan)",
        },
        drafter_position=kasubbag,
        parafs=[
            (kasubbag, datetime.combine(date(2022, 11, 21), time(9, 0))),
            (sek, datetime.combine(date(2022, 11, 21), time(9, 30))),
        ],
        lampiran=[statement_doc],
    )

    # 4. A current-year invitation drafted by the Kasubbag, waiting for the Sekretaris' paraf.
    today = date.today()
    undangan = DocumentType.objects.get(code="undangan")
    invite_date = max(date(today.year, 1, 15), min(today, date(today.year, 12, 15)))
    if not Letter.objects.filter(
        opd=dinas, doc_type=undangan, subject="Undangan rapat pembahasan pengukuran kinerja", date__year=today.year
    ).exists():
        holder = kasubbag.holder_on(invite_date)
        letter = Letter.objects.create(
            opd=dinas,
            unit=sub_ren,
            doc_type=undangan,
            klasifikasi=undangan.default_klasifikasi,
            date=invite_date,
            subject="Undangan rapat pembahasan pengukuran kinerja",
            sifat=Letter.Sifat.PENTING,
            recipient="Sekretaris Dinsospermasdes\nPara Kepala Bidang Dinsospermasdes\nAnggota Tim SAKIP "
            "Dinsospermasdes",
            recipient_place="Tempat",
            body="Dalam rangka pelaksanaan SOP Pengukuran Kinerja (langkah 4 dan 5), dengan hormat kami "
            "mengundang Saudara untuk hadir pada rapat pembahasan pengukuran kinerja triwulan yang akan "
            "dilaksanakan pada:",
            details={
                "hari_tanggal": invite_date.isoformat(),
                "waktu": "09.00 WIB s.d. selesai",
                "tempat": "Ruang Rapat Dinsospermasdes, Jalan Pemuda Nomor 24 Purwokerto",
                "acara": "Pembahasan draf pengukuran kinerja",
            },
            closing="Mengingat pentingnya acara tersebut, dimohon hadir tepat waktu. Atas perhatiannya kami "
            "ucapkan terima kasih.",
            signer_position=kepala,
            drafter=holder.employee if holder else None,
            drafter_position=kasubbag,
        )
        if holder:
            _stamp_paraf(letter, kasubbag, holder.employee, datetime.combine(invite_date, time(8, 0)))
    return {
        "surat_pernyataan": statement_doc,
        "surat_pernyataan_letter": statement,
        "surat_pengantar_lhe": cover_doc,
        "sop_lampiran_attached": sop_doc is not None,
    }
