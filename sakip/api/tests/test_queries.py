"""List endpoints run a constant number of queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LISTS = [
    "organisation/opd",
    "organisation/units",
    "organisation/positions",
    "organisation/employees",
    "organisation/assignments",
    "planning/renstra",
    "planning/kinerja",
    "planning/indicators",
    "planning/crosscutting",
    "planning/pk",
    "measurement/periods",
    "measurement/submissions",
    "measurement/realisasi",
    "measurement/budget",
    "evaluation/evaluations",
    "evaluation/recommendations",
    "sop/sops",
    "sop/versions",
    "documents/agenda",
    "documents/archive",
    "tokens",
]


def _count(api, endpoint, size):
    with CaptureQueriesContext(connection) as ctx:
        r = api.get(f"/api/v1/{endpoint}/", {"page_size": size})
    assert r.status_code == 200, (endpoint, r.content[:300])
    return len(ctx.captured_queries), len(r.json()["results"])


@pytest.mark.parametrize("username", ["timsakip", "inspektorat"])
def test_list_queries_do_not_grow_with_the_page(api_for, username):
    api = api_for(username)
    from sakip.api import services
    from sakip.organization.models import User

    for i in range(3):  # a few tokens so that the token list has rows too
        services.create_token(user=User.objects.get(username=username), name=f"extra {i}")
    api.get("/api/v1/organisation/opd/")  # first request: token last-use write, caches warm
    checked = 0
    for endpoint in LISTS:
        small, n_small = _count(api, endpoint, 1)
        large, n_large = _count(api, endpoint, 100)
        if n_large > n_small:
            checked += 1
        assert large <= small, f"{endpoint}: {small} queries for 1 row, {large} for {n_large} rows"
    assert checked >= 15
