"""Schemathesis against the OpenAPI schema, as a tokened demo user of each role: no 5xx, every status
code documented, every response body conforming to the schema.

Bounded on purpose (a few examples per operation, derandomized) so that the suite stays fast; raise
SAKIP_SCHEMATHESIS_EXAMPLES for a deeper run.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = int(os.environ.get("SAKIP_SCHEMATHESIS_EXAMPLES", "3"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ROLES = ["admin", "kepala", "sekretaris", "timsakip", "kabid", "operator", "inspektorat", "pemda"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test Client does: requests made straight to the WSGI app must not close the
    connection that holds the test's transaction (on PostgreSQL request_finished would close it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def api_schema():
    from drf_spectacular.generators import SchemaGenerator

    raw = SchemaGenerator().get_schema(request=None, public=True)
    raw["servers"] = [{"url": "http://testserver"}]
    return schemathesis.openapi.from_dict(raw)


def _operations(schema):
    ops = []
    for result in schema.get_all_operations():
        ops.append(result.ok())
    return ops


@pytest.mark.parametrize("username", ROLES)
def test_every_operation_conforms_as(username, api_schema, token_for):
    from sakip.wsgi import application

    headers = {"Authorization": f"Token {token_for(username)}", "Host": "testserver"}
    operations = _operations(api_schema)
    assert len(operations) >= 40

    for operation in operations:

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(app=application, headers=headers)
            case.validate_response(response, checks=CHECKS)

        run()
