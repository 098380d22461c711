"""Query budgets: a page's number of queries does not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.evaluation.models import CriterionEvidence, Finding, FollowUpEvidence, Recommendation

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)  # warm the per-process caches (content types, scoring specs)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_recommendations(ev22, n, start):
    finding = Finding.objects.get(evaluation=ev22, letter="b")
    for i in range(start, start + n):
        rec = Recommendation.objects.create(
            finding=finding, number=10 + i, text=f"Rekomendasi {i}", subject=f"Pokok {i}"
        )
        FollowUpEvidence.objects.create(recommendation=rec, url=f"https://contoh.go.id/{i}", label=f"Bukti {i}")


def test_matriks_tl_constant(ev22, client_for):
    c = client_for("inspektorat")
    _add_recommendations(ev22, 5, 0)
    few = _count(c, "/evaluasi/matriks-tl/")
    _add_recommendations(ev22, 45, 5)
    many = _count(c, "/evaluasi/matriks-tl/")
    assert many == few
    assert few <= 25


def test_lke_page_constant_in_evidence(ev_current, client_for):
    c = client_for("timsakip")
    answers = list(ev_current.criterion_answers.filter(criterion__subcomponent__component__code="1"))
    for ans in answers[:2]:
        CriterionEvidence.objects.create(answer=ans, url="https://contoh.go.id/a", label="a")
    few = _count(c, f"/evaluasi/{ev_current.pk}/lke/")
    for ans in answers:
        for k in range(3):
            CriterionEvidence.objects.create(answer=ans, url=f"https://contoh.go.id/{k}", label=str(k))
    many = _count(c, f"/evaluasi/{ev_current.pk}/lke/")
    assert many == few
    assert few <= 40


@pytest.mark.parametrize("url", ["/evaluasi/", "/evaluasi/rekap/?tahun=2022"])
def test_lists_within_budget(client_for, url):
    assert _count(client_for("inspektorat"), url) <= 30


def test_detail_within_budget(ev22, client_for):
    assert _count(client_for("kepala"), f"/evaluasi/{ev22.pk}/") <= 40
