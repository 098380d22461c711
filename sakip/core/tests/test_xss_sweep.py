"""The XSS payload sweep (issue 12, items 1 and 9; docs/security.md "Output encoding").

Every free-text field (CharField/TextField) of every sakip model — and of its history table, so the "Riwayat"
pages show it too — is set to a script/attribute-breaking payload on every demo row (queryset.update(), past
the services, as a stored attack from an old row or an import would be). Then every main page that shows them
is rendered as privileged users, and the pages reachable from them (their links and htmx fragments), and the
raw payload must never appear: neither a tag that would open (`<script>`, `<img`, `<b onclick`) nor a quote
that would close an attribute (`" onload="`). The escaped text may appear (it does: that is the point).
The PDFs and DOCX files that show these fields are rendered too: the payload is there as text, never as markup.

Fields left out, and why (everything else is swept):
- choice fields and fields with validators beyond a length (slugs, e-mail, user names): the payload cannot be
  stored through any path;
- unique fields (NIP, nomenclature codes, keys, hashes): one payload cannot sit on every row; NIP is also
  checked by its structure. Fields in a multi-column unique rule (an OPD's akronim within its Pemda, a unit's
  name under its parent, an SOP's number, a klasifikasi code) are swept with the payload followed by the row's
  id, so every row stays distinct;
- fields the code writes and never takes from a user (SYSTEM below: hashes, digests, paths, secrets, task ids,
  MIME types, internal codes copied from choices, the notification's target URL);
- fields too short to hold any markup (max_length < 16: postcodes, eselon, golongan, short codes).
Links typed by users (evidence URLs) get `javascript:alert(1)`: no page may offer it as href.
"""

import re
from io import BytesIO
from urllib.parse import urljoin, urlparse

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.db.models.functions import Cast, Concat

from sakip.core.tests.pages import demo_objects, main_pages

FULL = '<script>alert(1)</script>"\'><img src=x onerror=alert(1)> Verifikasi" onload="alert(1)" x="'
MEDIUM = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
QUOTE = 'Verifikasi" onload="alert(1)" x="'
SHORT = "\"'><b onclick=1>"
PAYLOADS = [FULL, MEDIUM, QUOTE, SHORT]  # the longest that fits the field
LINK = "javascript:alert(1)"
LINK_FIELDS = {
    "evaluation.CriterionEvidence.url",
    "evaluation.FollowUpEvidence.url",
    "evaluation.StatementAttachment.url",
}

# What must never be in a page: markup the payload would open, an attribute it would close.
RAW = ["<script>alert(1)", "<img src=x", "<b onclick=1", '" onload="alert(1)"', "'><img", "'><b", 'href="javascript:']

SYSTEM = {
    "core.LoginFailure.account",  # the lock's key (normalised name), never shown as a page
    "core.LoginFailure.ip",
    "organization.User.password",  # a hash
    "documents.SigningCertificate.p12_path",  # secrets and file paths
    "documents.SigningCertificate.passphrase",
    "documents.SigningCertificate.passphrase_env",
    "documents.ArchivedDocument.content_type",
    "documents.ArchivedDocument.source_id",
    "documents.GenerationJob.task_id",
    "documents.GenerationJob.doc_type",
    "documents.DocumentType.number_format",  # a numbering template ({nomor}/{kode}/…), checked where it is saved
    "measurement.Evidence.content_type",
    "measurement.Evidence.kind",
    "measurement.Task.kind",  # internal codes copied from the SOP step's choices
    "measurement.Task.action",
    "measurement.Realisasi.polarity",
    "measurement.Realisasi.aggregation",
    "measurement.Notification.kind",
    "measurement.Notification.url",  # a URL the code builds with reverse()
    "evaluation.LkeCriterion.auto_rule",  # the name of a rule function
    "evaluation.CriterionAnswer.auto_rule",
    "sop.SopVersion.source",  # how the version was made (code)
}


def swept_fields():
    """{model: {field name: value}} for every sakip model and its history table."""
    out = {}
    for model in apps.get_models():
        if not model.__module__.startswith("sakip."):
            continue
        source = getattr(model, "instance_type", model)  # a simple_history table follows its model
        values = {}
        # Fields in a multi-column unique rule (OPD akronim per Pemda, …): the payload and the row's id.
        together = {name for group in source._meta.unique_together for name in group}
        together |= {
            name
            for constraint in source._meta.constraints
            if isinstance(constraint, models.UniqueConstraint)
            for name in constraint.fields
        }
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            label = f"{source._meta.label}.{field.name}"
            if label in LINK_FIELDS:
                values[field.name] = LINK
                continue
            try:
                original = source._meta.get_field(field.name)
            except Exception:
                continue  # history bookkeeping (history_type, history_change_reason)
            extra = [
                v
                for v in original.validators
                if not isinstance(v, MaxLengthValidator | ProhibitNullCharactersValidator)
            ]
            if original.choices or extra or original.unique or label in SYSTEM:
                continue
            distinct = field.name in together and model is source  # history tables have no unique rules
            room = original.max_length
            if distinct and room is not None:
                top = models.QuerySet(model).aggregate(top=models.Max("pk"))["top"] or 0
                room -= len(str(top))  # the row's id follows the payload
            fits = [p for p in PAYLOADS if room is None or len(p) <= room]
            if fits and distinct:
                values[field.name] = Concat(
                    models.Value(fits[0]), Cast("pk", models.CharField()), output_field=models.CharField()
                )
            elif fits:
                values[field.name] = fits[0]
        if values:
            out[model] = values
    return out


def store_payload():
    from sakip.core import dbguards

    fields = swept_fields()
    with dbguards.bypass():
        for model, values in fields.items():
            models.QuerySet(model).update(**values)  # the plain QuerySet: past the archive's ORM guard too
    return fields


def raw_hits(text: str) -> list[str]:
    return [marker for marker in RAW if marker in text]


SKIP_LINK = re.compile(
    r"(keluar|logout|\.pdf|\.docx|\.xlsx|\.svg|\.png|export|unduh|ekspor|excel|/media/|/static/|"
    r"format=|template=|templat=|/bukti/\d|/berkas/|/api/|/admin/.*/delete/|bahasa)",
    re.I,
)


def links_of(html: str, base: str) -> list[tuple[str, bool]]:
    """(url, is an htmx fragment) for the links and hx-get attributes of a page."""
    out = []
    for attr, href in re.findall(r'(href|hx-get)="([^"#]+)"', html):
        href = href.replace("&amp;", "&")
        url = urlparse(urljoin(base, href))
        if url.netloc not in ("", "testserver") or SKIP_LINK.search(href) or url.scheme not in ("", "http"):
            continue
        out.append((url.path + (f"?{url.query}" if url.query else ""), attr == "hx-get"))
    return out


def shape(url: str) -> str:
    path, _, query = url.partition("?")
    return re.sub(r"\d+", "N", path) + ("?" + re.sub(r"=[^&]*", "=", query) if query else "")


@pytest.mark.django_db
def test_payload_in_every_free_text_field_never_comes_back_as_markup(client_for):
    fields = store_payload()
    labels = {f"{m._meta.label}.{f}" for m, values in fields.items() for f in values}
    # the sweep reaches the fields the issue names and the SOP title of the reported attack
    for label in [
        "sop.SopVersion.judul",
        "sop.Lane.label",
        "sop.Step.uraian",
        "organization.Employee.name",
        "planning.Indicator.name",
        "evaluation.Finding.kondisi",
        "documents.Letter.body",
        "reporting.LkjipVersion.penutup",
        "measurement.Realisasi.kendala",
        "organization.OPD.name",
        "sop.HistoricalSopVersion.judul",
        "evaluation.CriterionEvidence.url",
        # in multi-column unique rules (payload + row id)
        "organization.OPD.akronim",
        "organization.Unit.name",
        "sop.Sop.number",
        "documents.Klasifikasi.code",
        "planning.PredicateLevel.label",
    ]:
        assert label in labels, label
    assert len(labels) > 250

    clients, problems, seen, rendered = {}, [], set(), 0
    # the main pages as their roles, then one page of each kind reachable from them (links, htmx fragments)
    queue = [(role, url, False, True) for role, url in main_pages()]
    while queue and rendered < 500:
        role, url, fragment, seed = queue.pop(0)
        key = (role, url) if seed else (shape(url), fragment)
        if key in seen:
            continue
        seen.add(key)
        seen.add((shape(url), fragment))
        client = clients.setdefault(role, client_for(role))
        response = client.get(url, headers={"HX-Request": "true"} if fragment else {})
        rendered += 1
        assert response.status_code < 500, (role, url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        hits = raw_hits(html)
        if hits:
            problems.append(f"{role} {url}: {hits}")
        queue += [(role, link, hx, False) for link, hx in links_of(html, url)]
    assert rendered > 300, rendered
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_the_payload_is_shown_escaped_on_the_pages_that_carry_it(client_for):
    """The other side of the sweep: the pages really show these fields (as text), so the absence of raw
    markup above is not the absence of the data."""
    store_payload()
    o = demo_objects()
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    quote = "Verifikasi&quot; onload=&quot;alert(1)&quot; x=&quot;"
    for role, url, text in [
        ("kepala", f"/sop/versi/{o['sop_version'].pk}/prosedur/", quote),  # the flowchart SVG's aria-label
        ("kepala", f"/sop/versi/{o['sop_version'].pk}/prosedur/", escaped),
        ("timsakip", f"/perencanaan/indikator/{o['indicator'].pk}/", escaped),
        ("admin", f"/organisasi/pegawai/{o['employee'].pk}/", escaped),
        ("sekretaris", f"/dokumen/surat/{o['letter'].pk}/", escaped),
        ("inspektorat", f"/evaluasi/rekomendasi/{o['recommendation'].pk}/", escaped),
        ("timsakip", f"/riwayat/sop/sopversion/{o['sop_version'].pk}/", escaped),
    ]:
        html = client_for(role).get(url).content.decode()
        assert text in html, (url, text)
        assert raw_hits(html) == [], url


def pdf_text(data: bytes) -> str:
    import subprocess

    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", "", out)


def docx_text(data: bytes) -> tuple[str, str]:
    import zipfile

    from docx import Document

    doc = Document(BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    return "\n".join(parts), xml


@pytest.mark.django_db
def test_documents_show_the_payload_as_text_never_as_markup(client_for):
    import shutil

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) missing")
    from sakip.planning.models import PerjanjianKinerja
    from sakip.sop.models import SopVersion

    store_payload()
    o = demo_objects()
    # Drafts: a signed PK or an approved SOP downloads its archived copy, signed before the payload was typed.
    draft_pk = PerjanjianKinerja.objects.filter(status=PerjanjianKinerja.Status.DRAFT, opd=o["pk"].opd).first()
    draft_sop = SopVersion.objects.filter(status="draft", sop__opd=o["pk"].opd).first()
    assert draft_pk is not None and draft_sop is not None
    as_text = re.sub(r"\s+", "", "<script>alert(1)</script>")
    files = [
        ("kepala", f"/pelaporan/periode/{o['period'].pk}/dokumen.pdf?konsep=1"),
        ("kepala", f"/pelaporan/periode/{o['period'].pk}/dokumen.docx?konsep=1"),
        ("kepala", f"/perencanaan/pk/{draft_pk.pk}/unduh.pdf"),
        ("kepala", f"/perencanaan/pk/{draft_pk.pk}/unduh.docx"),
        ("timsakip", f"/sop/versi/{draft_sop.pk}/unduh.pdf"),
        ("timsakip", f"/sop/versi/{draft_sop.pk}/unduh.docx"),
        ("sekretaris", f"/dokumen/surat/{o['letter'].pk}/konsep.pdf"),
        ("sekretaris", f"/dokumen/surat/{o['letter'].pk}/surat.docx"),
    ]
    checked = []
    for role, url in files:
        response = client_for(role).get(url)
        assert response.status_code == 200, (url, response.status_code)
        data = b"".join(response.streaming_content) if response.streaming else response.content
        if url.endswith(".pdf") or ".pdf?" in url:
            assert data.startswith(b"%PDF"), url
            assert as_text in pdf_text(data), url  # drawn as the characters "<script>…", not taken as a tag
        else:
            text, xml = docx_text(data)
            assert "<script>alert(1)</script>" in text, url
            assert "<script>" not in xml and "<img src=x" not in xml, url
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml, url
        checked.append(url)
    assert len(checked) == len(files)


def test_sweep_markers_catch_what_they_must():
    from django.utils.html import escape

    for payload in PAYLOADS:
        assert raw_hits(payload), payload
        assert raw_hits(escape(payload)) == [], payload
    assert raw_hits(f'<a href="{LINK}">')
    assert raw_hits(f'<a href="{escape(QUOTE)}">') == []
