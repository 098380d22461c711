"""The SOP as documents: the whole SOP (identity page, procedure pages with the flowchart, worksheet)
as PDF (landscape F4, WeasyPrint) and the flowchart as SVG.

Until SOP documents go through the Documents app's pipeline (number, sign, archive), they are
rendered here directly with sakip.core.pdf.render_pdf.
"""

from __future__ import annotations

from datetime import date

from django.utils.text import slugify

from sakip.core.pdf import logo_uri, render_pdf
from sakip.organization.models import signer_title

from . import flowchart as F
from . import selectors

PAGE_WIDTH_MM = 330
PAGE_HEIGHT_MM = 215
MARGIN_MM = 11
# Height of one procedure page in points: the page less its margins, the running title and the page number.
PROCEDURE_HEIGHT_PT = (PAGE_HEIGHT_MM - 2 * MARGIN_MM) * F.PT_PER_MM - 34


def flowchart_pages(version, *, paginate=True):
    lanes, steps, waktu_header, total = selectors.flow_steps(version)
    options = F.Options(
        width=(PAGE_WIDTH_MM - 2 * MARGIN_MM) * F.PT_PER_MM,
        page_height=PROCEDURE_HEIGHT_PT if paginate else None,
        waktu_header=waktu_header,
        total=total,
    )
    return F.layout(lanes, steps, options)


def flowchart_svgs(version, *, paginate=False) -> list[str]:
    title = f"Diagram alir SOP {version.sop.number} {version.judul}"
    return [F.to_svg(page, title=title) for page in flowchart_pages(version, paginate=paginate)]


def flowchart_svg(version) -> str:
    """The whole flowchart in one SVG file (no page breaks)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + flowchart_svgs(version, paginate=False)[0]


def document_context(version) -> dict:
    opd = version.sop.opd
    signer = version.approved_by_employee
    head = version.approved_by_position or opd.head_position()
    return {
        "version": version,
        "sop": version.sop,
        "opd": opd,
        "logo": logo_uri(opd.logo) or logo_uri(opd.pemda.logo),
        "signer": signer,
        "signer_title": version.approver_title
        or (f"Kepala {opd.akronim} {opd.pemda.short_name}" if head is None else signer_title(head, date.today())),
        "lists": {
            name: version.list_of(name)
            for name in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")
        },
        "keterkaitan_sop": list(version.keterkaitan_sop.all()),
        "procedure_pages": [
            F.to_svg(p, title=f"Prosedur SOP {version.sop.number}") for p in flowchart_pages(version, paginate=True)
        ],
        "worksheet": selectors.worksheet(version),
        "draft": not version.is_approved,
        "title": f"SOP {version.sop.number} {version.judul}",
    }


def sop_pdf(version) -> bytes:
    return render_pdf("sop/print/sop.html", document_context(version))


def file_name(version, ext):
    number = slugify(version.sop.number.replace("/", "-").replace(".", "-"))
    return f"sop-{number}-{slugify(version.judul)[:50]}-v{version.version}.{ext}"
