"""The home page runs a bounded number of queries for every role (docs/architecture.md, issue "A whole Pemda":
home ≤ 20 at Pemda scale; the demo-size count is the same by construction, the bench checks the large one)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

ROLES = ["admin", "kepala", "sekretaris", "timsakip", "kabid", "kasi", "operator", "inspektorat", "pemda", "bappeda"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_home_page_query_budget(client_for, username):
    client = client_for(username)
    client.get("/")  # warm per-process caches (content types, site settings)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    assert len(ctx) <= 36, [q["sql"][:120] for q in ctx.captured_queries]
