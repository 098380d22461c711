"""Every message has its English translation (issue 11 item 6): no .po entry is empty or fuzzy, and the
committed .mo files hold what the .po files say. New messages: `make messages`, then fill the msgstr."""

import ast
import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PO_FILES = sorted(ROOT.glob("sakip/*/locale/*/LC_MESSAGES/django.po"))
KEY = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def entries(path):
    """(flags, {msgid, msgstr, …}) for every live entry of a .po file (obsolete #~ entries skipped)."""
    for block in path.read_text().split("\n\n"):
        flags, data, key = set(), {}, None
        for text in block.splitlines():
            if text.startswith("#,"):
                flags |= {f.strip() for f in text[2:].split(",")}
            elif text.startswith("#"):
                continue
            elif m := KEY.match(text):
                key = m.group(1)
                data[key] = ast.literal_eval(m.group(2))
            elif text.startswith('"') and key:
                data[key] += ast.literal_eval(text)
        if data.get("msgid"):
            yield flags, data


def test_there_are_translation_files():
    assert len(PO_FILES) >= 8
    assert sum(1 for po in PO_FILES for _ in entries(po)) > 2000


def test_every_app_has_an_english_catalogue():
    # `make messages` only visits apps with a locale folder: an app without one would stay untranslated unseen.
    apps = sorted(p.parent.name for p in ROOT.glob("sakip/*/apps.py"))
    missing = [app for app in apps if not (ROOT / "sakip" / app / "locale/en/LC_MESSAGES/django.po").exists()]
    assert missing == [], f"create sakip/<app>/locale/en/LC_MESSAGES/ and run `make messages` for: {missing}"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-5])
def test_the_header_is_final(po):
    header = po.read_text().split('msgid ""', 1)[0]
    assert "#, fuzzy" not in header, f"{po.relative_to(ROOT)}: the header is still marked fuzzy"
    assert '"Language: en\\n"' in po.read_text()


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-5])
def test_no_message_is_untranslated_or_fuzzy(po):
    problems = []
    for flags, data in entries(po):
        strs = [v for k, v in data.items() if k.startswith("msgstr")]
        if "fuzzy" in flags:
            problems.append(f"fuzzy: {data['msgid']!r}")
        elif not strs or any(s == "" for s in strs):
            problems.append(f"untranslated: {data['msgid']!r}")
    assert problems == [], f"{po.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-5])
def test_the_compiled_catalogue_matches(po):
    with po.with_suffix(".mo").open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    stale = []
    for flags, data in entries(po):
        if "msgid_plural" in data or "msgctxt" in data or "fuzzy" in flags:
            continue
        if catalogue.gettext(data["msgid"]) != data["msgstr"]:
            stale.append(data["msgid"])
    assert stale == [], f"{po.with_suffix('.mo').relative_to(ROOT)} is stale (run `make messages`): {stale[:5]}"
