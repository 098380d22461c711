"""Issue 12 item 1, the static half of "output encoding everywhere" (docs/security.md "Output encoding"): no
template — page or print (PDF/DOCX) — switches Django's escaping off, and HTML is marked safe in Python only in
the few places that escape every value themselves. A new `|safe`, `{% autoescape off %}` or `mark_safe` fails
here before the XSS sweep (test_xss_sweep.py) would have to find the field that reaches it."""

import re
from pathlib import Path

SAKIP = Path(__file__).resolve().parents[2]

TEMPLATE_PATTERNS = {
    "|safe": re.compile(r"\|\s*safe(seq)?\b"),
    "autoescape off": re.compile(r"{%\s*autoescape\s+off\s*%}"),
}
PYTHON_PATTERNS = {
    "mark_safe": re.compile(r"\bmark_safe\("),
    "SafeString": re.compile(r"\bSafeString\("),
    "is_safe=True": re.compile(r"is_safe\s*=\s*True"),
}
# Where Python marks HTML safe, and why that is sound.
ALLOWED = {
    "sop/flowchart.py",  # to_svg: every text and attribute value goes through escape() (quotes too)
    "sop/diff.py",  # the word diff: each word escape()d before <del>/<ins> are put around it
    "twofactor/services.py",  # the QR code SVG segno draws: modules only, no text (the URI is encoded, not written)
}


def template_hits(text: str) -> list[str]:
    return [what for what, pattern in TEMPLATE_PATTERNS.items() if pattern.search(text)]


def python_hits(text: str) -> list[str]:
    return [what for what, pattern in PYTHON_PATTERNS.items() if pattern.search(text)]


def test_no_template_switches_escaping_off():
    templates = list(SAKIP.rglob("templates/**/*.html")) + list(SAKIP.rglob("templates/**/*.xml"))
    assert len(templates) > 100
    problems = [f"{p.relative_to(SAKIP)}: {hits}" for p in templates if (hits := template_hits(p.read_text()))]
    assert problems == [], "\n".join(problems)


def test_python_marks_html_safe_only_where_it_escapes_every_value():
    sources = [p for p in SAKIP.rglob("*.py") if "tests" not in p.relative_to(SAKIP).parts]
    problems = [
        f"{p.relative_to(SAKIP)}: {hits}"
        for p in sources
        if (hits := python_hits(p.read_text())) and p.relative_to(SAKIP).as_posix() not in ALLOWED
    ]
    assert problems == [], "\n".join(problems)


def test_the_checkers_find_what_they_must_refuse():
    assert template_hits("{{ step.uraian|safe }}") == ["|safe"]
    assert template_hits("{{ names | safeseq|join:', ' }}") == ["|safe"]
    assert template_hits("{% autoescape off %}{{ x }}{% endautoescape %}") == ["autoescape off"]
    assert template_hits("{{ x|escape }} {{ y|json_script:'d' }} {% autoescape on %}") == []
    assert python_hits("return mark_safe(text)") == ["mark_safe"]
    assert python_hits("@register.filter(is_safe=True)") == ["is_safe=True"]
    assert python_hits("return format_html('<b>{}</b>', name)") == []
