"""Automatic self-assessment on constructed data: each rule answers Y/T with its reason, its
evidence links and the list of gaps, or None when its data does not exist."""

from datetime import date

import pytest

from sakip.evaluation import autoanswer, services
from sakip.evaluation.autoanswer import RuleContext, run_rule
from sakip.evaluation.models import Evaluation, Recommendation
from sakip.organization.models import OPD, Assignment, Employee, Position

pytestmark = pytest.mark.django_db
YEAR = date.today().year


@pytest.fixture
def opd_uji(demo):
    """A small OPD: Kepala, one Kabid (Administrator), one Kasi (Pengawas), one staff (Pelaksana)."""
    pemda = demo["pemda"]
    opd = OPD.objects.create(pemda=pemda, name="Dinas Uji Coba", akronim="DinUji", kind=OPD.Kind.DINAS)
    bupati = Position.objects.get(pemda=pemda, kind=Position.Kind.KEPALA_DAERAH)
    people = {}
    spec = [
        ("kepala", "Kepala Dinas Uji Coba", Position.Kind.JPT_PRATAMA, None, "197001011995031001"),
        ("kabid", "Kepala Bidang Uji", Position.Kind.ADMINISTRATOR, "kepala", "197502022000031002"),
        ("kasi", "Kepala Seksi Uji", Position.Kind.PENGAWAS, "kabid", "198003032005031003"),
        ("staf", "Pengelola Data Uji", Position.Kind.PELAKSANA, "kasi", "199004042015031004"),
    ]
    for key, name, kind, sup, nip in spec:
        pos = Position.objects.create(
            pemda=pemda,
            opd=opd,
            name=name,
            short_name=name,
            kind=kind,
            is_opd_head=key == "kepala",
            superior=people[sup][0] if sup else bupati,
        )
        emp = Employee.objects.create(pemda=pemda, opd=opd, name=f"PEGAWAI {key.upper()}", nip=nip)
        Assignment.objects.create(employee=emp, position=pos, start_date=date(2020, 1, 1))
        people[key] = (pos, emp)
    return opd, {k: v[0] for k, v in people.items()}


def _renstra(opd, adopted=True):
    from sakip.planning.models import Renstra

    r = Renstra.objects.create(opd=opd, start_year=YEAR - 1, end_year=YEAR + 3, name="Renstra Uji")
    if adopted:
        Renstra.objects.filter(pk=r.pk).update(status="ditetapkan", adopted_on=date(YEAR - 1, 3, 1))
        r = Renstra.objects.get(pk=r.pk)
    return r


def _node(renstra, level, position, statement, parent=None, *, iku=False, indicator=True, smart=True):
    from sakip.planning.models import Indicator, Kinerja

    node = Kinerja.objects.create(renstra=renstra, level=level, position=position, statement=statement, parent=parent)
    ind = None
    if indicator:
        fields = (
            {
                "satuan": "%",
                "definition": "Definisi",
                "formula": "a/b×100",
                "data_source": "Laporan",
                "pj_position": position,
                "baseline": 50,
            }
            if smart
            else {}
        )
        ind = Indicator.objects.create(node=node, name=f"Persentase {statement.lower()}", is_iku=iku, **fields)
        if smart:
            from sakip.planning.models import Target

            for y in renstra.years:
                Target.objects.create(indicator=ind, year=y, value=60)
    return node, ind


def test_opd_without_iki_gets_T_on_cascade_with_the_gaps(opd_uji):
    opd, pos = opd_uji
    renstra = _renstra(opd)
    _node(renstra, 1, pos["kepala"], "Meningkatnya kualitas layanan uji", iku=True)
    result = run_rule("1.b.8", RuleContext(opd=opd, year=YEAR))
    assert result.answer == "T"
    gaps = " | ".join(result.gaps)
    assert "belum diturunkan ke sasaran program (Administrator)" in gaps
    assert "belum diturunkan ke sasaran kegiatan (Pengawas)" in gaps
    for name in ("Kepala Bidang Uji", "Kepala Seksi Uji", "Pengelola Data Uji"):
        assert f"{name} (PEGAWAI" in gaps and "belum memiliki indikator kinerja individu (IKI)" in gaps
    assert "1 dari 4 pemegang jabatan memiliki IKI" in result.reason
    assert any("Pemeriksaan perencanaan" in e["label"] and f"opd={opd.pk}" in e["url"] for e in result.evidence)
    every = run_rule("1.b.11", RuleContext(opd=opd, year=YEAR))
    assert every.answer == "T" and len(every.gaps) == 3


def test_complete_cascade_gets_Y(opd_uji):
    opd, pos = opd_uji
    renstra = _renstra(opd)
    n1, iku = _node(renstra, 1, pos["kepala"], "Meningkatnya kualitas layanan uji", iku=True)
    n2, _ = _node(renstra, 2, pos["kabid"], "Meningkatnya cakupan program uji", n1)
    n3, _ = _node(renstra, 3, pos["kasi"], "Terlaksananya kegiatan uji", n2)
    _node(renstra, 4, pos["staf"], "Tersusunnya data uji", n3)
    result = run_rule("1.b.8", RuleContext(opd=opd, year=YEAR))
    assert result.answer == "Y", result.gaps
    assert "4 dari 4 pemegang jabatan memiliki IKI" in result.reason
    assert run_rule("1.b.11", RuleContext(opd=opd, year=YEAR)).answer == "Y"


def test_smart_rule_lists_the_failing_letters(opd_uji):
    opd, pos = opd_uji
    renstra = _renstra(opd)
    _node(renstra, 1, pos["kepala"], "Meningkatnya kualitas layanan uji", iku=True, smart=False)
    result = run_rule("1.b.5", RuleContext(opd=opd, year=YEAR))
    assert result.answer == "T"
    assert "Satuan belum diisi" in result.gaps[0] and "[SMAT]" in result.gaps[0]


def test_no_renstra_is_T_for_the_planning_criteria(opd_uji):
    opd, _pos = opd_uji
    for code in ("1.a.3", "1.a.4", "1.b.1", "1.b.5", "1.b.8", "1.b.11"):
        result = run_rule(code, RuleContext(opd=opd, year=YEAR))
        assert result.answer == "T" and f"tahun {YEAR}" in result.reason, code


def test_draft_renstra_and_unsigned_pk(opd_uji):
    opd, pos = opd_uji
    renstra = _renstra(opd, adopted=False)
    _node(renstra, 1, pos["kepala"], "Meningkatnya kualitas layanan uji", iku=True)
    assert run_rule("1.a.3", RuleContext(opd=opd, year=YEAR)).answer == "T"
    formal = run_rule("1.b.1", RuleContext(opd=opd, year=YEAR))
    assert formal.answer == "T" and "Renstra belum ditetapkan" in formal.gaps
    pk = run_rule("1.b.10", RuleContext(opd=opd, year=YEAR))
    assert pk.answer == "T" and len(pk.gaps) == 3 and any("Kepala Bidang Uji" in g for g in pk.gaps)
    assert run_rule("1.b.9", RuleContext(opd=opd, year=YEAR)).answer == "T"


def test_last_years_recommendations(demo, users, closed_evaluation):
    ctx = RuleContext(opd=demo["dinas"], year=2024)
    assert run_rule("4.c.1", ctx) is None  # no 2023 evaluation yet
    ev, rec = closed_evaluation(2023)
    open_result = run_rule("4.c.1", ctx)
    assert open_result.answer == "T"
    assert open_result.gaps == [f"c.1 SOP penyusunan dokumen perencanaan kinerja ({rec.get_state_display()})"]
    assert any(e["url"] == rec.get_absolute_url() for e in open_result.evidence)
    services.mark_not_possible(user=users["inspektorat"], recommendation=rec, reason="Tidak relevan lagi.")
    assert run_rule("4.c.1", ctx).answer == "Y"


def test_apply_stores_answer_reason_and_evidence(opd_uji, users, new_evaluation):
    opd, pos = opd_uji
    renstra = _renstra(opd)
    _node(renstra, 1, pos["kepala"], "Meningkatnya kualitas layanan uji", iku=True)
    ev = new_evaluation(opd, YEAR)
    cascade = ev.criterion_answers.get(criterion__code="1.b.8")
    assert cascade.auto_answer == "T" and cascade.auto_rule.startswith("IKU diturunkan")
    assert any(item.get("gap") for item in cascade.auto_evidence)
    assert cascade.effective_opd_answer == "T"
    renstra_ans = ev.criterion_answers.get(criterion__code="1.a.3")
    assert renstra_ans.auto_answer == "Y"
    assert (
        "Renstra DinUji" in renstra_ans.auto_evidence[0]["label"]
        and renstra_ans.auto_evidence[0]["url"] == f"/perencanaan/renstra/{renstra.pk}/"
    )
    # criteria without a rule, or whose data does not exist, stay unanswered
    assert ev.criterion_answers.get(criterion__code="2.c.1").auto_answer == ""
    assert ev.criterion_answers.get(criterion__code="4.c.1").auto_answer == ""


def test_every_registered_rule_belongs_to_a_seeded_criterion():
    from sakip.evaluation.seed import AUTO_RULES

    assert set(autoanswer.REGISTRY) <= AUTO_RULES
    assert {"1.b.8", "1.b.11", "1.b.5", "1.b.9", "1.b.10", "4.c.1"} <= set(autoanswer.REGISTRY)


def test_evaluation_of_an_open_recommendation_state(demo):
    """The 2022 demo evaluation has open recommendations: its 2023 follow-up criterion says T."""
    assert Evaluation.objects.get(opd=demo["dinas"], year=2022).is_closed
    result = run_rule("4.c.1", RuleContext(opd=demo["dinas"], year=2023))
    assert result.answer == "T"
    assert (
        len(result.gaps)
        == Recommendation.objects.filter(finding__evaluation__opd=demo["dinas"], finding__evaluation__year=2022).count()
    )
