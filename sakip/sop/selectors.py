"""Reads of the SOP register — the API other apps use.

For the Measurement app:
    sop_in_force(opd, "Pengukuran Kinerja", on_date) -> SopVersion | None
    procedure(version) -> Procedure: the ordered steps with their lanes, lane mapping (position /
        Tim SAKIP role / each unit head), standard minutes and action codes (sakip.sop.actions)
    lane_assignees(lane, opd, on_date) -> who fills a lane on a date

For the Evaluation app:
    lint(version) -> list[Finding] (sakip.sop.lint.Finding: code, severity, where, message, fix)
    is_clean(findings) -> bool (no error and no warning)
    measurement_sop_status(opd, on_date) -> (version | None, findings)

Screens: sops_for(user), versions_for(user), version_detail(pk).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Prefetch, Q, prefetch_related_objects

from sakip.core.permissions import scope_queryset
from sakip.organization.models import OPD, Assignment, Position, TimSakip, Unit

from . import actions, durations
from . import flowchart as F
from . import lint as L
from . import roles as R
from .models import Lane, ProcessKind, Sop, SopVersion, Step
from .parsing import branch_text

MEASUREMENT_TITLES = ("pengukuran kinerja",)


# --- scoped lists -----------------------------------------------------------------------------------
def sops_for(user):
    return scope_queryset(Sop.objects.select_related("opd", "unit"), user)


def versions_for(user):
    return scope_queryset(SopVersion.objects.select_related("sop", "sop__opd", "sop__unit"), user, "sop__opd")


def version_queryset():
    return SopVersion.objects.select_related(
        "sop",
        "sop__opd",
        "sop__opd__pemda",
        "sop__unit",
        "approved_by_position",
        "approved_by_employee",
        "approved_by_employee__golongan",
        "submitted_by",
    ).prefetch_related(
        Prefetch(
            "lanes",
            queryset=Lane.objects.select_related("position", "position__unit", "position__opd").order_by("order"),
        ),
        Prefetch(
            "steps", queryset=Step.objects.select_related("keterangan_sop").prefetch_related("lanes").order_by("number")
        ),
        "keterkaitan_sop",
    )


def version_detail(pk) -> SopVersion:
    return version_queryset().get(pk=pk)


def current_version(sop: Sop, on: date | None = None) -> SopVersion | None:
    """The version in force on a date, else the latest version."""
    on = on or date.today()
    versions = list(sop.versions.all())
    for v in versions:
        if v.in_force_on(on):
            return v
    return max(versions, key=lambda v: v.version) if versions else None


# --- in force -----------------------------------------------------------------------------------------
def in_force_q(on: date) -> Q:
    return Q(status__in=list(SopVersion.APPROVED), valid_from__lte=on) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )


def versions_in_force(opd, on: date | None = None, *, process_kind: str | None = None):
    """The OPD's versions in force on a date; with `process_kind`, only those of SOPs that drive that process."""
    on = on or date.today()
    qs = SopVersion.objects.filter(in_force_q(on), sop__opd=opd).select_related("sop")
    if process_kind:
        qs = qs.filter(sop__process_kind=process_kind)
    return qs.order_by("sop__number")


def process_sop_in_force(opd, process_kind: str, on_date: date | None = None, prefer: str = "") -> SopVersion | None:
    """The version in force of the OPD's SOP that drives `process_kind` (docs/rules.md "SOP dan proses"); when
    several are, the one whose number or title is `prefer`, else the one with the lowest number."""
    on = on_date or date.today()
    opd_id = opd.pk if hasattr(opd, "pk") else opd
    if prefer:
        found = sop_in_force(opd_id, prefer, on)
        if found is not None and found.sop.process_kind == process_kind:
            return found
    return (
        version_queryset()
        .filter(in_force_q(on), sop__opd_id=opd_id, sop__process_kind=process_kind)
        .order_by("sop__number")
        .first()
    )


def sop_in_force(opd, judul_or_nomor: str, on_date: date | None = None) -> SopVersion | None:
    """The version in force on a date of the OPD's SOP with this nomor, else with this judul
    (case-insensitive; "SOP Pengukuran Kinerja" and "Pengukuran Kinerja" both match)."""
    on = on_date or date.today()
    opd_id = opd.pk if hasattr(opd, "pk") else opd
    text = (judul_or_nomor or "").strip()
    qs = version_queryset().filter(in_force_q(on), sop__opd_id=opd_id)
    found = qs.filter(sop__number=text).first()
    if found:
        return found
    judul = text[4:].strip() if text.lower().startswith("sop ") else text
    return qs.filter(judul__iexact=judul).first() or qs.filter(sop__judul__iexact=judul).first()


def versions_on(sop: Sop, on: date) -> SopVersion | None:
    return next((v for v in sop.versions.all() if v.in_force_on(on)), None)


# --- the procedure as data (Measurement) -----------------------------------------------------------
@dataclass(frozen=True)
class LaneInfo:
    id: int
    order: int
    label: str
    mapping: str  # "position" | "tim_role" | "unit_heads" | "none"
    position_id: int | None
    tim_role: str  # TimSakipMember.Role value or ""


@dataclass(frozen=True)
class StepInfo:
    id: int
    number: int
    uraian: str
    kind: str  # "start" | "process" | "decision" | "end"
    lanes: tuple[LaneInfo, ...]
    minutes: Decimal
    waktu: Decimal | None
    waktu_satuan: str
    action: str  # a code of sakip.sop.actions
    kelengkapan: str
    output: str
    keterangan: str
    keterangan_sop_id: int | None
    ya_ke: int | None
    tidak_ke: int | None
    utama: bool

    @property
    def action_label(self):
        return actions.label(self.action)


@dataclass(frozen=True)
class Procedure:
    version_id: int
    sop_id: int
    opd_id: int
    number: str
    judul: str
    version: int
    lanes: tuple[LaneInfo, ...]
    steps: tuple[StepInfo, ...]
    total_minutes: Decimal

    @property
    def total_display(self):
        return durations.format_minutes(self.total_minutes)


def _ensure_prefetched(version: SopVersion):
    cache = getattr(version, "_prefetched_objects_cache", {})
    if "steps" not in cache or "lanes" not in cache:
        prefetch_related_objects([version], "lanes", Prefetch("steps", queryset=Step.objects.prefetch_related("lanes")))


def procedure(version: SopVersion) -> Procedure:
    """Ordered steps with lanes, mapping, minutes and action codes (four queries when not prefetched)."""
    _ensure_prefetched(version)
    lanes = [
        LaneInfo(lane.pk, lane.order, lane.label, lane.mapping, lane.position_id, lane.tim_role)
        for lane in sorted(version.lanes.all(), key=lambda x: x.order)
    ]
    by_id = {lane.id: lane for lane in lanes}
    steps = []
    for step in sorted(version.steps.all(), key=lambda s: s.number):
        step_lanes = tuple(
            sorted((by_id[lane.pk] for lane in step.lanes.all() if lane.pk in by_id), key=lambda x: x.order)
        )
        steps.append(
            StepInfo(
                id=step.pk,
                number=step.number,
                uraian=step.uraian,
                kind=step.kind,
                lanes=step_lanes,
                minutes=step.minutes,
                waktu=step.waktu,
                waktu_satuan=step.waktu_satuan,
                action=step.action,
                kelengkapan=step.kelengkapan,
                output=step.output,
                keterangan=step.keterangan,
                keterangan_sop_id=step.keterangan_sop_id,
                ya_ke=step.ya_ke,
                tidak_ke=step.tidak_ke,
                utama=step.utama,
            )
        )
    total = sum((s.minutes for s in steps), Decimal(0))
    return Procedure(
        version.pk,
        version.sop_id,
        version.sop.opd_id,
        version.sop.number,
        version.judul,
        version.version,
        tuple(lanes),
        tuple(steps),
        total,
    )


@dataclass(frozen=True)
class Assignee:
    position_id: int | None
    employee_id: int | None
    unit_id: int | None
    label: str


def lane_assignees(lane: LaneInfo | Lane, opd, on_date: date | None = None) -> list[Assignee]:
    """Who fills a lane on a date: the holder of the position; the Tim SAKIP members with the role
    (the team of that year); or, for "each unit head", the head of every top-level unit (one task per unit)."""
    on = on_date or date.today()
    opd_id = opd.pk if hasattr(opd, "pk") else opd
    mapping = lane.mapping
    if mapping == Lane.Mapping.POSITION and lane.position_id:
        position = Position.objects.get(pk=lane.position_id)
        holder = position.holder_on(on)
        return [Assignee(position.pk, holder.employee_id if holder else None, position.unit_id, position.display_short)]
    if mapping == Lane.Mapping.TIM_ROLE and lane.tim_role:
        tim = (
            TimSakip.objects.filter(opd_id=opd_id, year__lte=on.year)
            .order_by("-year")
            .prefetch_related("members__employee")
            .first()
        )
        if tim is None:
            return []
        return [
            Assignee(None, m.employee_id, None, m.employee.full_name)
            for m in tim.members.all()
            if m.role == lane.tim_role
        ]
    if mapping == Lane.Mapping.UNIT_HEADS:
        units = Unit.objects.filter(opd_id=opd_id, parent__isnull=True).order_by("order", "name")
        heads = Position.objects.filter(
            opd_id=opd_id, unit__in=units, kind__in=[Position.Kind.ADMINISTRATOR]
        ).select_related("unit")
        out = []
        for position in heads:
            holder = position.holder_on(on)
            out.append(
                Assignee(position.pk, holder.employee_id if holder else None, position.unit_id, position.display_short)
            )
        return out
    return []


# --- lint -----------------------------------------------------------------------------------------
def _unit_facts(units):
    return [R.UnitFact(u.name, u.kind, u.short_name) for u in units]


def _position_fact(p) -> R.PositionFact:
    return R.PositionFact(
        p.name, p.short_name, p.unit.name if p.unit_id else "", p.unit.kind if p.unit_id else "", p.is_opd_head, p.kind
    )


def _opd_facts_all(pemda_id):
    """Facts of every OPD of a Pemda (three queries)."""
    opds = list(OPD.objects.filter(pemda_id=pemda_id))
    units = list(Unit.objects.filter(opd__pemda_id=pemda_id))
    positions = list(Position.objects.filter(opd__pemda_id=pemda_id).select_related("unit"))
    facts = {}
    for o in opds:
        facts[o.pk] = R.OpdFacts(
            o.name,
            o.akronim,
            o.kind,
            _unit_facts(u for u in units if u.opd_id == o.pk),
            [_position_fact(p) for p in positions if p.opd_id == o.pk],
        )
    return facts


def _heads(opd_id):
    assignments = (
        Assignment.objects.filter(position__opd_id=opd_id, position__is_opd_head=True)
        .select_related("employee")
        .order_by("start_date")
    )
    return [L.HeadTerm(a.employee_id, a.employee.full_name, a.start_date, a.end_date, a.prefix) for a in assignments]


class LintContext:
    """Organisation facts and the similarity index, built once per OPD and reused for many SOPs."""

    def __init__(self, opd: OPD, today: date | None = None):
        self.opd = opd
        self.today = today or date.today()
        facts = _opd_facts_all(opd.pemda_id)
        self.opd_facts = facts[opd.pk]
        self.others = [f for pk, f in facts.items() if pk != opd.pk]
        self.heads = _heads(opd.pk)
        self.registered = {}
        for sop in Sop.objects.filter(opd=opd):
            self.registered.setdefault(L._title_key(sop.judul), f"{sop.number} {sop.judul}")
        self._index = None

    def similarity_index(self):
        """Word lists of the other OPDs' SOP versions (one query for the steps)."""
        if self._index is None:
            names_by_opd = {o.pk: (o.akronim, o.name) for o in OPD.objects.filter(pemda_id=self.opd.pemda_id)}
            versions = {
                v.pk: v
                for v in SopVersion.objects.filter(sop__opd__pemda_id=self.opd.pemda_id)
                .exclude(sop__opd=self.opd)
                .select_related("sop", "sop__opd")
            }
            texts: dict[int, list[str]] = {}
            for version_id, uraian in (
                Step.objects.filter(version_id__in=list(versions))
                .order_by("version_id", "number")
                .values_list("version_id", "uraian")
            ):
                texts.setdefault(version_id, []).append(uraian)
            index = []
            for pk, words in texts.items():
                v = versions[pk]
                index.append((v, L.similarity_text(words, names_by_opd.get(v.sop.opd_id, ()))))
            self._index = index
        return self._index

    def similar_to(self, version: SopVersion, steps) -> list[L.SimilarSop]:
        """The other OPDs' SOPs this one resembles, cached until an SOP of the Pemda changes.

        The comparison runs difflib against every other OPD's SOP: at Pemda scale that is most of an SOP
        page's time (issue 15), and the answer changes only when some SOP's steps change — `similarity_key`
        moves on then (signals in sop/apps.py).
        """
        own = L.similarity_text([s.uraian for s in steps], (self.opd.akronim, self.opd.name))
        digest = hashlib.sha1(" ".join(own).encode()).hexdigest()
        key = f"sop-similar:{similarity_generation()}:{self.opd.pk}:{version.pk}:{digest}"
        found = cache.get(key)
        if found is None:
            found = self._similar(own)
            cache.set(key, found, 24 * 3600)
        return found

    def _similar(self, own: list[str]) -> list[L.SimilarSop]:
        best: dict[int, L.SimilarSop] = {}
        for other, words in self.similarity_index():
            ratio = L.similarity(own, words)
            if ratio >= L.SIMILARITY_THRESHOLD * 0.9:
                current = best.get(other.sop_id)
                if current is None or ratio > current.ratio:
                    best[other.sop_id] = L.SimilarSop(
                        other.sop.opd.akronim,
                        other.sop.number,
                        other.judul,
                        ratio,
                        other.made_on or other.approved_on,
                    )
        return sorted(best.values(), key=lambda s: -s.ratio)


SIMILARITY_GENERATION_KEY = "sop-similar-gen"


def similarity_generation() -> int:
    """A number that changes whenever any SOP, version or step changes (part of the cache's key)."""
    value = cache.get(SIMILARITY_GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(SIMILARITY_GENERATION_KEY, value, None)
    return value


def similarity_changed() -> None:
    try:
        cache.incr(SIMILARITY_GENERATION_KEY)
    except ValueError:  # not in the cache (yet, or evicted): any new number invalidates the old keys
        cache.set(SIMILARITY_GENERATION_KEY, 2, None)


def facts_for(version: SopVersion) -> L.SopFacts:
    lanes = sorted(version.lanes.all(), key=lambda x: x.order)
    index = {lane.pk: i for i, lane in enumerate(lanes)}
    opd_id = version.sop.opd_id
    lane_facts = []
    for lane in lanes:
        position = lane.position if lane.position_id else None
        lane_facts.append(
            L.LaneFacts(
                label=lane.label,
                mapping=lane.mapping,
                position=_position_fact(position) if position else None,
                position_foreign_opd=(
                    position.opd.akronim if position and position.opd_id not in (None, opd_id) else ""
                ),
                tim_role=lane.tim_role,
            )
        )
    steps = []
    for step in sorted(version.steps.all(), key=lambda s: s.number):
        steps.append(
            L.StepFacts(
                number=step.number,
                uraian=step.uraian,
                kind=step.kind,
                lanes=sorted(index[lane.pk] for lane in step.lanes.all() if lane.pk in index),
                kelengkapan=step.kelengkapan,
                waktu=step.waktu,
                waktu_satuan=step.waktu_satuan,
                output=step.output,
                keterangan=step.keterangan,
                keterangan_linked=step.keterangan_sop_id is not None,
                ya_ke=step.ya_ke,
                tidak_ke=step.tidak_ke,
                utama=step.utama,
            )
        )
    return L.SopFacts(
        number=version.sop.number,
        judul=version.judul,
        status=version.status,
        made_on=version.made_on,
        revised_on=version.revised_on,
        effective_on=version.effective_on,
        valid_from=version.valid_from,
        valid_until=version.valid_until,
        signer_id=version.approved_by_employee_id,
        signer_name=version.approved_by_employee.full_name if version.approved_by_employee_id else "",
        signer_position_is_head=bool(version.approved_by_position.is_opd_head)
        if version.approved_by_position_id
        else True,
        signed_on=version.approved_on,
        dasar_hukum=version.list_of("dasar_hukum"),
        kualifikasi_pelaksana=version.list_of("kualifikasi_pelaksana"),
        keterkaitan=version.list_of("keterkaitan"),
        keterkaitan_linked=[s.judul for s in version.keterkaitan_sop.all()],
        peralatan=version.list_of("peralatan"),
        peringatan=version.list_of("peringatan"),
        pencatatan=version.list_of("pencatatan"),
        pj_produk=version.pj_produk,
        pj_kegiatan=version.pj_kegiatan,
        ruang_lingkup=version.ruang_lingkup,
        lanes=lane_facts,
        steps=steps,
    )


def lint(sop_version: SopVersion, *, context: LintContext | None = None, today: date | None = None) -> list[L.Finding]:
    """All findings of a version (see sakip.sop.lint for the codes)."""
    version = sop_version
    if not hasattr(version, "_prefetched_objects_cache") or "steps" not in getattr(
        version, "_prefetched_objects_cache", {}
    ):
        version = version_detail(version.pk)
    ctx = context or LintContext(version.sop.opd, today=today)
    facts = facts_for(version)
    similar = ctx.similar_to(version, version.steps.all())
    lint_ctx = L.Context(
        opd=ctx.opd_facts,
        others=ctx.others,
        heads=ctx.heads,
        registered_titles=ctx.registered,
        similar=similar,
        today=today or ctx.today,
    )
    return L.lint(facts, lint_ctx)


is_clean = L.is_clean


def lint_opd(opd: OPD, *, today: date | None = None):
    """[(sop, version, findings)] for every SOP of the OPD (the version in force, else the latest)."""
    today = today or date.today()
    ctx = LintContext(opd, today=today)
    sops = list(
        Sop.objects.filter(opd=opd)
        .select_related("unit")
        .prefetch_related(Prefetch("versions", queryset=version_queryset()))
    )
    out = []
    for sop in sops:
        version = current_version(sop, today)
        if version is None:
            continue
        out.append((sop, version, lint(version, context=ctx, today=today)))
    return out


def measurement_sop_status(opd, on_date: date | None = None):
    """For the Evaluation app: (the SOP for measurement in force, its findings) or (None, [])."""
    on = on_date or date.today()
    version = process_sop_in_force(opd, ProcessKind.PENGUKURAN_KINERJA, on, prefer=MEASUREMENT_TITLES[0])
    if version is not None:
        return version, lint(version, today=on)
    return None, []


# --- flowchart / worksheet data ---------------------------------------------------------------------
def flow_steps(version: SopVersion):
    lanes = sorted(version.lanes.all(), key=lambda x: x.order)
    index = {lane.pk: i for i, lane in enumerate(lanes)}
    steps = sorted(version.steps.all(), key=lambda s: s.number)
    all_minutes = all(s.waktu_satuan == durations.MENIT for s in steps if s.waktu is not None)
    out = []
    for s in steps:
        waktu = "" if s.waktu is None else (durations._num(s.waktu) if all_minutes else s.waktu_display)
        keterangan = s.keterangan or (f"SOP {s.keterangan_sop.judul}" if s.keterangan_sop_id else "")
        if s.kind == "decision":
            keterangan = "; ".join(x for x in (keterangan, branch_text(s.ya_ke or (s.number + 1), s.tidak_ke)) if x)
        out.append(
            F.FlowStep(
                s.number,
                s.uraian,
                s.kind,
                sorted(index[lane.pk] for lane in s.lanes.all() if lane.pk in index),
                s.kelengkapan,
                waktu,
                s.output,
                keterangan,
                s.ya_ke,
                s.tidak_ke,
            )
        )
    total = sum((s.minutes for s in steps), Decimal(0))
    waktu_header = "Waktu (menit)" if all_minutes else "Waktu"
    total_pair = (durations._num(total), f"menit = {durations.format_minutes(total)}") if steps else None
    return [lane.label for lane in lanes], out, waktu_header, total_pair


def worksheet(version: SopVersion) -> dict:
    """Lembar Kerja Identifikasi Kegiatan, derived from the SOP (never typed twice)."""
    steps = sorted(version.steps.all(), key=lambda s: s.number)
    first = steps[0] if steps else None
    last = steps[-1] if len(steps) > 1 else None
    utama = [s for s in steps if s.utama and s is not first and s is not last]
    rows = []
    for s in steps:
        if s is first:
            label = "Langkah Awal"
        elif s is last:
            label = "Langkah Akhir"
        elif s.utama and s is utama[0]:
            label = "Langkah Utama"
        else:
            label = ""
        rows.append({"label": label, "number": s.number, "uraian": s.uraian, "utama": s.utama})
    return {
        "judul": version.judul,
        "jenis_kegiatan": version.get_jenis_kegiatan_display(),
        "pj_produk": version.pj_produk,
        "pj_kegiatan": version.pj_kegiatan,
        "ruang_lingkup": version.ruang_lingkup,
        "langkah_awal": first.uraian if first else "",
        "langkah_utama": [s.uraian for s in utama],
        "langkah_akhir": last.uraian if last else "",
        "rows": rows,
    }
