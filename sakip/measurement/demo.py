"""Demo measurement of the seed agency (Dinsospermasdes).

- TW I–IV 2022 measured under the seed's SOP 061.1/366 version 1 (in force through 2022), complete:
  every step done by the holders of its lanes in 2022 (the Plt. Kepala SUGENG AMIN signs), with
  plausible durations (the validation and the signature are the bottlenecks), small evidence PDFs,
  budget realisation, the Dokumen Pengukuran Kinerja signed and archived with its numbered cover
  letter (the 2022 numbers are registered as issued outside sakip). The disposition, invitation
  and minutes of 2022 were paper documents: their steps record what was done.
- The current year's earlier triwulan (TW I … the one before the current) under the corrected SOP (version 2),
  complete and locked like 2022 but run in sakip (disposition, invitation, minutes, the Dokumen Pengukuran
  Kinerja and its cover letter issued, numbered and signed in sakip), with realisasi around each quarter's
  target and budget realisasi around the anggaran kas: so the current period's figures (strict over TW I … n)
  and its efficiency can be computed.
- The current triwulan of the current year under the corrected SOP (version 2), in progress with
  due dates relative to the moment the demo is loaded: steps 1–5 done (disposition, forms,
  distribution, invitation and minutes issued in sakip), the units filling their forms. Every demo
  role finds something to do: the Sekretaris and the Kabid Rehabilitasi Sosial their unit's
  collection task, the operator and the Kasi rows to fill, the Tim SAKIP the Sekretariat's IKU rows,
  the Kabid Pemberdayaan Sosial a form to validate, the Kepala a revision request on 2022 data.
- The annual (Tahunan) measurement of 2025 under the corrected SOP, started 12 January 2026, complete and
  locked (the Dokumen Pengukuran Kinerja numbered by the register): the LKjIP 2025 is drafted from it.
- Local holiday table: the cuti bersama of 2022 and of the current year (SKB 3 Menteri).
Idempotent: a period that exists is left alone.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils import timezone

from sakip.core.actors import person, system_user
from sakip.organization.models import User
from sakip.sop import actions as A

from . import calendar as cal
from . import policies
from . import services as S
from .minipdf import make_pdf
from .models import TW_LABELS, HariLibur, Meeting, Notification, Period, RevisionRequest, Task, UnitSubmission
from .step_actions import officials_queryset

D = Decimal
TODAY = date.today()

CUTI_BERSAMA = [
    (date(2022, 4, 29), "Cuti bersama Hari Raya Idul Fitri 1443 H"),
    (date(2022, 5, 4), "Cuti bersama Hari Raya Idul Fitri 1443 H"),
    (date(2022, 5, 5), "Cuti bersama Hari Raya Idul Fitri 1443 H"),
    (date(2022, 5, 6), "Cuti bersama Hari Raya Idul Fitri 1443 H"),
    (date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek"),
    (date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi"),
    (date(2026, 3, 20), "Cuti bersama Hari Raya Idul Fitri 1447 H"),
    (date(2026, 3, 23), "Cuti bersama Hari Raya Idul Fitri 1447 H"),
    (date(2026, 3, 24), "Cuti bersama Hari Raya Idul Fitri 1447 H"),
    (date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus"),
    (date(2026, 5, 28), "Cuti bersama Hari Raya Idul Adha 1447 H"),
    (date(2026, 12, 24), "Cuti bersama Hari Raya Natal"),
]

# 2022: start of each triwulan's measurement, and the numbers of its documents (issued outside sakip then).
STARTS_2022 = {1: date(2022, 4, 11), 2: date(2022, 7, 11), 3: date(2022, 10, 10), 4: date(2022, 12, 12)}
NUMBERS_2022 = {
    1: ("050/1184/2022", "050/1185/2022"),
    2: ("050/2960/2022", "050/2961/2022"),
    3: ("050/4871/2022", "050/4872/2022"),
    4: ("050/7402/2022", "050/7403/2022"),
}
# Actual duration of each step as a multiple of its standard time: collection (6), validation (7) and
# the signature (11) are where the SOP waits.
FACTORS_2022 = {
    1: [2.0, 1.5, 1.0, 1.2, 1.0, 9.0, 6.0, 1.3, 2.0, 1.0, 30.0, 1.0, 1.0, 1.0],
    2: [1.0, 1.2, 1.0, 1.0, 1.0, 7.0, 7.5, 1.0, 1.5, 1.0, 22.0, 1.0, 1.0, 1.0],
    3: [3.0, 1.0, 1.0, 1.5, 1.0, 11.0, 9.0, 1.5, 1.0, 1.0, 40.0, 1.0, 1.2, 1.0],
    4: [1.0, 1.0, 1.0, 1.0, 1.0, 5.0, 4.0, 1.0, 1.0, 1.0, 12.0, 1.0, 1.0, 1.0],
}
# 2025: the annual measurement, started in January 2026 (its documents numbered by sakip's register).
START_2025 = date(2026, 1, 12)
BUDGET_SHARE = {0: D("0.98"), 1: D("0.14"), 2: D("0.24"), 3: D("0.29"), 4: D("0.31")}  # 0: the whole year

PENDUKUNG = [
    "Koordinasi rutin dengan pendamping sosial kecamatan",
    "Data SIKS-NG mutakhir setiap bulan",
    "Dukungan anggaran kegiatan tepat waktu",
    "Partisipasi aktif pemerintah desa",
    "Pendampingan oleh pekerja sosial profesional",
]
PENGHAMBAT = [
    "Keterlambatan laporan dari kecamatan",
    "Perubahan data DTKS dari Kementerian Sosial",
    "Keterbatasan tenaga pendamping",
    "Jadwal kegiatan bergeser karena agenda daerah",
    "Akses ke desa terpencil pada musim hujan",
]
KENDALA = [
    "Sebagian data belum terverifikasi",
    "Aplikasi pelaporan sering tidak dapat diakses",
    "Belum ada petunjuk teknis dari provinsi",
    "",
]
TINDAK = [
    "Verifikasi lapangan bersama pendamping pada triwulan berikutnya",
    "Rapat koordinasi dengan camat dan kepala desa",
    "Percepatan input data ke SIKS-NG",
    "Usulan tambahan pendamping pada APBD Perubahan",
]


def _pick(items, seed):
    return items[seed % len(items)]


def _seed(*parts) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode())


def _d(value):
    return None if value in (None, "") else D(str(value))


def value_for(row, tw: int, year: int):
    """A plausible realisasi of a row for a triwulan (deterministic)."""
    seed = _seed(row.indicator_id, year, tw)
    if row.is_qualitative:
        labels = [str(item[0]) for item in row.scale]
        target = row.target_text if row.target_text in labels else labels[len(labels) // 2]
        i = labels.index(target)
        return labels[max(0, min(len(labels) - 1, i + (seed % 3) - 1))]
    if row.is_binary:
        return "ya" if seed % 5 else "tidak"
    quarters = [_d(q) for q in (row.quarters or [])] + [None] * 4
    annual = _d(row.target_year) or D(10)
    factor = D("0.78") + D(seed % 36) / 100  # 0.78 … 1.13
    if row.polarity == "min":
        factor = D("1.22") - D(seed % 36) / 100
    if tw == 0:  # the annual measurement (Tahunan): the year's target
        target = annual
    elif any(q is not None for q in quarters):
        target = quarters[tw - 1] or annual
    elif row.aggregation == "sum":
        target = annual / 4
    else:
        target = annual * D(tw) / 4
    value = target * factor
    places = max(0, min(2, row.precision))
    return format(value.quantize(D(1).scaleb(-places)), "f")


def _users():
    return {u.username: u for u in User.objects.select_related("employee")}


def _unit_user(users, submission):
    """The demo login that fills a unit's form (the operator or the Kabid of Rehabilitasi Sosial, …)."""
    unit_ids = {submission.unit_id, *submission.unit.descendants().values_list("pk", flat=True)}
    for name in ("operator", "kasi", "kabid", "kabid2", "timsakip"):
        user = users.get(name)
        if user and user.unit_id in unit_ids:
            return user
    return system_user()  # no demo login holds it: the system acts


def _head_user(users, submission):
    for name in ("kabid", "kabid2", "sekretaris"):
        user = users.get(name)
        if user and user.employee_id:
            head = policies.head_position(submission.unit)
            holder = head.holder_on(TODAY) if head else None
            if holder and holder.employee_id == user.employee_id:
                return user
    return system_user()  # no demo login holds it: the system acts


def _actor(users, task):
    ids = {e.pk for e in task.assignees.all()}
    for user in users.values():
        if user.employee_id in ids:
            return user
    return system_user()  # no demo login holds it: the system acts


def _fill(users, submission, tw, year, at, *, rows_limit=None, evidence=True, narrative=True):
    user = _unit_user(users, submission)
    rows = list(submission.rows.all().order_by("order", "pk"))
    if rows_limit is not None:
        rows = rows[:rows_limit]
    for i, row in enumerate(rows):
        seed = _seed(row.indicator_id, year, tw, "n")
        data = {"value": value_for(row, tw, year)}
        if narrative and (seed % 3 or i == 0):
            data.update(
                {
                    "faktor_pendukung": _pick(PENDUKUNG, seed),
                    "faktor_penghambat": _pick(PENGHAMBAT, seed // 7),
                    "kendala": _pick(KENDALA, seed // 11),
                    "tindak_lanjut": _pick(TINDAK, seed // 13),
                }
            )
        S.save_row(user=user, row=row, expected_revision=row.revision, data=data, now=at)
        if evidence:
            pdf = make_pdf(
                [
                    f"Bukti dukung realisasi {row.name[:80]}",
                    f"{submission.unit.name} - {TW_LABELS.get(tw, tw)} {year}",
                    f"Realisasi: {data['value']} {row.satuan}",
                    "Sumber: register layanan dan rekap bidang (demo sakip)",
                ],
                title=f"Bukti {row.code or row.pk} {TW_LABELS.get(tw, tw)} {year}",
            )
            upload = SimpleUploadedFile(
                f"bukti-tw{tw}-{year}-{row.indicator_id}.pdf", pdf, content_type="application/pdf"
            )
            S.add_evidence(user=user, row=row, upload=upload, description="Rekap bidang", now=at)
    if rows_limit is None:
        for b in submission.budget_rows.all():
            share = BUDGET_SHARE.get(tw, D("0.25")) * (D("0.88") + D(_seed(b.item_id, year, tw) % 11) / 100)
            S.save_budget_row(
                user=user,
                row=b,
                expected_revision=b.revision,
                value=format(((b.pagu or D(0)) * share).quantize(D(1000)), "f"),
                now=at,
            )
    return user


def _spread(start, end, n):
    if n <= 1:
        return [end]
    step = (end - start) / n
    return [start + step * (i + 1) for i in range(n)]


def _complete_paper(task, users, at, text, *, meeting=None):
    """A step whose output was a paper document in 2022: recorded as done, with what was done."""
    actor = _actor(users, task)
    task = Task.objects.get(pk=task.pk)
    task.complete()
    task.completed_at = at
    task.completed_by = person(actor)
    first = task.assignees.order_by("pk").first()
    task.completed_by_name = actor.display_name if person(actor) else (first.full_name if first else S.SYSTEM_NAME)
    task.output_text = text
    S._reason(task, "Selesai (dokumen kertas)", at)
    task.save()
    S._after_task_done(task.period, task, now=at)


def _inputs(data: dict) -> QueryDict:
    qd = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, (list, tuple)):
            qd.setlist(key, [str(v) for v in value])
        else:
            qd[key] = str(value)
    return qd


def _officials(period):
    return list(officials_queryset(period).values_list("pk", flat=True))


def _do_step(period, task, users, at, calendar, *, paper=False):
    action = task.action
    actor = _actor(users, task)
    tw, year = period.tw_label, period.year
    meeting_day = calendar.next_working_moment(cal.to_local(at)).date()
    if paper and action == A.DISPOSITION:
        return _complete_paper(
            task,
            users,
            at,
            f"Lembar disposisi Kepala (arsip kertas): segera laksanakan pengukuran kinerja {tw} {year} sesuai SOP.",
        )
    if paper and action == A.INVITE:
        Meeting.objects.get_or_create(
            period=period,
            defaults={
                "date": meeting_day,
                "time_text": "09.00 WIB s.d. selesai",
                "place": "Ruang Rapat Dinsospermasdes",
                "agenda": f"Pembahasan pengukuran kinerja {tw} tahun {year}",
            },
        )
        return _complete_paper(
            task,
            users,
            at,
            f"Undangan rapat pembahasan pengukuran kinerja {tw} {year} (arsip kertas) kepada Kepala Dinas "
            f"dan para kepala unit.",
        )
    if paper and action == A.HOLD_MEETING:
        meeting = Meeting.objects.filter(period=period).first()
        if meeting:
            meeting.attendees.set(_officials(period))
            meeting.minutes_text = "Disepakati jadwal pengisian formulir dan sumber data setiap indikator."
            meeting.held_at = at
            meeting.save()
        return _complete_paper(task, users, at, "Rapat dilaksanakan; notulen dan daftar hadir (arsip kertas).")
    inputs = {}
    decision = ""
    if action == A.DISPOSITION:
        inputs = {
            "instruksi": f"Segera laksanakan pengukuran kinerja {tw} tahun {year} sesuai SOP {period.sop_label}: "
            f"siapkan dan kirim formulir, himpun dan validasi data unit, ajukan Dokumen Pengukuran Kinerja "
            f"untuk ditandatangani.",
            "kepada": "Sekretaris selaku Ketua Tim SAKIP\nSekretaris Tim SAKIP",
        }
    elif action == A.DISTRIBUTE:
        inputs = {
            "pesan": f"Mohon mengisi realisasi {tw} {year} beserta bukti dukung pada formulir unit masing-masing "
            f"dan mengajukannya kepada kepala unit untuk divalidasi."
        }
    elif action == A.INVITE:
        inputs = {
            "tanggal": meeting_day.isoformat(),
            "waktu": "09.00 WIB s.d. selesai",
            "tempat": "Ruang Rapat Dinsospermasdes",
            "acara": f"Pembahasan pengukuran kinerja {tw} tahun {year}",
            "peserta": _officials(period),
        }
    elif action == A.HOLD_MEETING:
        inputs = {
            "hadir": _officials(period),
            "notulen": "Tim SAKIP menjelaskan jadwal dan formulir pengukuran.\nDisepakati definisi operasional dan "
            "sumber data setiap indikator.\n"
            "Setiap unit mengajukan realisasi beserta bukti dukung paling lambat lima hari kerja.",
        }
    elif action == A.CORRECT:
        inputs = {"hasil": "terima", "catatan": "Perhitungan capaian sudah sesuai."}
        decision = "ya" if task.kind == "decision" else ""
    elif action == A.SIGN:
        inputs = {"setuju": "on"}
        actor = system_user()  # the Kepala of the period's date signs (the system acts for the demo)
    elif action == A.NUMBER_COVER_LETTER:
        inputs = {"kepada": "Bupati Banyumas", "tembusan": "Inspektur Kabupaten Banyumas"}
    elif action == A.COPY:
        inputs = {"jumlah": 3, "distribusi": "Bupati Banyumas\nInspektur Kabupaten Banyumas\nArsip Dinsospermasdes"}
    elif action in (A.SUBMIT, A.REQUEST_APPROVAL, A.ARCHIVE):
        inputs = {"catatan": ""}
    elif action == A.NONE:
        inputs = {"output": "Dilaksanakan."}
    if task.kind == "decision" and not decision:
        decision = "ya"
    S.complete_task(user=actor, task=task, decision=decision, inputs=_inputs(inputs), now=at)


def _run(period, users, factors, *, calendar, stop_before=None, paper=False, stop_at=None):
    """Run the period's steps in order with the given durations (× standard minutes)."""
    for _guard in range(200):
        period = Period.objects.get(pk=period.pk)
        if period.status != Period.Status.BERJALAN:
            return period
        active = list(
            Task.objects.filter(period=period, status=Task.Status.AKTIF)
            .order_by("number", "pk")
            .prefetch_related("assignees")
        )
        if not active:
            return period
        task = active[0]
        if stop_before is not None and task.number >= stop_before:
            return period
        factor = D(str(factors[task.number - 1] if task.number - 1 < len(factors) else 1))
        minutes = max(D(task.standard_minutes or 0) * factor, D(5))
        at = cal.to_aware(calendar.add_minutes(cal.to_local(task.activated_at), minutes))
        if stop_at is not None and task.number == stop_at[0]:
            at = max(stop_at[1], task.activated_at + timedelta(minutes=1))
        if task.action == A.COLLECT:
            subs = list(UnitSubmission.objects.filter(period=period).select_related("unit").order_by("order"))
            for submission, moment in zip(subs, _spread(task.activated_at, at, len(subs))):
                if not submission.is_submitted:
                    _fill(users, submission, period.triwulan, period.year, moment - timedelta(minutes=10))
                    S.submit_unit(user=system_user(), submission=submission, now=moment)
            continue
        if task.action == A.VALIDATE:
            subs = list(
                UnitSubmission.objects.filter(period=period, state=UnitSubmission.State.DIAJUKAN)
                .select_related("unit")
                .order_by("order")
            )
            for submission, moment in zip(subs, _spread(task.activated_at, at, len(subs))):
                S.validate_unit(user=_head_user(users, submission), submission=submission, now=moment)
            continue
        _do_step(period, task, users, at, calendar, paper=paper)
    return Period.objects.get(pk=period.pk)


def _start(opd, year, tw, start_at, users, starter="sekretaris"):
    return S.start_period(user=system_user(), opd=opd, year=year, triwulan=tw, now=start_at)


def load_holidays():
    for day, name in CUTI_BERSAMA:
        HariLibur.objects.update_or_create(
            date=day,
            defaults={
                "name": name,
                "kind": HariLibur.Kind.CUTI_BERSAMA,
                "source": "SKB Menteri Agama, Menteri Ketenagakerjaan dan MenPAN-RB",
            },
        )


def load(ctx):
    dinas = ctx["dinas"]
    load_holidays()
    users = _users()
    calendar = cal.work_calendar({2022, 2023, 2025, 2026, TODAY.year - 1, TODAY.year, TODAY.year + 1})
    out = {}
    # --- 2022, complete, seed SOP --------------------------------------------------------------------------
    for tw in (1, 2, 3, 4):
        if Period.objects.filter(opd=dinas, year=2022, triwulan=tw).exclude(status=Period.Status.DIBATALKAN).exists():
            continue
        start_at = cal.to_aware(datetime.combine(STARTS_2022[tw], time(8, 0)))
        period = _start(dinas, 2022, tw, start_at, users)
        dpk_no, cover_no = NUMBERS_2022[tw]
        Task.objects.filter(period=period, action=A.SIGN).update(data={"numbers": {"dpk": dpk_no}})
        Task.objects.filter(period=period, action=A.NUMBER_COVER_LETTER).update(
            data={"numbers": {"pengantar": cover_no}}
        )
        _run(period, users, FACTORS_2022[tw], calendar=calendar, paper=True)
        Notification.objects.filter(period=period, read_at__isnull=True).update(read_at=timezone.now())
    # --- 2025, the annual measurement (Tahunan) under the corrected SOP, complete and locked ------------------------
    # (the LKjIP 2025 is drafted from it, reporting/demo.py); the meeting and disposition were on paper, the
    # Dokumen Pengukuran Kinerja and its cover letter take their numbers from the register.
    start_2025 = cal.to_aware(datetime.combine(START_2025, time(8, 0)))
    if (
        START_2025 <= TODAY
        and not Period.objects.filter(opd=dinas, year=2025, triwulan=0)
        .exclude(status=Period.Status.DIBATALKAN)
        .exists()
    ):
        period = _start(dinas, 2025, 0, start_2025, users)
        _run(period, users, FACTORS_2022[4], calendar=calendar, paper=True)
        Notification.objects.filter(period=period, read_at__isnull=True).update(read_at=timezone.now())
        out["measurement_2025"] = period
    # --- the current triwulan's moments (its earlier quarters must end before it starts) ------------------------------
    tw_now = (TODAY.month - 1) // 3 + 1
    current = (
        Period.objects.filter(opd=dinas, year=TODAY.year, triwulan=tw_now)
        .exclude(status=Period.Status.DIBATALKAN)
        .first()
    )
    now = timezone.now()
    meeting_done = cal.to_aware(calendar.subtract_minutes(cal.to_local(now), 90))
    current_start = (
        current.started_at if current else cal.to_aware(calendar.subtract_minutes(cal.to_local(meeting_done), 560))
    )
    # --- the current year's earlier quarters, complete, corrected SOP ----------------------------------------------
    _earlier_quarters(dinas, users, calendar, tw_now, current_start)
    # --- the current triwulan, in progress, corrected SOP ------------------------------------------------------------
    if current is None:
        start_at = current_start
        period = S.start_period(user=system_user(), opd=dinas, year=TODAY.year, triwulan=tw_now, now=start_at)
        Notification.objects.filter(period=period).update(read_at=timezone.now())
        _run(period, users, [1.5, 1.0, 1.0, 1.2, 1.0], calendar=calendar, stop_before=6, stop_at=(5, meeting_done))
        _current_units(period, users, meeting_done, calendar, tw_now)
        current = period
    out["measurement_current"] = current
    _revision_request(dinas, users)
    return out


# The current year's earlier quarters: the corrected SOP (version 2) run in sakip from the disposition to the
# archive — documents issued, numbered and signed in sakip, the Kepala's signature the slow step as in 2022.
FACTORS_NOW = {
    1: [1.5, 1.0, 1.0, 1.2, 1.0, 6.0, 4.0, 1.2, 1.5, 1.0, 12.0, 1.0, 1.0, 1.0],
    2: [1.0, 1.0, 1.0, 1.0, 1.0, 5.0, 3.5, 1.0, 1.0, 1.0, 9.0, 1.0, 1.0, 1.0],
    3: [1.2, 1.0, 1.0, 1.0, 1.0, 4.0, 3.0, 1.0, 1.2, 1.0, 6.0, 1.0, 1.0, 1.0],
}
EARLIER_SPAN_MINUTES = 12 * 8 * 60  # twelve working days: room for one whole run before the next period starts


def _earlier_quarters(dinas, users, calendar, tw_now, current_start):
    """TW I … TW (n−1) of the current year, done and locked, so that the current period's figures (strict
    aggregation over TW I … n, docs/capaian.md §3) and its efficiency (docs/rules.md §1) can be computed.
    Each starts on the first working day from the 8th of the month after its quarter, or earlier when its run
    would reach into the next period (the demo loaded early in a quarter)."""
    year = TODAY.year
    latest = cal.to_local(current_start)
    starts = {}
    for tw in range(tw_now - 1, 0, -1):  # backwards: each run ends before the next period starts
        latest = calendar.subtract_minutes(latest, EARLIER_SPAN_MINUTES)
        existing = Period.objects.filter(opd=dinas, year=year, triwulan=tw).exclude(status=Period.Status.DIBATALKAN)
        if existing.exists():
            latest = min(latest, cal.to_local(existing.first().started_at))
            continue
        natural = calendar.next_working_moment(datetime.combine(date(year, 3 * tw + 1, 8), time(8, 0)))
        starts[tw] = min(natural, latest)
        latest = starts[tw]
    for tw in sorted(starts):  # forwards: TW II's figures read TW I's locked realisasi
        period = S.start_period(user=system_user(), opd=dinas, year=year, triwulan=tw, now=cal.to_aware(starts[tw]))
        _run(period, users, FACTORS_NOW[tw], calendar=calendar)
        Notification.objects.filter(period=period, read_at__isnull=True).update(read_at=timezone.now())


def _current_units(period, users, meeting_done, calendar, tw):
    """Forms of the current period, 90 working minutes after the meeting: some submitted, some drafts."""
    subs = {
        s.unit.short_name or s.unit.name: s for s in UnitSubmission.objects.filter(period=period).select_related("unit")
    }

    def at(minutes):
        return cal.to_aware(calendar.add_minutes(cal.to_local(meeting_done), minutes))

    plan = {
        "Dayasos": ("submit", 40),
        "Linjamsos": ("submit", 60),
        "Rehsos": ("partial", 1),
        "Sekretariat": ("partial", 3),
        "Pemdes": ("partial", 1),
        "PMD": ("empty", 0),
    }
    for name, submission in subs.items():
        mode, arg = plan.get(name, ("empty", 0))
        if mode == "submit":
            _fill(users, submission, tw, period.year, at(arg - 20))
            S.submit_unit(user=_unit_user(users, submission), submission=submission, now=at(arg))
        elif mode == "partial":
            _fill(users, submission, tw, period.year, at(30), rows_limit=arg, evidence=name != "Pemdes")


def _revision_request(dinas, users):
    """Kabid Pemberdayaan Sosial asks to correct TW IV 2022 after the Inspektorat's verification."""
    period = Period.objects.filter(opd=dinas, year=2022, triwulan=4, status=Period.Status.SELESAI).first()
    if period is None:
        return
    submission = UnitSubmission.objects.filter(period=period, unit__short_name="Dayasos").first()
    if submission is None or submission.state != UnitSubmission.State.DIKUNCI:
        return
    if RevisionRequest.objects.filter(submission=submission).exists():
        return
    requester = users.get("kabid2")
    S.request_revision(
        user=requester,
        submission=submission,
        now=timezone.now() - timedelta(hours=3),
        reason="Koreksi realisasi graduasi keluarga penerima manfaat TW IV 2022 sesuai hasil verifikasi "
        "Inspektorat (LHE 2022): "
        "12 KPM tercatat ganda di rekap bidang.",
    )
