"""The SOP lint — pure rules over plain facts (no Django).

It catches what the Inspektorat found in the seed (finding c: an SOP copied from another agency)
and what Permendagri 52/2011 / PermenPAN-RB 35/2012 require of an SOP AP. Every finding has a
stable code, a severity (error | warning | info), where it is, a message and a suggested fix.

- ``role-unknown`` (error): a role/position named in a lane, a step or the worksheet that the OPD does not have
  ("Kepala Badan", "Kasubbid Data" in a Dinas)
- ``other-agency`` (error): the SOP names another OPD of the installation or its units/positions (copied)
- ``actor-not-lane`` (error): a step names its actor ("Kabid menghimpun …") but no lane is that actor
- ``actor-lane-mismatch`` (warning): the actor is a lane, but the step is marked in another lane
- ``lane-unmapped`` (warning): a lane is not mapped to a position, a Tim SAKIP role or "each unit head"
- ``lane-foreign-position`` (error): a lane is mapped to a position of another OPD
- ``lane-unused`` (warning): a lane has no step
- ``identity-empty`` (error / warning): a required field of the identity page is empty (tanggal efektif, dasar hukum
  …); worksheet fields: warning
- ``langkah-utama-empty`` (warning): no step is marked as langkah utama (worksheet B is empty)
- ``dasar-hukum-duplicate`` (warning): the same regulation is listed twice in Dasar Hukum
- ``dasar-hukum-merged`` (info): one Dasar Hukum line holds several regulations
- ``no-steps`` (error): the procedure has no step
- ``step-no-lane`` (error): a step is in no lane (nobody does it)
- ``step-no-time`` (warning): a step has no standard time
- ``step-no-output`` (warning): a step has no output
- ``decision-branch`` (error): a decision lacks a Ya/Tidak branch or points to a missing step
- ``signer-not-head`` (error): the signer was not the OPD head on the date of signing
- ``signer-head-changed`` (warning): the SOP is (was) in force while another person heads the OPD: re-approval
  advisable
- ``similar-other-opd`` (error / info): the steps are nearly identical to another OPD's SOP (the similarity is shown)
- ``keterkaitan-unlinked`` (info): a related SOP named as text is registered in sakip: link it
"""

import difflib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy

from sakip.core.formats import tanggal

from . import durations
from . import roles as R

ERROR, WARNING, INFO = "error", "warning", "info"

# What the screens show for each code (the code stays in the JSON output and the data-code attribute).
CODE_LABELS = {
    "role-unknown": gettext_lazy("Jabatan tidak dikenal"),
    "other-agency": gettext_lazy("Menyebut OPD lain"),
    "actor-not-lane": gettext_lazy("Pelaku bukan pelaksana"),
    "actor-lane-mismatch": gettext_lazy("Pelaku di kolom lain"),
    "lane-unmapped": gettext_lazy("Pelaksana belum dipetakan"),
    "lane-foreign-position": gettext_lazy("Jabatan OPD lain"),
    "lane-unused": gettext_lazy("Pelaksana tanpa langkah"),
    "identity-empty": gettext_lazy("Identitas belum lengkap"),
    "langkah-utama-empty": gettext_lazy("Tanpa langkah utama"),
    "dasar-hukum-duplicate": gettext_lazy("Dasar hukum ganda"),
    "dasar-hukum-merged": gettext_lazy("Dasar hukum tergabung"),
    "no-steps": gettext_lazy("Belum ada langkah"),
    "step-no-lane": gettext_lazy("Langkah tanpa pelaksana"),
    "step-no-time": gettext_lazy("Langkah tanpa waktu baku"),
    "step-no-output": gettext_lazy("Langkah tanpa output"),
    "decision-branch": gettext_lazy("Cabang keputusan tidak lengkap"),
    "signer-not-head": gettext_lazy("Penanda tangan bukan Kepala OPD"),
    "signer-head-changed": gettext_lazy("Kepala OPD berganti"),
    "similar-other-opd": gettext_lazy("Mirip SOP OPD lain"),
    "keterkaitan-unlinked": gettext_lazy("Keterkaitan belum ditautkan"),
}
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
SIMILARITY_THRESHOLD = 0.8


@dataclass
class Finding:
    code: str
    severity: str
    where: str
    message: str
    fix: str = ""
    step: int | None = None
    field: str = ""
    similarity: float | None = None

    @property
    def label(self):
        return CODE_LABELS.get(self.code, self.code)

    def as_dict(self):
        data = asdict(self)
        return {k: v for k, v in data.items() if v not in (None, "")}


@dataclass
class LaneFacts:
    label: str
    mapping: str  # position | tim_role | unit_heads | none
    position: R.PositionFact | None = None
    position_foreign_opd: str = ""  # akronim when the position belongs to another OPD
    tim_role: str = ""


@dataclass
class StepFacts:
    number: int
    uraian: str
    kind: str = "process"
    lanes: list[int] = field(default_factory=list)  # indexes into SopFacts.lanes
    kelengkapan: str = ""
    waktu: Decimal | None = None
    waktu_satuan: str = durations.MENIT
    output: str = ""
    keterangan: str = ""
    keterangan_linked: bool = False
    ya_ke: int | None = None
    tidak_ke: int | None = None
    utama: bool = False


@dataclass
class HeadTerm:
    """One person heading the OPD for a time (definitif, Plt. or Plh.)."""

    employee_id: int
    name: str
    start: date
    end: date | None = None
    prefix: str = ""

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass
class SimilarSop:
    opd_akronim: str
    number: str
    judul: str
    ratio: float
    created: date | None = None


@dataclass
class SopFacts:
    number: str
    judul: str
    status: str = "draft"
    made_on: date | None = None
    revised_on: date | None = None
    effective_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    signer_id: int | None = None
    signer_name: str = ""
    signer_position_is_head: bool = True
    signed_on: date | None = None
    dasar_hukum: list[str] = field(default_factory=list)
    kualifikasi_pelaksana: list[str] = field(default_factory=list)
    keterkaitan: list[str] = field(default_factory=list)
    keterkaitan_linked: list[str] = field(default_factory=list)
    peralatan: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    pencatatan: list[str] = field(default_factory=list)
    pj_produk: str = ""
    pj_kegiatan: str = ""
    ruang_lingkup: str = ""
    lanes: list[LaneFacts] = field(default_factory=list)
    steps: list[StepFacts] = field(default_factory=list)

    @property
    def approved(self):
        return self.status in ("disahkan", "diganti", "dicabut")


@dataclass
class Context:
    opd: R.OpdFacts
    others: list[R.OpdFacts] = field(default_factory=list)
    heads: list[HeadTerm] = field(default_factory=list)
    registered_titles: dict = field(default_factory=dict)  # normalised judul → "nomor judul" of this OPD's SOPs
    similar: list[SimilarSop] = field(default_factory=list)
    today: date = field(default_factory=date.today)


def _tanggal(d):
    return tanggal(d) if d else ""


# --- the rules -----------------------------------------------------------------------------------
def lint(sop: SopFacts, ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    findings += _roles(sop, ctx)
    findings += _lanes(sop, ctx)
    findings += _identity(sop, ctx)
    findings += _dasar_hukum(sop)
    findings += _steps(sop)
    findings += _signer(sop, ctx)
    findings += _similar(sop, ctx)
    findings += _keterkaitan(sop, ctx)
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.step or 0))


def is_clean(findings) -> bool:
    """Clean = no error and no warning (info findings are advice)."""
    return not any(f.severity in (ERROR, WARNING) for f in findings)


def _texts(sop: SopFacts):
    """(where, field, step number, text) of every text that may name a role."""
    for i, lane in enumerate(sop.lanes):
        yield (f'Pelaksana "{lane.label}"', "lane", None, lane.label, i)
    for step in sop.steps:
        yield (f"Langkah {step.number}", "uraian", step.number, step.uraian, None)
        if step.keterangan:
            yield (f"Langkah {step.number} (keterangan)", "keterangan", step.number, step.keterangan, None)
    yield ("Lembar kerja: Penanggung jawab produk", "pj_produk", None, sop.pj_produk, None)
    yield ("Lembar kerja: Penanggung jawab kegiatan", "pj_kegiatan", None, sop.pj_kegiatan, None)
    for n, line in enumerate(sop.pencatatan, start=1):
        yield (f"Identitas: Pencatatan dan pendataan butir {n}", "pencatatan", None, line, None)
    for n, line in enumerate(sop.kualifikasi_pelaksana, start=1):
        yield (f"Identitas: Kualifikasi pelaksana butir {n}", "kualifikasi_pelaksana", None, line, None)
    for n, line in enumerate(sop.peringatan, start=1):
        yield (f"Identitas: Peringatan butir {n}", "peringatan", None, line, None)


def _akronims(ctx):
    return [ctx.opd.akronim] + [o.akronim for o in ctx.others]


def _suggest_for(mention: R.Mention, ctx: Context) -> str:
    opd = ctx.opd
    if mention.kind == R.HEAD:
        return f'Ganti "{mention.text}" dengan "{opd.head_short}".'
    if mention.kind == R.SEKRETARIS:
        sek = next(
            (
                p.short_name or p.name
                for p in opd.positions
                if p.unit_kind == "sekretariat" and p.kind == "administrator"
            ),
            "Sekretaris",
        )
        return f'Ganti "{mention.text}" dengan "{sek}".'
    level = {"bidang": ("administrator",), "bagian": ("administrator",)}.get(mention.kind, ("pengawas",))
    # Prefer the Sekretariat's subunits (planning, data) and units whose names share a word with the mention.
    words = set(R._words(mention.name))
    candidates = [p for p in opd.positions if p.kind in level and not p.is_head]
    candidates.sort(
        key=lambda p: (
            -len(words & set(R._words(p.unit_name))),
            p.unit_kind != "subbagian",
            p.unit_kind != "sekretariat",
            p.name,
        )
    )
    options = [p.short_name or p.name for p in candidates][:3]
    if options:
        return (
            f'Ganti "{mention.text}" dengan jabatan yang ada di {opd.akronim}, mis. '
            + ", ".join(f'"{o}"' for o in options)
            + ", atau dengan peran Tim SAKIP yang melakukannya."
        )
    return f'Ganti "{mention.text}" dengan jabatan yang ada di {opd.akronim}.'


def _roles(sop: SopFacts, ctx: Context) -> list[Finding]:
    findings = []
    foreign_hits: dict[str, list[str]] = {}
    akronims = _akronims(ctx)
    lane_keys = [_lane_keys(lane, ctx) for lane in sop.lanes]
    steps_by_number = {s.number: s for s in sop.steps}
    for where, fieldname, step_no, text, _lane_index in _texts(sop):
        if not text:
            continue
        for mention in R.find_mentions(text, akronims):
            res = R.resolve(mention, ctx.opd, ctx.others)
            for akronim, what in res.foreign:
                foreign_hits.setdefault(akronim, []).append(f'"{mention.text}" ({where}; di {akronim}: {what})')
            if not res.ok:
                found_at = ""
                if res.foreign:
                    found_at = (
                        " Sebutan ini ada di "
                        + ", ".join(sorted({a for a, _w in res.foreign}))
                        + " — tanda SOP disalin dari OPD lain."
                    )
                findings.append(
                    Finding(
                        "role-unknown",
                        ERROR,
                        where,
                        f'"{mention.text}" tidak ada di {ctx.opd.akronim}: {res.reason}.{found_at}',
                        _suggest_for(mention, ctx),
                        step=step_no,
                        field=fieldname,
                    )
                )
                continue
            if fieldname == "uraian" and _is_actor(text, mention):
                step = steps_by_number[step_no]
                key = R.role_key(mention, res)
                matching = [i for i, keys in enumerate(lane_keys) if any(R.keys_match(key, k) for k in keys)]
                if not matching:
                    labels = ", ".join(lane.label for lane in sop.lanes) or "(belum ada)"
                    findings.append(
                        Finding(
                            "actor-not-lane",
                            ERROR,
                            where,
                            f'Langkah {step_no} menyebut "{mention.text}" sebagai pelaksana, tetapi '
                            f'"{mention.text}" bukan salah satu kolom pelaksana ({labels}).',
                            f'Tambahkan pelaksana "{mention.text}" (mis. dipetakan ke setiap kepala unit) '
                            f"dan tandai langkah {step_no} pada kolom itu, atau tulis ulang uraian sesuai "
                            f"pelaksana yang ada.",
                            step=step_no,
                            field="uraian",
                        )
                    )
                elif step.lanes and not set(matching) & set(step.lanes):
                    marked = ", ".join(sop.lanes[i].label for i in step.lanes)
                    findings.append(
                        Finding(
                            "actor-lane-mismatch",
                            WARNING,
                            where,
                            f'Langkah {step_no} menyebut "{mention.text}" sebagai pelaksana, tetapi '
                            f"ditandai pada kolom {marked}.",
                            f'Tandai langkah {step_no} pada kolom "{sop.lanes[matching[0]].label}" atau '
                            f"perbaiki uraiannya.",
                            step=step_no,
                            field="lanes",
                        )
                    )
    for akronim, hits in foreign_hits.items():
        findings.append(
            Finding(
                "other-agency",
                ERROR,
                "SOP",
                f"SOP ini memuat sebutan jabatan/unit {akronim} (OPD lain): " + "; ".join(dict.fromkeys(hits)) + ".",
                f"Turunkan SOP menjadi SOP internal {ctx.opd.akronim}: pelaksana dan uraian memakai "
                f"jabatan, unit dan peran yang ada di {ctx.opd.akronim}.",
            )
        )
    # Other agencies named outright ("Bappedalitbang") in steps or lanes.
    for where, fieldname, step_no, text, _i in _texts(sop):
        for other in ctx.others:
            for name in {other.akronim, other.name}:
                if name and len(name) >= 4 and re.search(rf"\b{re.escape(name)}\b", text or "", re.I):
                    findings.append(
                        Finding(
                            "other-agency",
                            WARNING if fieldname in ("keterangan", "kualifikasi_pelaksana", "peringatan") else ERROR,
                            where,
                            f'Teks menyebut {other.akronim} (OPD lain): "{name}".',
                            f"Bila {other.akronim} memang pihak luar yang dituju, biarkan; bila SOP "
                            f"disalin, ganti dengan {ctx.opd.akronim}.",
                            step=step_no,
                            field=fieldname,
                        )
                    )
                    break
    return findings


def _is_actor(text: str, mention: R.Mention) -> bool:
    """The subject of a step: a role at the very beginning, or after "oleh"."""
    before = text[: mention.start].strip().lower()
    return before == "" or before.endswith(" oleh") or before == "oleh"


def _lane_keys(lane: LaneFacts, ctx: Context) -> set:
    keys = set()
    if lane.mapping == "tim_role" and lane.tim_role:
        keys.add((R.TIM, lane.tim_role))
    elif lane.mapping == "unit_heads":
        keys |= R.ALL_UNIT_HEAD_KEYS
    elif lane.mapping == "position" and lane.position is not None:
        keys |= R.position_keys(lane.position)
    for mention in R.find_mentions(lane.label, _akronims(ctx)):
        res = R.resolve(mention, ctx.opd, ctx.others)
        if res.ok:
            keys.add(R.role_key(mention, res))
    return keys


def _lanes(sop: SopFacts, ctx: Context) -> list[Finding]:
    findings = []
    used = {i for s in sop.steps for i in s.lanes}
    for i, lane in enumerate(sop.lanes):
        where = f'Pelaksana "{lane.label}"'
        if (
            lane.mapping in ("", "none")
            or (lane.mapping == "position" and lane.position is None)
            or (lane.mapping == "tim_role" and not lane.tim_role)
        ):
            findings.append(
                Finding(
                    "lane-unmapped",
                    WARNING,
                    where,
                    f'Pelaksana "{lane.label}" belum dipetakan ke jabatan, peran Tim SAKIP atau setiap '
                    f"kepala unit; tugasnya tidak dapat dibuat otomatis.",
                    "Petakan pelaksana ini pada halaman Langkah → Pelaksana.",
                    field="lane",
                )
            )
        if lane.position_foreign_opd:
            findings.append(
                Finding(
                    "lane-foreign-position",
                    ERROR,
                    where,
                    f'Pelaksana "{lane.label}" dipetakan ke jabatan di {lane.position_foreign_opd}.',
                    f"Petakan ke jabatan di {ctx.opd.akronim}.",
                    field="lane",
                )
            )
        if i not in used and sop.steps:
            findings.append(
                Finding(
                    "lane-unused",
                    WARNING,
                    where,
                    f'Pelaksana "{lane.label}" tidak melaksanakan satu langkah pun.',
                    "Hapus kolom ini atau tandai langkah yang dilakukannya.",
                    field="lane",
                )
            )
    return findings


IDENTITY_REQUIRED = [
    ("number", "Nomor SOP"),
    ("judul", "Judul SOP"),
    ("made_on", "Tanggal pembuatan"),
    ("effective_on", "Tanggal efektif"),
    ("dasar_hukum", "Dasar hukum"),
    ("kualifikasi_pelaksana", "Kualifikasi pelaksana"),
    ("peralatan", "Peralatan/perlengkapan"),
    ("peringatan", "Peringatan"),
    ("pencatatan", "Pencatatan dan pendataan"),
]
WORKSHEET_REQUIRED = [
    ("pj_produk", "Penanggung jawab produk"),
    ("pj_kegiatan", "Penanggung jawab kegiatan"),
    ("ruang_lingkup", "Ruang lingkup"),
]


def _identity(sop: SopFacts, ctx: Context) -> list[Finding]:
    findings = []
    for name, label in IDENTITY_REQUIRED:
        if getattr(sop, name) in (None, "", []):
            message = f"{label} pada halaman identitas kosong."
            if name == "effective_on":
                message = "Tanggal efektif kosong: tidak jelas sejak kapan SOP berlaku."
                if sop.approved and sop.valid_from:
                    message += f" sakip menganggapnya berlaku sejak tanggal pengesahan ({_tanggal(sop.valid_from)})."
            findings.append(
                Finding(
                    "identity-empty",
                    ERROR,
                    f"Identitas: {label}",
                    message,
                    f"Isi {label.lower()}{' (versi baru bila SOP sudah disahkan)' if sop.approved else ''}.",
                    field=name,
                )
            )
    if sop.approved and not sop.signer_name:
        findings.append(
            Finding(
                "identity-empty",
                ERROR,
                "Identitas: Disahkan oleh",
                "SOP disahkan tanpa nama penanda tangan.",
                "Catat pengesahan oleh Kepala OPD.",
                field="disahkan",
            )
        )
    for name, label in WORKSHEET_REQUIRED:
        if not getattr(sop, name):
            findings.append(
                Finding(
                    "identity-empty",
                    WARNING,
                    f"Lembar kerja: {label}",
                    f"{label} pada Lembar Kerja Identifikasi Kegiatan kosong.",
                    f"Isi {label.lower()}.",
                    field=name,
                )
            )
    if sop.steps and not any(s.utama for s in sop.steps):
        findings.append(
            Finding(
                "langkah-utama-empty",
                WARNING,
                "Lembar kerja: Langkah utama",
                "Langkah utama kosong: tidak ada langkah yang ditandai sebagai langkah utama.",
                "Tandai langkah inti (di antara langkah awal dan langkah akhir) sebagai langkah utama.",
                field="utama",
            )
        )
    return findings


_REGULATION = re.compile(
    r"(undang[-\s]undang|peraturan\s+pemerintah|peraturan\s+presiden|peraturan\s+menteri(?:\s+(?!nomor\b|no\b)[a-z,\-]+){1,10}?|peraturan\s+daerah(?:\s+(?!nomor\b|no\b)[a-z]+){0,4}?|"
    r"peraturan\s+(?:bupati|walikota|wali\s+kota|gubernur)(?:\s+(?!nomor\b|no\b)[a-z]+){0,3}?|keputusan(?:\s+(?!nomor\b|no\b)[a-z]+){1,6}?|permendagri|permenpan(?:[-\s]?rb)?|perbup|perda|perwal|pergub|perpres|uu|pp|inpres|kepmendagri)"
    r"\s*(?:republik\s+indonesia\s*)?(?:no\.?|nomor)\s*([\w.\-/]+?)\s*(?:tahun|th\.?)\s*(\d{4})",
    re.I,
)


def _regulation_type(text):
    t = " ".join(text.lower().split())
    if "dalam negeri" in t or t.startswith("permendagri"):
        return "Permendagri"
    if "pendayagunaan" in t or t.startswith("permenpan"):
        return "PermenPAN-RB"
    if "bupati" in t or t == "perbup":
        return "Perbup"
    if "walikota" in t or "wali kota" in t or t == "perwal":
        return "Perwal"
    if "gubernur" in t or t == "pergub":
        return "Pergub"
    if t.startswith("peraturan daerah") or t == "perda":
        return "Perda"
    if t.startswith("peraturan pemerintah") or t == "pp":
        return "PP"
    if t.startswith("peraturan presiden") or t == "perpres":
        return "Perpres"
    if t.startswith("undang") or t == "uu":
        return "UU"
    return t.title()


def regulations(line: str) -> list[tuple[str, str, str]]:
    """ "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 …" → [("Permendagri", "52", "2011")]."""
    return [
        (_regulation_type(m.group(1)), m.group(2).strip(".").upper(), m.group(3)) for m in _REGULATION.finditer(line)
    ]


def _dasar_hukum(sop: SopFacts) -> list[Finding]:
    findings = []
    seen: dict[tuple, int] = {}
    seen_lines: dict[str, int] = {}
    for n, line in enumerate(sop.dasar_hukum, start=1):
        regs = regulations(line)
        if len(regs) > 1:
            findings.append(
                Finding(
                    "dasar-hukum-merged",
                    INFO,
                    f"Identitas: Dasar hukum butir {n}",
                    f"Butir {n} memuat {len(regs)} peraturan sekaligus "
                    f"({', '.join(f'{t} {no}/{y}' for t, no, y in regs)}).",
                    "Tulis satu peraturan per butir.",
                    field="dasar_hukum",
                )
            )
        norm = " ".join(re.findall(r"[a-z0-9]+", line.lower()))
        if norm in seen_lines:
            findings.append(
                Finding(
                    "dasar-hukum-duplicate",
                    WARNING,
                    f"Identitas: Dasar hukum butir {n}",
                    f"Butir {n} sama dengan butir {seen_lines[norm]}.",
                    f"Hapus butir {n}.",
                    field="dasar_hukum",
                )
            )
            continue
        seen_lines[norm] = n
        for reg in regs:
            if reg in seen and seen[reg] != n:
                findings.append(
                    Finding(
                        "dasar-hukum-duplicate",
                        WARNING,
                        f"Identitas: Dasar hukum butir {n}",
                        f"{reg[0]} {reg[1]}/{reg[2]} tercantum dua kali (butir {seen[reg]} dan {n}).",
                        f"Hapus {reg[0]} {reg[1]}/{reg[2]} dari salah satu butir.",
                        field="dasar_hukum",
                    )
                )
            seen.setdefault(reg, n)
    return findings


def _steps(sop: SopFacts) -> list[Finding]:
    findings = []
    if not sop.steps:
        return [
            Finding(
                "no-steps",
                ERROR,
                "Prosedur",
                "SOP belum memiliki langkah.",
                "Tempelkan tabel prosedur atau tambahkan langkah.",
            )
        ]
    numbers = {s.number for s in sop.steps}
    for step in sop.steps:
        where = f"Langkah {step.number}"
        if not step.lanes:
            findings.append(
                Finding(
                    "step-no-lane",
                    ERROR,
                    where,
                    f"Langkah {step.number} tidak ditandai pada kolom pelaksana mana pun.",
                    f"Tandai pelaksana langkah {step.number}.",
                    step=step.number,
                    field="lanes",
                )
            )
        if step.waktu is None:
            findings.append(
                Finding(
                    "step-no-time",
                    WARNING,
                    where,
                    f"Langkah {step.number} tanpa waktu (mutu baku).",
                    f"Isi waktu standar langkah {step.number}.",
                    step=step.number,
                    field="waktu",
                )
            )
        if not step.output:
            findings.append(
                Finding(
                    "step-no-output",
                    WARNING,
                    where,
                    f"Langkah {step.number} tanpa output (mutu baku).",
                    f"Isi output langkah {step.number}.",
                    step=step.number,
                    field="output",
                )
            )
        if step.kind == "decision":
            for label, target in (("Ya", step.ya_ke), ("Tidak", step.tidak_ke)):
                if target is None and not (label == "Ya" and step.number + 1 in numbers):
                    findings.append(
                        Finding(
                            "decision-branch",
                            ERROR,
                            where,
                            f'Keputusan pada langkah {step.number} tanpa cabang "{label}".',
                            f'Isi langkah tujuan bila "{label}".',
                            step=step.number,
                            field="ya_ke" if label == "Ya" else "tidak_ke",
                        )
                    )
                elif target is not None and target not in numbers:
                    findings.append(
                        Finding(
                            "decision-branch",
                            ERROR,
                            where,
                            f'Cabang "{label}" langkah {step.number} menuju langkah {target} yang tidak ada.',
                            "Perbaiki nomor langkah tujuan.",
                            step=step.number,
                            field="ya_ke" if label == "Ya" else "tidak_ke",
                        )
                    )
    return findings


def _signer(sop: SopFacts, ctx: Context) -> list[Finding]:
    findings = []
    if not sop.approved or not sop.signed_on:
        return findings
    where = "Identitas: Disahkan oleh"
    holders = [h for h in ctx.heads if h.covers(sop.signed_on)]
    if not sop.signer_position_is_head or (
        sop.signer_id is not None and holders and sop.signer_id not in {h.employee_id for h in holders}
    ):
        head_text = ", ".join(f"{h.prefix}{h.name}" for h in holders) or "tidak tercatat"
        findings.append(
            Finding(
                "signer-not-head",
                ERROR,
                where,
                f"Penanda tangan {sop.signer_name} bukan Kepala {ctx.opd.akronim} pada tanggal pengesahan "
                f"{_tanggal(sop.signed_on)} (Kepala saat itu: {head_text}).",
                f"SOP disahkan oleh Kepala {ctx.opd.akronim}; ajukan pengesahan ulang.",
                field="disahkan",
            )
        )
        return findings
    end = min(sop.valid_until or ctx.today, ctx.today)
    start = sop.valid_from or sop.signed_on
    later = sorted(
        (
            h
            for h in ctx.heads
            if h.employee_id != sop.signer_id
            and h.start > sop.signed_on
            and h.start <= end
            and (h.end is None or h.end >= start)
        ),
        key=lambda h: h.start,
    )
    if later:
        h = later[0]
        period = f"sampai {_tanggal(sop.valid_until)}" if sop.valid_until else "sampai sekarang"
        findings.append(
            Finding(
                "signer-head-changed",
                WARNING,
                where,
                f"SOP ini berlaku ({period}) dengan tanda tangan {sop.signer_name} "
                f"({_tanggal(sop.signed_on)}), sedangkan sejak {_tanggal(h.start)} Kepala "
                f"{ctx.opd.akronim} adalah {h.prefix}{h.name}.",
                f"Pengesahan ulang oleh {h.prefix}{h.name} disarankan (revisi dengan tanggal efektif baru).",
                field="disahkan",
            )
        )
    return findings


def _similar(sop: SopFacts, ctx: Context) -> list[Finding]:
    findings = []
    for other in ctx.similar:
        if other.ratio < SIMILARITY_THRESHOLD:
            continue
        percent = f"{other.ratio * 100:.0f}%"
        mine = sop.made_on or sop.signed_on
        older = other.created is None or mine is None or other.created <= mine
        label = f'SOP {other.opd_akronim} {other.number} "{other.judul}"'
        if older:
            findings.append(
                Finding(
                    "similar-other-opd",
                    ERROR,
                    "Prosedur",
                    f"Uraian langkah {percent} sama dengan "
                    f"{label}{' (dibuat ' + _tanggal(other.created) + ')' if other.created else ''}: SOP "
                    f"ini tampaknya disalin, belum diturunkan menjadi SOP internal {ctx.opd.akronim}.",
                    f"Susun ulang langkah menurut tugas, jabatan dan kebutuhan {ctx.opd.akronim}.",
                    similarity=round(other.ratio, 3),
                )
            )
        else:
            findings.append(
                Finding(
                    "similar-other-opd",
                    INFO,
                    "Prosedur",
                    f"{label} {percent} sama dengan SOP ini dan dibuat kemudian: tampaknya disalin dari SOP ini.",
                    f"Beri tahu {other.opd_akronim} agar menurunkannya menjadi SOP internal.",
                    similarity=round(other.ratio, 3),
                )
            )
    return findings


def _title_key(text):
    """ "SOP Pelaksanaan Rapat (061.1/364)" → "pelaksanaan rapat"."""
    text = re.sub(r"\([^)]*\)", " ", text or "")
    words = re.findall(r"[a-z0-9]+", text.lower())
    if words[:1] == ["sop"]:
        words = words[1:]
    return " ".join(words)


def _keterkaitan(sop: SopFacts, ctx: Context) -> list[Finding]:
    findings = []
    for n, line in enumerate(sop.keterkaitan, start=1):
        key = _title_key(line)
        if key in ctx.registered_titles:
            findings.append(
                Finding(
                    "keterkaitan-unlinked",
                    INFO,
                    f"Identitas: Keterkaitan butir {n}",
                    f'"{line}" terdaftar di sakip ({ctx.registered_titles[key]}) tetapi ditulis sebagai teks.',
                    "Pilih SOP tersebut pada Keterkaitan (SOP terdaftar) agar tertaut.",
                    field="keterkaitan",
                )
            )
    for step in sop.steps:
        if step.keterangan and not step.keterangan_linked:
            key = _title_key(step.keterangan)
            if key in ctx.registered_titles:
                findings.append(
                    Finding(
                        "keterkaitan-unlinked",
                        INFO,
                        f"Langkah {step.number} (keterangan)",
                        f'Keterangan "{step.keterangan}" menyebut SOP yang terdaftar '
                        f"({ctx.registered_titles[key]}) tanpa tautan.",
                        f'Pilih SOP tersebut pada kolom "Merujuk SOP" langkah {step.number}.',
                        step=step.number,
                        field="keterangan_sop",
                    )
                )
    return findings


# --- similarity ----------------------------------------------------------------------------------
def similarity_text(steps_text: list[str], own_names=()) -> list[str]:
    """Words of the steps, with the OPD's own names replaced so a copy with a new name still matches."""
    text = " ".join(steps_text).lower()
    for name in sorted((n for n in own_names if n), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name.lower())}\b", " opd ", text)
    return re.findall(r"[a-z0-9]+", text)


def similarity(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    if len(sa & sb) / max(1, len(sa | sb)) < 0.35:  # cheap filter before the sequence match
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
