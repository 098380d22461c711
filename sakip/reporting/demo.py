"""Demo LKjIP: Dinsospermasdes 2022, compiled from the demo's locked TW IV 2022 measurement, reviewed
by the Inspektorat (checklist, one note answered by the OPD, LHR and Pernyataan Telah Direviu of
20 February 2023, signed by the Inspektur) and signed by the Kepala on 27 February 2023 — archived, so the
LKE 3.a.1/3.a.3/3.a.4 automatic answers of an evaluation of 2023 answer "Y". The Pemda LKjIP 2022 (docs/rules.md
§10): compiled by Bappedalitbang (the Pemda planner) from the RPJMD 2018–2023 and the locked OPD measurements,
signed by the Bupati on 20 March 2023. The LKjIP 2025 in draft, from the locked annual measurement of 2025.
Idempotent."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone

from sakip.organization.models import User

from . import lkjip_services as S
from . import pemda_lkjip_services as PS
from .models import Lkjip, PemdaLkjip

REVIU_ON = date(2023, 2, 20)
SIGN_ON = date(2023, 2, 27)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(ctx):
    out = _opd_lkjip(ctx)
    out["lkjip_2025"] = _draft_2025(ctx)
    out["pemda_lkjip_2022"] = _pemda_lkjip(ctx)
    return out


def _draft_2025(ctx):
    """The LKjIP 2025 of Dinsospermasdes in draft, compiled from the locked annual measurement of 2025 (when the
    demo has it: measurement/demo.py runs it once its start date has passed)."""
    dinas = ctx["dinas"]
    existing = Lkjip.objects.filter(opd=dinas, year=2025).first()
    if existing is not None:
        return existing
    tim = User.objects.get(username="timsakip")
    try:
        version = S.compile_lkjip(user=tim, opd=dinas, year=2025, now=_at(date(2026, 2, 2), 9))
    except ValidationError:  # no locked 2025 measurement (a demo loaded before 12 January 2026)
        return None
    S.save_section(
        user=tim,
        version=version,
        field="isu_strategis",
        text="Penurunan kemiskinan ekstrem; pemutakhiran Data Terpadu Sosial Ekonomi Nasional (DTSEN); "
        "kemandirian desa pada RPJMD 2025–2029.",
    )
    return version.lkjip


PEMDA_SIGN_ON = date(2023, 3, 20)


def _pemda_lkjip(ctx):
    pemda = ctx["pemda"]
    existing = PemdaLkjip.objects.filter(pemda=pemda, year=2022).first()
    if existing is not None and existing.status == PemdaLkjip.Status.DITANDATANGANI:
        return existing
    if existing is not None:
        existing.delete()
    users = {u.username: u for u in User.objects.filter(username__in=["bappeda", "pemda"])}
    lkjip = PS.compile_lkjip(user=users["bappeda"], pemda=pemda, year=2022, now=_at(date(2023, 3, 6), 9))
    texts = {
        "isu_strategis": "Angka kemiskinan yang masih di atas rata-rata Provinsi Jawa Tengah; kemandirian desa yang "
        "belum merata antarkecamatan.",
        "analisis": "Persentase penduduk miskin 2022 turun dari 13,66% menjadi 12,84%, lebih baik dari target "
        "13,2%. Indeks Desa Membangun naik menjadi 0,702, sedikit di bawah target 0,72: pendampingan desa "
        "tertinggal belum menjangkau seluruh desa sasaran.",
        "penutup": "Capaian 2022 menjadi dasar penyusunan RKPD 2024: penajaman sasaran penerima bantuan sosial dan "
        "percepatan pendampingan desa tertinggal.",
    }
    for field, text in texts.items():
        PS.save_section(user=users["bappeda"], lkjip=lkjip, field=field, text=text)
    return PS.sign(user=users["pemda"], lkjip=lkjip, on=PEMDA_SIGN_ON)


def _opd_lkjip(ctx):
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
