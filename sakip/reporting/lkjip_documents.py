"""The LKjIP as documents: PDF (F4, WeasyPrint; PermenPAN-RB 53/2014 Lampiran II), DOCX (reporting/docx_lkjip.py on
the one DOCX layer, sakip/documents/docx.py), the Laporan Hasil Reviu and the Pernyataan Telah Direviu (Lampiran
III) — all issued through the documents pipeline (`sakip.documents.services.issue_document`): numbered, signed,
archived.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core.actors import is_system
from sakip.core.formats import angka, tanggal
from sakip.core.pdf import render_pdf_from_html
from sakip.documents import services as document_services
from sakip.documents.models import ArchivedDocument
from sakip.documents.services import kop_context, signature_block
from sakip.organization.models import OPD

from . import charts, docx_lkjip
from . import lkjip as L

TEMPLATE = "reporting/print/lkjip.html"
LHR_TEMPLATE = "reporting/print/lkjip_lhr.html"
STATEMENT_TEMPLATE = "reporting/print/lkjip_pernyataan.html"


def klasifikasi() -> str:
    return getattr(settings, "SAKIP_LKJIP_KLASIFIKASI", "050")


def title(lkjip) -> str:
    return f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {lkjip.year}"


def subject(lkjip) -> str:
    return _("Laporan Kinerja Instansi Pemerintah (LKjIP) %(opd)s Tahun %(y)s") % {
        "opd": lkjip.opd.akronim,
        "y": lkjip.year,
    }


def head_position(opd):
    head = opd.head_position()
    if head is None:
        raise ValidationError(
            _("%(opd)s belum memiliki jabatan Kepala; dokumen tidak dapat ditandatangani.") % {"opd": opd.akronim}
        )
    return head


def inspektorat_of(opd):
    insp = OPD.objects.filter(pemda_id=opd.pemda_id, kind=OPD.Kind.INSPEKTORAT).first()
    if insp is None:
        raise ValidationError(_("Inspektorat Pemda ini belum terdaftar di data organisasi."))
    return insp


def context(lkjip, version=None, *, with_charts=True) -> dict:
    version = version or lkjip.current
    data = L.hydrate(version.data)
    sasaran_text = {s.node_id: s for s in version.sasaran.all()}
    for s in data["sasaran"]:
        s["text"] = sasaran_text.get(s["node"])
    svgs = charts.lkjip_charts(data) if with_charts else {}
    return {
        "lkjip": lkjip,
        "version": version,
        "data": data,
        "opd": lkjip.opd,
        "title": title(lkjip),
        "doc_title": title(lkjip),
        "charts": {k: charts.data_uri(v) for k, v in svgs.items() if v},
        "iku": [r for s in data["sasaran"] for r in s["rows"] if r["is_iku"]],
        "years": sorted({h["year"] for s in data["sasaran"] for r in s["rows"] for h in r["history"]}),
        "efisiensi_threshold": getattr(settings, "SAKIP_EFISIENSI_THRESHOLD", 5),
        "reviewed": lkjip.reviewed_document,
    }


def _preview_context(lkjip, on, draft, version=None):
    ctx = context(lkjip, version)
    ctx.update(kop_context(lkjip.opd))
    ctx["kop"] = kop_context(lkjip.opd)
    try:
        ctx["signature"] = signature_block(head_position(lkjip.opd), on)
    except ValidationError:
        ctx["signature"] = None
    ctx.update({"nomor": "", "verification": None, "draft": draft, "on": on})
    return ctx


def render_pdf(lkjip, *, draft=True, on: date | None = None, version=None) -> bytes:
    """The LKjIP as it stands (KONSEP watermark when draft), not archived."""
    on = on or timezone.localdate()
    return render_pdf_from_html(render_to_string(TEMPLATE, _preview_context(lkjip, on, draft, version)))


def render_docx(lkjip, *, on: date | None = None, number: str = "", version=None) -> bytes:
    on = on or timezone.localdate()

    return docx_lkjip.build(_preview_context(lkjip, on, False, version), number=number)


def _previous_doc(lkjip):
    """The last archived LKjIP of the same OPD and year (a new version keeps its number)."""
    return (
        ArchivedDocument.objects.filter(
            source_type=ContentType.objects.get_for_model(lkjip), source_id=str(lkjip.pk), doc_type__code="lkjip"
        )
        .order_by("-version", "-pk")
        .first()
    )


def issue_lkjip(*, user, lkjip, on: date):
    """Number, sign (electronically when the head signs himself; Plt. shown), archive with its DOCX and the
    Pernyataan Telah Direviu attached."""
    head = head_position(lkjip.opd)
    signature = signature_block(head, on)
    previous = _previous_doc(lkjip)
    ctx = context(lkjip)
    ctx["on"] = on
    sign = is_system(user) or getattr(user, "employee_id", None) == signature["employee"].pk
    return document_services.issue_document(
        user=user,
        opd=lkjip.opd,
        doc_type="lkjip",
        subject=subject(lkjip),
        date=on,
        html_template=TEMPLATE,
        context=ctx,
        docx_render=lambda c: docx_lkjip.build(c, number=c["nomor"]),
        klasifikasi=None if previous else klasifikasi(),
        signer_position=head,
        sign=sign,
        source=lkjip,
        lampiran=[lkjip.reviewed_document] if lkjip.reviewed_document_id else [],
        previous=previous,
        check_permission=False,
    )


# --- reviu documents ----------------------------------------------------------------------------------
def reviu_context(lkjip, reviu, on) -> dict:
    from . import lkjip_services as S  # lkjip_services renders through this module: imported here, not above

    insp = inspektorat_of(lkjip.opd)
    notes = list(reviu.notes.select_related("created_by").order_by("pk"))
    return {
        **kop_context(insp),
        "kop": kop_context(insp),
        "lkjip": lkjip,
        "reviu": reviu,
        "evaluated": lkjip.opd,
        "inspektorat": insp,
        "checklist": [(key, label, reviu.checklist.get(key, {})) for key, label in S.CHECKLIST],
        "differences": reviu.differences,
        "notes": notes,
        "consistency": S.consistency_findings(lkjip),
        "version": lkjip.current,
        "on": on,
        "tanggal_on": tanggal(on),
    }


def reviu_signer(lkjip, on):
    """The Inspektur: the holder (definitif/Plt./Plh.) of the Inspektorat's head position on `on`."""
    return head_position(inspektorat_of(lkjip.opd))


def _issue_insp(*, user, lkjip, reviu, on, doc_type, template, subject_text):
    """Numbered in the Inspektorat's register and signed (PAdES) by the Inspektur — only he (or an administrator,
    with his certificate) issues them (docs/documents.md "The documents of each app")."""
    insp = inspektorat_of(lkjip.opd)
    head = reviu_signer(lkjip, on)
    document_services.require_signer(user, head, on, subject_text)
    return document_services.issue_document(
        user=user,
        opd=insp,
        doc_type=doc_type,
        subject=subject_text,
        date=on,
        html_template=template,
        context={**reviu_context(lkjip, reviu, on), "title": subject_text},
        klasifikasi="700",
        signer_position=head,
        sign=True,
        source=reviu,
        check_permission=False,
    )


def issue_lhr(*, user, lkjip, reviu, on):
    return _issue_insp(
        user=user,
        lkjip=lkjip,
        reviu=reviu,
        on=on,
        doc_type="lhr_lkjip",
        template=LHR_TEMPLATE,
        subject_text=_("Laporan Hasil Reviu atas LKjIP %(opd)s Tahun %(y)s")
        % {"opd": lkjip.opd.akronim, "y": lkjip.year},
    )


def issue_statement(*, user, lkjip, reviu, on):
    return _issue_insp(
        user=user,
        lkjip=lkjip,
        reviu=reviu,
        on=on,
        doc_type="pernyataan_reviu",
        template=STATEMENT_TEMPLATE,
        subject_text=_("Pernyataan Telah Direviu LKjIP %(opd)s Tahun %(y)s")
        % {"opd": lkjip.opd.akronim, "y": lkjip.year},
    )


def json_export(lkjip, version=None) -> dict:
    version = version or lkjip.current
    return {
        "opd": lkjip.opd.name,
        "year": lkjip.year,
        "version": version.number,
        "status": lkjip.status,
        "period": version.data.get("period"),
        "bab3": L.bab3_rows(version.data),
    }


def fmt(value, places=2):
    return "" if value in (None, "") else (value if isinstance(value, str) else angka(value, places))
