"""SMART check per indicator, with reasons (PermenPAN-RB 88/2021 criterion 1.b; docs/rules.md §3).

S Specific, M Measurable, A Achievable, R Relevant, T Time-bound. Each reason names the letter it
fails, so a badge can show which of S/M/A/R/T is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.planning.capaian import fmt_number

# Wording that describes an activity or an output, not a result (outcome), at sasaran/IKU level.
ACTIVITY_WORDS = (
    "jumlah kegiatan",
    "jumlah dokumen",
    "jumlah laporan",
    "jumlah rapat",
    "jumlah sosialisasi",
    "jumlah pelatihan",
    "terlaksananya",
    "terselenggaranya",
    "tersusunnya",
    "tersedianya",
    "pelaksanaan",
    "penyelenggaraan",
    "penyusunan",
    "fasilitasi",
    "pengadaan",
    "pembinaan",
    "sosialisasi",
    "koordinasi",
    "rapat",
)
OUTCOME_LEVELS = {0, 1, 2}


@dataclass(frozen=True)
class Facts:
    id: int
    label: str
    level: int
    is_iku: bool = False
    satuan: str = ""
    definition: str = ""
    formula: str = ""
    data_source: str = ""
    has_pj: bool = False
    baseline: Decimal | None = None
    polarity: str = "max"
    qualitative: bool = False
    scale_labels: tuple = ()
    years: tuple = ()  # the years that need a target
    targets: dict = field(default_factory=dict)  # year -> (value Decimal|None, value_max Decimal|None, text str)


@dataclass(frozen=True)
class Reason:
    code: str
    letter: str
    message: str


@dataclass
class Result:
    id: int
    label: str
    reasons: list

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def letters_failed(self) -> str:
        return "".join(sorted({r.letter for r in self.reasons}, key="SMART".index))

    @property
    def letters_ok(self) -> str:
        failed = set(self.letters_failed)
        return "".join(ch for ch in "SMART" if ch not in failed)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "ok": self.ok,
            "letters_failed": self.letters_failed,
            "reasons": [{"code": r.code, "letter": r.letter, "message": r.message} for r in self.reasons],
        }


def _blank(text) -> bool:
    return not str(text or "").strip()


def is_activity_wording(label: str) -> bool:
    text = " " + re.sub(r"\s+", " ", str(label).lower()) + " "
    return any(f" {word}" in text for word in ACTIVITY_WORDS)


def check(f: Facts) -> Result:
    reasons: list[Reason] = []
    add = lambda code, letter, msg: reasons.append(Reason(code, letter, msg))  # noqa: E731
    if _blank(f.satuan) and not f.qualitative:
        add("satuan", "M", "Satuan belum diisi.")
    if _blank(f.definition):
        add("definisi", "S", "Definisi operasional belum diisi.")
    if _blank(f.formula) and not f.qualitative:
        add("formula", "M", "Formula/cara pengukuran belum diisi.")
    if _blank(f.data_source):
        add("sumber_data", "M", "Sumber data belum diisi.")
    if not f.has_pj:
        add("penanggung_jawab", "A", "Penanggung jawab (unit/jabatan) belum ditetapkan.")
    if f.baseline is None and not f.qualitative and f.polarity != "binary":
        add("baseline", "A", "Baseline belum diisi, sehingga target tidak dapat dinilai menantang dan realistis.")
    if f.level in OUTCOME_LEVELS and is_activity_wording(f.label):
        add(
            "rumusan_kegiatan",
            "R",
            "Rumusan indikator menggambarkan kegiatan/keluaran, bukan hasil (outcome) pada tingkat sasaran.",
        )
    missing_years = []
    for year in f.years:
        value, value_max, text = f.targets.get(year, (None, None, ""))
        if f.qualitative:
            if _blank(text):
                missing_years.append(year)
            elif f.scale_labels and text.strip().lower() not in {s.lower() for s in f.scale_labels}:
                add(
                    "predikat",
                    "M",
                    f'Target kualitatif {year} "{text}" tidak ada dalam skala predikat ({", ".join(f.scale_labels)}).',
                )
            continue
        if value is None and f.polarity != "binary":
            missing_years.append(year)
            continue
        if f.polarity == "stabil" and value_max is None:
            add("rentang", "M", f"Target {year} belum memiliki batas atas rentang.")
        if f.baseline is not None and value is not None:
            if f.polarity == "max" and value < f.baseline:
                add(
                    "target_di_bawah_baseline",
                    "A",
                    f"Target {year} ({_n(value)}) lebih rendah dari baseline ({_n(f.baseline)}) untuk "
                    f"indikator maksimal.",
                )
            if f.polarity == "min" and value > f.baseline:
                add(
                    "target_di_atas_baseline",
                    "A",
                    f"Target {year} ({_n(value)}) lebih tinggi dari baseline ({_n(f.baseline)}) untuk "
                    f"indikator minimal.",
                )
    if missing_years:
        add("target_tahun", "T", "Belum ada target untuk tahun " + ", ".join(str(y) for y in missing_years) + ".")
    return Result(f.id, f.label, reasons)


def _n(value: Decimal) -> str:
    return fmt_number(value)


def report(facts) -> list[Result]:
    return [check(f) for f in facts]
