"""IKU stability within a Renstra period (PermenPAN-RB 88/2021 criterion 1.b: "IKU … tetap
dalam satu periode Renstra"). Every change of an IKU after the Renstra was adopted is recorded;
each is flagged here, more strongly when no reason was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sakip.core.formats import tanggal

FIELD_LABEL = {
    "name": "uraian",
    "satuan": "satuan",
    "formula": "formula",
    "polarity": "polaritas",
    "is_iku": "status IKU",
    "deleted": "penghapusan",
}


@dataclass(frozen=True)
class Change:
    indicator: str
    field: str
    old: str
    new: str
    on: date
    reason: str = ""


@dataclass(frozen=True)
class Flag:
    indicator: str
    message: str
    severity: str  # "perhatian" (with a reason) | "masalah" (without)


@dataclass
class StabilityReport:
    start_year: int
    end_year: int
    flags: list

    @property
    def stable(self) -> bool:
        return not self.flags

    def as_dict(self):
        return {
            "stable": self.stable,
            "period": f"{self.start_year}–{self.end_year}",
            "flags": [f.__dict__.copy() for f in self.flags],
        }


def check(changes, start_year: int, end_year: int) -> StabilityReport:
    flags = []
    for c in sorted(changes, key=lambda c: c.on):
        if not (start_year <= c.on.year <= end_year):
            continue
        what = FIELD_LABEL.get(c.field, c.field)
        detail = f"{c.old or '–'} → {c.new or '–'}"
        msg = (
            f'IKU "{c.indicator}" berubah ({what}: {detail}) pada {tanggal(c.on)}, di dalam periode Renstra '
            f"{start_year}–{end_year}"
        )
        if c.reason.strip():
            flags.append(Flag(c.indicator, f"{msg}; alasan: {c.reason.strip()}.", "perhatian"))
        else:
            flags.append(Flag(c.indicator, f"{msg} tanpa alasan yang dicatat.", "masalah"))
    return StabilityReport(start_year, end_year, flags)
