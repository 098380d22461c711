"""Test harness shared by every app.

- The whole demo agency is loaded once per test database (per xdist worker); every test runs
  in a transaction that is rolled back, so tests see the demo and never leak changes.
- `login(client, "kabid")` / `client_for("kabid")` give a client logged in as a demo user.
- Browser tests (marker e2e) run in a separate pytest run after the others: they use
  live_server with transactions, load the demo themselves, and drive Debian's Chromium.
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

try:
    from hypothesis import settings as hyp_settings

    hyp_settings.register_profile("ci", max_examples=60, deadline=None)
    hyp_settings.register_profile("dev", max_examples=100, deadline=None)
    hyp_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
except ImportError:  # pragma: no cover
    pass


def load_demo_data():
    from django.core.management import call_command

    call_command("load_demo", force=True, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Create the test database once per worker and load the demo agency into it."""
    only_e2e = request.config.getoption("-m") == "e2e"
    if not only_e2e:
        with django_db_blocker.unblock():
            from sakip.organization.models import OPD

            if not OPD.objects.filter(akronim="Dinsospermasdes").exists():
                load_demo_data()
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rolled-back rows must not live on in cached results."""
    yield
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def demo(db):
    """The demo agency (already loaded); returns the main objects."""
    from sakip.organization.models import OPD, Pemda

    return {
        "pemda": Pemda.objects.get(name="Banyumas"),
        "dinas": OPD.objects.get(akronim="Dinsospermasdes"),
        "inspektorat": OPD.objects.get(akronim="Inspektorat"),
        "bappeda": OPD.objects.get(akronim="Bappedalitbang"),
    }


@pytest.fixture
def users(db):
    from sakip.organization.models import User

    return {u.username: u for u in User.objects.select_related("opd", "unit", "employee")}


@pytest.fixture
def client_for(db, client):
    """client_for("kabid") → a Django test client logged in as that demo user."""
    from django.test import Client

    from sakip.organization.models import User

    def make(username):
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    return make


# --- Browser tests -----------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-gpu",
        ],
    }


@pytest.fixture
def e2e_demo(transactional_db):
    """Full demo in the live-server database (transactional tests start empty)."""
    load_demo_data()


@pytest.fixture
def login_page(page, live_server, e2e_demo):
    """login_page("kabid") → the Playwright page logged in as that demo user."""
    from django.conf import settings

    def do_login(username, password=None):
        page.goto(f"{live_server.url}/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", password or settings.SAKIP_DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do_login
