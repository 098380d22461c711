"""The similarity index is cached between SOP pages and recomputed when any SOP changes (issue 15)."""

import pytest

from sakip.sop import selectors as S
from sakip.sop.models import SopVersion, Step

pytestmark = pytest.mark.django_db


def _similar(version):
    ctx = S.LintContext(version.sop.opd)
    return ctx.similar_to(version, list(version.steps.order_by("number")))


def _demo_copy():
    """The demo's SOP that is a near copy of another OPD's (the lint says so)."""
    for version in SopVersion.objects.select_related("sop__opd").order_by("pk"):
        if _similar(version):
            return version
    raise AssertionError("the demo has an SOP copied from another OPD")


def test_second_lint_reuses_the_cached_comparison(django_assert_max_num_queries):
    version = _demo_copy()
    first = _similar(version)
    ctx = S.LintContext(version.sop.opd)
    steps = list(version.steps.order_by("number"))
    # A cached answer does not read the other OPDs' steps again (that query is the index).
    ctx._index = None
    with django_assert_max_num_queries(0):
        again = ctx.similar_to(version, steps)
    assert again == first and ctx._index is None


def test_changing_the_other_sop_recomputes_the_answer():
    version = _demo_copy()
    before = _similar(version)
    assert before and before[0].ratio >= 0.9
    others = SopVersion.objects.filter(sop__number=before[0].number, sop__opd__akronim=before[0].opd_akronim)
    for step in Step.objects.filter(version__in=others):
        step.uraian = f"Langkah pengganti yang sama sekali lain nomor {step.number} tentang arsip gudang"
        step.save()
    after = _similar(version)
    assert all(s.number != before[0].number or s.opd_akronim != before[0].opd_akronim for s in after), after
