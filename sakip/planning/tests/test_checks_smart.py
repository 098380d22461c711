from decimal import Decimal

import pytest

from sakip.planning import selectors
from sakip.planning.checks.smart import Facts, check, is_activity_wording

GOOD = dict(
    id=1,
    label="Persentase PPKS yang kembali berfungsi sosial",
    level=1,
    satuan="%",
    definition="d",
    formula="f",
    data_source="s",
    has_pj=True,
    baseline=Decimal(60),
    years=(2025, 2026),
    targets={2025: (Decimal(62), None, ""), 2026: (Decimal(64), None, "")},
)


def test_complete_indicator_is_smart():
    result = check(Facts(**GOOD))
    assert result.ok and result.letters_failed == "" and result.letters_ok == "SMART"


@pytest.mark.parametrize(
    ("change", "code", "letter"),
    [
        ({"satuan": ""}, "satuan", "M"),
        ({"definition": ""}, "definisi", "S"),
        ({"formula": " "}, "formula", "M"),
        ({"data_source": ""}, "sumber_data", "M"),
        ({"has_pj": False}, "penanggung_jawab", "A"),
        ({"baseline": None}, "baseline", "A"),
        ({"label": "Jumlah kegiatan sosialisasi PMKS"}, "rumusan_kegiatan", "R"),
        ({"targets": {2025: (Decimal(62), None, "")}}, "target_tahun", "T"),
        ({"targets": {2025: (Decimal(50), None, ""), 2026: (Decimal(64), None, "")}}, "target_di_bawah_baseline", "A"),
    ],
)
def test_each_reason(change, code, letter):
    result = check(Facts(**(GOOD | change)))
    reason = next(r for r in result.reasons if r.code == code)
    assert reason.letter == letter and reason.message
    assert letter in result.letters_failed


def test_min_indicator_target_above_baseline():
    result = check(
        Facts(**(GOOD | {"polarity": "min", "targets": {2025: (Decimal(70), None, ""), 2026: (Decimal(55), None, "")}}))
    )
    assert [r.code for r in result.reasons] == ["target_di_atas_baseline"]
    assert "2025" in result.reasons[0].message


def test_missing_years_are_named():
    result = check(Facts(**(GOOD | {"years": (2025, 2026, 2027, 2028)})))
    assert "2027, 2028" in result.reasons[0].message


def test_activity_wording_only_at_outcome_levels():
    assert is_activity_wording("Terselenggaranya rapat koordinasi")
    assert not is_activity_wording("Persentase desa mandiri")
    low = check(Facts(**(GOOD | {"label": "Jumlah kegiatan sosialisasi", "level": 3})))
    assert low.ok


def test_qualitative_targets_use_the_scale():
    facts = GOOD | {
        "qualitative": True,
        "satuan": "",
        "formula": "",
        "baseline": None,
        "scale_labels": ("A", "BB", "B"),
        "targets": {2025: (None, None, "B"), 2026: (None, None, "X")},
    }
    result = check(Facts(**facts))
    assert [r.code for r in result.reasons] == ["predikat"]


def test_stabil_needs_upper_bound():
    result = check(
        Facts(
            **(
                GOOD
                | {
                    "polarity": "stabil",
                    "targets": {2025: (Decimal(62), None, ""), 2026: (Decimal(64), Decimal(70), "")},
                }
            )
        )
    )
    assert [r.code for r in result.reasons] == ["rentang"]


@pytest.mark.django_db
def test_demo_smart_report_has_reasons(dinas, year):
    results = selectors.smart_report(dinas, year)
    bad = {r.label: r for r in results if not r.ok}
    assert "Jumlah rapat koordinasi lembaga kemasyarakatan desa" in bad
    assert any(x.code == "rumusan_kegiatan" for x in bad["Jumlah rapat koordinasi lembaga kemasyarakatan desa"].reasons)
    assert sum(1 for r in results if r.ok) > len(bad)
    assert results[0].as_dict()["reasons"] is not None
    old = {r.label: r for r in selectors.smart_report(dinas, 2022)}
    assert not old["Jumlah kegiatan sosialisasi penanganan PMKS"].ok
