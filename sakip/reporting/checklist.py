"""The pre-sign checklist of a draft Dokumen Pengukuran Kinerja: what the Sekretaris, the Tim SAKIP
and the Kepala should look at before checking, submitting and signing (issue "Figures a Kepala can
sign", item 6). Computed from the same data as the document (reporting.dpk)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

HIGH = Decimal(150)
LOW = Decimal(50)


@dataclass
class Check:
    key: str
    title: str
    explanation: str
    items: list = field(default_factory=list)  # one line of text per finding

    @property
    def ok(self) -> bool:
        return not self.items


def _uses_annual_target(line, period) -> bool:
    """A quarter's capaian compared with the annual target because the quarterly targets are missing."""
    row = line.row
    if period.triwulan not in (1, 2, 3) or row.polarity == "binary" or row.scale:
        return False
    return not any(q not in (None, "") for q in (row.quarters or []))


def build(period, data) -> list[Check]:
    """The checks of the draft `data` (a reporting.dpk.Dpk) of `period`, in reading order."""
    lines = data.all_lines
    annual = Check(
        "target_tahunan",
        _("Dibandingkan dengan target tahunan"),
        _("Target triwulan belum ditetapkan, sehingga capaian triwulan ini dihitung terhadap target satu tahun."),
        [f"{ln.name} ({ln.unit})" for ln in lines if _uses_annual_target(ln, period)],
    )
    evidence = Check(
        "tanpa_bukti",
        _("Tanpa bukti dukung"),
        _("Baris berisi realisasi yang belum dilampiri bukti dukung."),
        [f"{ln.name} ({ln.unit})" for ln in lines if ln.row.has_value and ln.evidence_count == 0],
    )
    extreme = Check(
        "capaian_ekstrem",
        _("Capaian di atas 150% atau di bawah 50%"),
        _("Periksa kembali target, realisasi dan satuannya."),
        [
            f"{ln.name} ({ln.unit}): {ln.percent_text}%"
            for ln in lines
            if ln.percent is not None and (ln.percent > HIGH or ln.percent < LOW)
        ],
    )
    not_judged = [
        f"{b.code} {b.label}: {b.assessment.reason}" for b in data.budget if b.assessment and not b.assessment.judged
    ]
    summary = data.summary.get("assessment")
    if summary is not None and not summary.judged and data.summary.get("pagu"):
        not_judged.insert(0, _("Ringkasan OPD: %(r)s") % {"r": summary.reason})
    efficiency = Check(
        "efisiensi",
        _("Efisiensi tidak dapat dinilai"),
        _("Program yang efisiensinya belum atau tidak dapat dinilai, dengan alasannya."),
        not_judged,
    )
    return [annual, evidence, extreme, efficiency]
