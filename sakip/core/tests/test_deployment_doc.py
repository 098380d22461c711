"""docs/deployment.md lists every environment variable the settings read (issue 11 item 8)."""

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
    doc = (ROOT / "docs" / "deployment.md").read_text()
    assert re.search(r"^\S+\s+\S+\s+\*\s+\*\s+\S+\s+.*manage\.py send_reminders$", doc, re.M)
    assert re.search(r"^\S+\s+\S+\s+\*\s+\*\s+\S+\s+.*manage\.py evaluation_reminders$", doc, re.M)
