"""Every main page as each role sees it (docs/ui.md): no action is shown that the role cannot use, and no
English leftover in the Indonesian interface.

The main pages are those of test_csp.py (sakip/core/tests/pages.py), rendered once per role (one demo user of
each role; the rendering reads only, so the pages are kept for the second test of the role).

- Actions: every button-like link (`class="btn…"`, a tab `nav-link`, a menu `dropdown-item`), every `hx-get` /
  `hx-post` and every POST form on a page is followed as that role — links with GET, forms posted with their
  hidden fields inside a savepoint that is rolled back — and must not answer 403 or 404. One of each kind of
  address (its path with the numbers taken out) per role; file downloads (PDF, DOCX, Excel) are not fetched.
- Leftovers: the visible text (and titles, placeholders, labels for screen readers) holds no True/False/None, no
  "Select an option", no "Opd" and no raw code such as `prepare_forms`.
"""

import re
from html import unescape

import pytest
from django.db import transaction

from sakip.core.tests.pages import main_pages

# One demo user per role (docs/roles: README "Demo logins").
ROLES = ["admin", "kepala", "sekretaris", "timsakip", "kabid", "operator", "inspektorat", "pemda", "bappeda"]

_pages: dict[str, dict[str, str]] = {}


def rendered(role, client) -> dict[str, str]:
    """{url: html} of the main pages this role may open (200, HTML)."""
    if role not in _pages:
        out = {}
        for url in sorted({u for _, u in main_pages()}):
            response = client.get(url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                out[url] = response.content.decode()
        _pages[role] = out
    return _pages[role]


# --- actions ------------------------------------------------------------------------------------------------
BUTTON_LIKE = re.compile(r'class="[^"]*\b(btn|nav-link|dropdown-item)\b')
DOWNLOAD = re.compile(
    r"(\.pdf|\.docx|\.xlsx|/pdf/|/unduh/|/excel/|/ekspor/)|[?&](format|inline|export|template|download)="
)
NOT_ACTIONS = ("/keluar/", "/admin/logout/", "/bahasa/")


def _attr(tag, name):
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return unescape(match.group(1)) if match else None


SUBMIT = re.compile(r'<button\b(?![^>]*type="(button|reset)")[^>]*>|<input\b[^>]*type="submit"')


def form_data(body) -> dict:
    """What a browser sends for the form as it stands: the values shown, the first option of a select."""
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", body):
        name, kind = _attr(tag, "name"), (_attr(tag, "type") or "text").lower()
        if not name or name == "csrfmiddlewaretoken" or kind in ("submit", "button", "file", "reset"):
            continue
        if kind in ("checkbox", "radio") and " checked" not in tag:
            continue
        data.setdefault(name, _attr(tag, "value") or ("on" if kind == "checkbox" else ""))
    for match in re.finditer(r"<select\b[^>]*>(.*?)</select>", body, re.S):
        name = _attr(match.group(0)[: match.group(0).index(">") + 1], "name")
        options = re.findall(r"<option\b[^>]*>", match.group(1))
        chosen = [o for o in options if " selected" in o] or options[:1]
        if name and chosen:
            data.setdefault(name, _attr(chosen[0], "value") or "")
    for match in re.finditer(r"<textarea\b[^>]*>(.*?)</textarea>", body, re.S):
        name = _attr(match.group(0)[: match.group(0).index(">") + 1], "name")
        if name:
            data.setdefault(name, unescape(match.group(1)))
    return data


def actions(page_url, html):
    """(method, url, data) of every action the page offers."""
    found = []
    for match in re.finditer(r"<(a|button|div|span|select|input|tr|li|form)\b[^>]*>", html):
        tag = match.group(0)
        for attr, method in (("hx-get", "get"), ("hx-post", "post")):
            url = _attr(tag, attr)
            if url is not None:
                found.append((method, url or page_url, {}))
        if match.group(1) == "a" and BUTTON_LIKE.search(tag):
            href = _attr(tag, "href")
            if href and href.startswith("/"):
                found.append(("get", href, {}))
    for match in re.finditer(r"<form\b[^>]*>(.*?)</form>", html, re.S):
        tag, body = match.group(0)[: match.group(0).index(">") + 1], match.group(1)
        if (_attr(tag, "method") or "get").lower() != "post" or not SUBMIT.search(body):
            continue  # a form without a submit button (fields shown disabled) is not an action
        found.append(("post", _attr(tag, "action") or page_url, form_data(body)))
    out = []
    for method, url, data in found:
        if url.startswith("?"):
            url = page_url + url
        if not url.startswith("/") or url.startswith("//") or url.startswith(("/static/", "/media/")):
            continue
        if url.split("?")[0] in NOT_ACTIONS or DOWNLOAD.search(url):
            continue
        out.append((method, url.split("#")[0], data))
    return out


def _kind(method, url):
    return method, re.sub(r"\d+", "N", url.split("?")[0]), "?" in url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_action_shown_can_be_used(role, client_for):
    client = client_for(role)
    pages = rendered(role, client)
    assert pages, role
    seen, refused = set(), []
    for page_url, html in pages.items():
        for method, url, data in actions(page_url, html):
            kind = _kind(method, url)
            if kind in seen:
                continue
            seen.add(kind)
            if method == "get":
                response = client.get(url, headers={"HX-Request": "true"} if "hx" in url else {})
            else:
                with transaction.atomic():
                    response = client.post(url, data)
                    transaction.set_rollback(True)
            if response.status_code in (403, 404):
                refused.append((page_url, method, url, response.status_code))
    assert seen, role
    assert not refused, refused


# --- English leftovers ------------------------------------------------------------------------------------
LEFTOVERS = [
    (re.compile(r"\b(True|False|None)\b"), "Python value"),
    (re.compile(r"Select an option"), "Django's English empty choice"),
    (re.compile(r"\bOpd\b"), '"Opd" instead of "OPD"'),
    (re.compile(r"(?<![\w./@-])[a-z]+(?:_[a-z]+)+(?![\w./@-])"), "raw code"),
]


def visible_text(html) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<(code|pre|kbd)\b.*?</\1>", " ", html, flags=re.S)  # shown as code on purpose
    html = re.sub(r'<img\b[^>]*src="[^"]*/admin/img/icon-(yes|no|unknown)\.svg"[^>]*>', " ", html)  # admin icons
    attrs = " ".join(re.findall(r'\s(?:title|placeholder|aria-label|alt)="([^"]*)"', html))
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(text + " " + attrs))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_english_leftovers_in_the_indonesian_pages(role, client_for):
    pages = rendered(role, client_for(role))
    found = []
    for url, html in pages.items():
        text = visible_text(html)
        for pattern, what in LEFTOVERS:
            for match in pattern.finditer(text):
                found.append((url, what, text[max(0, match.start() - 50) : match.end() + 50]))
    assert not found, found
