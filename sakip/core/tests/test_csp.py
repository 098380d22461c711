"""Content-Security-Policy (docs/security.md): the header is on every main page, and the templates carry nothing
the policy would refuse (inline script, on*= handlers, javascript: URLs, style attributes, <style> elements).
The browser check of the same pages is test_e2e_csp.py."""

import re
from pathlib import Path

import pytest

from sakip.core.tests.pages import main_pages

SAKIP = Path(__file__).resolve().parents[2]
EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            out[name] = value.strip()
    return out


def page_templates():
    """Every template a browser shows as a page (the print/ templates become PDFs through WeasyPrint)."""
    return [p for p in SAKIP.rglob("templates/**/*.html") if "print" not in p.relative_to(SAKIP).parts]


@pytest.mark.django_db
def test_every_main_page_sends_the_strict_policy(client_for):
    pages = main_pages()
    assert len(pages) > 40
    clients = {}
    for role, url in pages:
        client = clients.setdefault(role, client_for(role))
        response = client.get(url)
        assert response.status_code == 200, (role, url, response.status_code)
        policy = directives(response["Content-Security-Policy"])
        for name, value in EXPECTED.items():
            assert policy.get(name) == value, (role, url, name, policy.get(name))
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert "unsafe-eval" not in response["Content-Security-Policy"], url


@pytest.mark.django_db
def test_login_and_public_pages_send_the_policy(client):
    from sakip.organization.models import OPD

    opd = OPD.objects.get(akronim="Dinsospermasdes")
    for url in ["/masuk/", "/akun/lupa-sandi/", "/verifikasi/", f"/publik/{opd.pemda_id}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response["Content-Security-Policy"])["script-src"] == "'self'", url


@pytest.mark.django_db
def test_only_the_draft_preview_may_be_framed_by_our_own_pages(client_for):
    from sakip.measurement.models import Period

    period = Period.objects.filter(opd__akronim="Dinsospermasdes").order_by("-year", "-triwulan").first()
    response = client_for("kepala").get(f"/pelaporan/periode/{period.pk}/dokumen.pdf?konsep=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # the page that embeds it may frame our own origin, nothing else
    assert directives(client_for("kepala").get("/")["Content-Security-Policy"])["frame-src"] == "'self'"


PATTERNS = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    "on*= handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "<style> element": re.compile(r"<style[\s>]", re.I),
    "htmx evaluating JS": re.compile(r"hx-on|hx-vars|(?:hx-vals|data-hx-vals)\s*=\s*['\"]\s*js:", re.I),
}


def refused(text: str) -> list[tuple[str, int]]:
    return [
        (what, text.count("\n", 0, m.start()) + 1) for what, pattern in PATTERNS.items() for m in pattern.finditer(text)
    ]


def test_page_templates_have_no_inline_script_handlers_or_styles():
    templates = page_templates()
    assert len(templates) > 100
    problems = [f"{p.relative_to(SAKIP)}:{line}: {what}" for p in templates for what, line in refused(p.read_text())]
    assert problems == [], "\n".join(problems)


def test_the_checker_finds_what_it_must_refuse():
    """Each kind is caught (so the empty result above means something), and what is allowed is not."""
    bad = {
        "inline <script>": "<script>alert(1)</script>",
        "on*= handler": '<select class="x" onchange="this.form.submit()">',
        "javascript: URL": '<a href="javascript:history.back()">',
        "style attribute": '<div class="x" style="width:1px">',
        "<style> element": "<style>.x{}</style>",
        "htmx evaluating JS": "<div hx-vals='js:{a: 1}'>",
    }
    for what, text in bad.items():
        assert what in [w for w, _ in refused(text)], what
    assert refused('<button hx-on:click="alert(1)">')
    assert refused('<script src="/static/x.js"></script><script id="d" type="application/json">{}</script>') == []
    assert refused('<select data-autosubmit name="tahun"><div class="sk-maxw-640px" data-width="40">') == []
