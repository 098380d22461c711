"""docs/deployment.md lists every environment variable the settings read (issue 11 item 8)."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
READERS = re.compile(
    r"""(?:os\.environ\.get|os\.environ\.setdefault|getenv|env_bool|env_list)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def variables_read():
    names = set()
    for path in sorted((ROOT / "sakip").rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names |= set(READERS.findall(path.read_text()))
    return names - {"DJANGO_SETTINGS_MODULE", "PYTEST_VERSION"}


def test_the_settings_read_the_variables_we_expect():
    names = variables_read()
    # the scan itself works: a few variables every installation sets
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SITE_URL", "SAKIP_VAR_DIR", "MPLCONFIGDIR"} <= names
    assert len(names) > 50


def test_every_variable_is_in_the_deployment_doc():
    doc = (ROOT / "docs" / "deployment.md").read_text()
    missing = sorted(name for name in variables_read() if f"`{name}`" not in doc)
    assert missing == [], f"docs/deployment.md does not list: {', '.join(missing)}"


def test_the_reminders_have_their_schedule():
    """The reminders run from SAKIP_SCHEDULE (`manage.py scheduler`, no crontab lines): the documented default is
    the settings' default, and it names both reminder commands."""
    from django.conf import settings

    doc = (ROOT / "docs" / "deployment.md").read_text()
    default = ",".join(settings.SAKIP_SCHEDULE) if not os.environ.get("SAKIP_SCHEDULE") else None
    row = re.search(r"^\| `SAKIP_SCHEDULE` \|.*\| `([^`]+)` \|$", doc, re.M)
    assert row, "SAKIP_SCHEDULE is not in the environment table"
    if default is not None:
        assert row.group(1) == default
    assert "send_reminders@" in row.group(1) and "evaluation_reminders@" in row.group(1)
    assert "manage.py scheduler" in doc
