"""The lint on the demo: the seed's SOP shows the defects of docs/rules.md §6; its revision is clean."""

import pytest

from sakip.sop import lint as L
from sakip.sop import selectors
from sakip.sop.models import SopVersion

pytestmark = pytest.mark.django_db


def _by_code(findings):
    out = {}
    for f in findings:
        out.setdefault(f.code, []).append(f)
    return out


def test_seed_sop_shows_every_defect_of_the_finding(seed_v1):
    findings = selectors.lint(seed_v1)
    text = " ".join(f.message for f in findings)
    by = _by_code(findings)
    # Roles of a Badan in a Dinas, and a Bidang the Dinas does not have.
    unknown = {f.where: f.message for f in by["role-unknown"]}
    assert any('"Kepala Badan"' in m for m in unknown.values())
    assert any('"Kasubbid Data"' in m for m in unknown.values())
    assert any('"Kabid Perencanaan Umum"' in m for m in unknown.values())
    assert {f.step for f in by["role-unknown"]} >= {8, 9}
    # The other agency's name.
    assert any("Bappedalitbang" in f.message for f in by["other-agency"])
    # Step 7's Kabid is not among the lanes.
    assert [f.step for f in by["actor-not-lane"]] == [7]
    # The 2021 signer vs the 2022 OPD head.
    head_changed = by["signer-head-changed"][0]
    assert (
        "WIDARSO" in head_changed.message
        and "SUGENG AMIN" in head_changed.message
        and head_changed.severity == "warning"
    )
    # Empty tanggal efektif, empty langkah utama, duplicate dasar hukum.
    assert any(f.field == "effective_on" and f.severity == "error" for f in by["identity-empty"])
    assert by["langkah-utama-empty"]
    assert "Permendagri 52/2011" in by["dasar-hukum-duplicate"][0].message
    # Nearly identical to the Bappedalitbang's SOP, with the similarity shown.
    similar = by["similar-other-opd"][0]
    assert similar.severity == "error" and similar.similarity >= 0.9 and "Bappedalitbang 061.1/215" in similar.message
    assert "Ouput" not in text
    assert not L.is_clean(findings)


def test_corrected_revision_lints_clean(seed_v2):
    findings = selectors.lint(seed_v2)
    assert findings == [], [f.message for f in findings]


def test_the_named_sops_are_registered_and_clean(dinas):
    for judul in ("Pelaksanaan Rapat", "Pelaksanaan Pengawasan Internal Secara Berkala"):
        version = selectors.sop_in_force(dinas, judul)
        assert version is not None, judul
        assert L.is_clean(selectors.lint(version))


def test_the_original_sees_the_copy_as_info(bappeda):
    version = SopVersion.objects.get(sop__opd=bappeda, sop__number="061.1/215")
    findings = selectors.lint(version)
    similar = [f for f in findings if f.code == "similar-other-opd"]
    assert similar and all(f.severity == "info" for f in similar)
    assert "role-unknown" not in {f.code for f in findings}  # Kepala Badan and Kasubbid Data exist in a Badan


def test_opd_report_uses_the_version_in_force(dinas, django_assert_max_num_queries):
    with django_assert_max_num_queries(60):
        rows = selectors.lint_opd(dinas)
    by_nomor = {sop.number: (version, findings) for sop, version, findings in rows}
    version, findings = by_nomor["061.1/366"]
    assert version.version == 2 and findings == []
    assert by_nomor["460/RS-01"][0].status == "draft"


def test_measurement_sop_status_for_the_evaluation_app(dinas):
    from datetime import date

    version, findings = selectors.measurement_sop_status(dinas, date(2022, 6, 1))
    assert version.version == 1 and not L.is_clean(findings)
    version, findings = selectors.measurement_sop_status(dinas, date(2023, 6, 1))
    assert version.version == 2 and L.is_clean(findings)
    assert selectors.measurement_sop_status(dinas, date(2020, 1, 1)) == (None, [])
