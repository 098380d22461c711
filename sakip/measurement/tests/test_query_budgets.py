"""The entry form and the dashboard run a constant number of queries whatever the number of indicators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.measurement.models import Realisasi
from sakip.planning.models import Indicator

from .conftest import submission

pytestmark = pytest.mark.django_db


def _add_rows(sub, n):
    node = sub.rows.select_related("indicator__node").first().indicator.node
    for i in range(n):
        ind = Indicator.objects.create(
            node=node, name=f"Indikator uji {i}", satuan="%", polarity="max", aggregation="last"
        )
        Realisasi.objects.create(
            submission=sub,
            indicator=ind,
            order=100 + i,
            name=ind.name,
            node_statement=node.statement,
            level=node.level,
            satuan="%",
            target_year=80,
            quarters=["20", "40", "60", "80"],
            value=10 + i,
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_entry_form_queries_do_not_grow_with_indicators(open_period, client_for):
    sub = submission(open_period, "Rehsos")
    client = client_for("operator")
    url = reverse("measurement:submission_detail", args=[sub.pk])
    _add_rows(sub, 5)
    few = _count(client, url)
    _add_rows(sub, 45)
    many = _count(client, url)
    assert many == few, (few, many)


def test_dashboard_queries_do_not_grow_with_indicators(open_period, client_for):
    sub = submission(open_period, "Rehsos")
    client = client_for("kepala")
    url = reverse("reporting:dashboard", args=[open_period.pk])
    _add_rows(sub, 5)
    few = _count(client, url)
    _add_rows(sub, 45)
    many = _count(client, url)
    assert many == few, (few, many)


def test_period_page_and_inbox_budgets(open_period, client_for, django_assert_max_num_queries):
    client = client_for("sekretaris")
    with django_assert_max_num_queries(60):
        assert client.get(reverse("measurement:period_detail", args=[open_period.pk])).status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(reverse("measurement:inbox")).status_code == 200
