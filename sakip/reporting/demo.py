"""Demo LKjIP: Dinsospermasdes 2022, compiled from the demo's locked TW IV 2022 measurement, reviewed
by the Inspektorat (checklist, one note answered by the OPD, LHR and Pernyataan Telah Direviu of
20 February 2023, signed by the Inspektur) and signed by the Kepala on 27 February 2023 — archived, so the
LKE 3.a.1/3.a.3/3.a.4 automatic answers of an evaluation of 2023 answer "Y". Idempotent."""

from datetime import date, datetime, time

from django.utils import timezone

from sakip.organization.models import User

from . import lkjip_services as S
from .models import Lkjip

REVIU_ON = date(2023, 2, 20)
SIGN_ON = date(2023, 2, 27)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(ctx):
    dinas = ctx["dinas"]
    existing = Lkjip.objects.filter(opd=dinas, year=2022).first()
    if existing is not None and existing.status == Lkjip.Status.DITANDATANGANI:
        return {"lkjip_2022": existing}
    if existing is not None:
        existing.delete()
    names = ["timsakip", "inspektorat", "inspektur", "kepala"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    tim, insp, kepala = users["timsakip"], users["inspektorat"], users["kepala"]
    version = S.compile_lkjip(user=tim, opd=dinas, year=2022, now=_at(date(2023, 1, 30), 9))
    lkjip = version.lkjip
    S.save_section(
        user=tim,
        version=version,
        field="isu_strategis",
        text="Angka kemiskinan dan penyandang masalah kesejahteraan sosial yang masih tinggi; kemandirian desa "
        "yang belum merata; data terpadu kesejahteraan sosial yang belum mutakhir.",
    )
    S.save_section(
        user=tim,
        version=version,
        field="penutup",
        text="Capaian kinerja 2022 menjadi dasar perbaikan perencanaan 2023: pemutakhiran data penerima manfaat, "
        "penguatan pendampingan desa dan percepatan serapan anggaran triwulan awal.",
    )
    S.send_to_reviu(user=tim, lkjip=lkjip)
    S.assign_reviu(user=insp, lkjip=lkjip, now=_at(date(2023, 2, 6), 9))
    S.save_checklist(user=insp, lkjip=lkjip, answers={k: {"ok": True, "note": ""} for k, _l in S.CHECKLIST})
    note = S.add_note(
        user=insp,
        lkjip=lkjip,
        section="Bab III",
        text="Lengkapi uraian penyebab capaian yang belum mencapai target dan rencana tindak lanjutnya.",
    )
    S.send_notes(user=insp, lkjip=lkjip, now=_at(date(2023, 2, 8), 10))
    lkjip.refresh_from_db()
    item = lkjip.current.sasaran.order_by("order").first()
    if item is not None:
        S.save_sasaran(
            user=tim,
            item=item,
            analisis=(item.analisis + "\n" if item.analisis else "")
            + "Capaian yang belum memenuhi target disebabkan keterlambatan verifikasi data penerima manfaat.",
            solusi=(item.solusi + "\n" if item.solusi else "")
            + "Verifikasi data dilakukan setiap triwulan bersama pemerintah desa.",
        )
    S.answer_note(user=tim, note=note, response="Uraian penyebab dan tindak lanjut dilengkapi pada Bab III.")
    S.send_to_reviu(user=tim, lkjip=lkjip)
    S.save_checklist(user=insp, lkjip=lkjip, answers={k: {"ok": True, "note": ""} for k, _l in S.CHECKLIST})
    # the auditor prepared the reviu; the Inspektur issues and signs the LHR and the Pernyataan (docs/documents.md)
    S.finish_reviu(user=users["inspektur"], lkjip=lkjip, on=REVIU_ON, now=_at(REVIU_ON, 14))
    S.sign_lkjip(user=kepala, lkjip=lkjip, on=SIGN_ON, now=_at(SIGN_ON, 10))
    lkjip.refresh_from_db()
    return {"lkjip_2022": lkjip}
