"""Budget absorption and efficiency — pure Python (docs/rules.md §1).

serapan (absorption) = realisasi anggaran / basis × 100, rounded half-up to 2 places.
Efficiency compares the capaian kinerja % with the serapan %: gap = capaian − serapan;
gap > +threshold → "Efisien", −threshold ≤ gap ≤ +threshold → "Cukup efisien", otherwise
"Tidak efisien" (threshold 5 points by default, configurable: SAKIP_EFISIENSI_THRESHOLD).

Like with like (`assess`): up to a quarter (TW I–III) the realisasi s.d. that quarter is measured
against the anggaran kas (planned disbursement) s.d. that quarter; without a recorded anggaran kas
a quarter cannot be judged ("belum dapat dinilai"). The year (TW IV / tahunan) is measured against
the pagu. Nothing is judged without a pagu, without realisasi anggaran (0 included), with incomplete
realisasi (an earlier quarter not recorded; some of a sasaran's programmes not recorded) or without a
capaian: "tidak dapat dinilai" with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from sakip.core.formats import angka

EFISIEN = "Efisien"
CUKUP = "Cukup efisien"
TIDAK = "Tidak efisien"

DINILAI = "dinilai"
BELUM = "belum_dapat_dinilai"  # a quarter without anggaran kas: it will be judged (TW IV / with kas)
TIDAK_DAPAT = "tidak_dapat_dinilai"  # the data cannot support a judgement (no pagu, no realisasi, no capaian)

TW_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _dec(value):
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def serapan(pagu, realisasi) -> Decimal | None:
    """Absorption in percent, or None without a pagu (or a pagu of 0) or without realisasi."""
    pagu, realisasi = _dec(pagu), _dec(realisasi)
    if pagu is None or realisasi is None or pagu <= 0:
        return None
    if realisasi < 0:
        raise ValueError("Realisasi anggaran tidak boleh negatif.")
    return (realisasi / pagu * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def efisiensi(capaian_pct, serapan_pct, threshold=5) -> tuple[str | None, Decimal | None]:
    """(label, gap in points) or (None, None) when either side is missing."""
    c, s = _dec(capaian_pct), _dec(serapan_pct)
    if c is None or s is None:
        return None, None
    t = _dec(threshold)
    gap = (c - s).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if gap > t:
        return EFISIEN, gap
    if gap >= -t:
        return CUKUP, gap
    return TIDAK, gap


@dataclass(frozen=True)
class Assessment:
    """An efficiency judgement and what it rests on.

    status: DINILAI / BELUM / TIDAK_DAPAT; label: Efisien / Cukup efisien / Tidak efisien (only
    when DINILAI); basis: the amount the realisasi is measured against; basis_label: "anggaran kas
    s.d. TW II" or "pagu"; serapan: realisasi ÷ basis (the like-with-like absorption); reason: one
    sentence for the reader (why it could not be judged, or how it was)."""

    status: str
    label: str | None
    gap: Decimal | None
    serapan: Decimal | None
    basis: Decimal | None
    basis_label: str
    reason: str

    @property
    def judged(self) -> bool:
        return self.status == DINILAI

    @property
    def text(self) -> str:
        """What a document prints in the Efisiensi cell."""
        if self.judged:
            return self.label
        if self.status == BELUM:
            return _("Belum dapat dinilai")
        return _("Tidak dapat dinilai")


def assess(
    capaian_pct,
    realisasi,
    *,
    pagu,
    kas=None,
    triwulan=0,
    threshold=5,
    missing_quarters=(),
    unrecorded=0,
    programmes=0,
) -> Assessment:
    """Efficiency up to a period, like with like (docs/rules.md §1).

    capaian_pct: the capaian kinerja s.d. the period; realisasi: realisasi anggaran s.d. the period;
    pagu: the annual pagu; kas: the anggaran kas s.d. the period's quarter (None = not recorded);
    triwulan: 1–3 for a quarter, 4 or 0 (tahunan) for the year. Incomplete realisasi is never judged:
    missing_quarters: the earlier quarters of a programme without realisasi (so there is no realisasi s.d.
    the period); unrecorded / programmes: of a sasaran's or the OPD's programmes, how many have no
    realisasi s.d. the period, out of how many."""
    capaian_pct, realisasi, pagu, kas = _dec(capaian_pct), _dec(realisasi), _dec(pagu), _dec(kas)
    quarter = triwulan in (1, 2, 3)
    if pagu is None or pagu <= 0:
        return Assessment(TIDAK_DAPAT, None, None, None, None, "", _("tidak dapat dinilai: tidak ada pagu anggaran"))
    if missing_quarters:
        return Assessment(
            TIDAK_DAPAT,
            None,
            None,
            None,
            None,
            "",
            _(
                "tidak dapat dinilai: realisasi anggaran %(tws)s belum tercatat, sehingga realisasi s.d. TW %(tw)s "
                "tidak dapat dihitung"
            )
            % {"tws": ", ".join(f"TW {TW_ROMAN[q]}" for q in missing_quarters), "tw": TW_ROMAN.get(triwulan, "")},
        )
    if unrecorded:
        return Assessment(
            TIDAK_DAPAT,
            None,
            None,
            None,
            None,
            "",
            _("tidak dapat dinilai: realisasi anggaran belum lengkap (%(k)s dari %(m)s program belum tercatat)")
            % {"k": unrecorded, "m": programmes},
        )
    if quarter:
        tw = TW_ROMAN[triwulan]
        basis_label = _("anggaran kas s.d. TW %(tw)s") % {"tw": tw}
        if kas is None:
            return Assessment(
                BELUM,
                None,
                None,
                None,
                None,
                basis_label,
                _(
                    "belum dapat dinilai: anggaran kas (rencana penarikan dana) per triwulan belum dicatat, "
                    "sehingga efisiensi s.d. TW %(tw)s tidak dapat dibandingkan setara; efisiensi dinilai "
                    "untuk satu tahun (TW IV)"
                )
                % {"tw": tw},
            )
        if kas <= 0:
            return Assessment(
                TIDAK_DAPAT,
                None,
                None,
                None,
                kas,
                basis_label,
                _("tidak dapat dinilai: anggaran kas s.d. TW %(tw)s Rp 0 (belum ada penarikan dana yang direncanakan)")
                % {"tw": tw},
            )
        basis = kas
    else:
        basis, basis_label = pagu, _("pagu")
    absorption = serapan(basis, realisasi)
    if realisasi is None or realisasi <= 0:
        return Assessment(
            TIDAK_DAPAT,
            None,
            None,
            absorption,
            basis,
            basis_label,
            _("tidak dapat dinilai: belum ada realisasi anggaran"),
        )
    if capaian_pct is None:
        return Assessment(
            TIDAK_DAPAT,
            None,
            None,
            absorption,
            basis,
            basis_label,
            _("tidak dapat dinilai: capaian kinerja belum dapat dihitung"),
        )
    label, gap = efisiensi(capaian_pct, absorption, threshold)
    return Assessment(
        DINILAI,
        label,
        gap,
        absorption,
        basis,
        basis_label,
        _("capaian %(c)s%% − serapan %(s)s%% dari %(b)s = %(g)s poin")
        % {
            "c": angka(capaian_pct, 2),
            "s": angka(absorption, 2),
            "b": basis_label,
            "g": angka(gap, 2),
        },
    )
