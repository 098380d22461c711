import pytest
from rest_framework.test import APIClient


@pytest.fixture
def token_for(db):
    """token_for("kabid", scope="write") → a new raw API token of that demo user."""
    from sakip.api import services
    from sakip.organization.models import User

    def make(username, scope="write", **kwargs):
        user = User.objects.get(username=username)
        _token, raw = services.create_token(user=user, name=f"test {username}", scope=scope, **kwargs)
        return raw

    return make


@pytest.fixture
def api_for(token_for):
    """api_for("kabid") → an APIClient sending that user's token."""

    def make(username, scope="write", **headers):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(username, scope)}", **headers)
        return client

    return make
