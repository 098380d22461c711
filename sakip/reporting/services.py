"""The Dokumen Pengukuran Kinerja: rendered as PDF (WeasyPrint) and DOCX (reporting/docx_dpk.py, on the one DOCX
layer), numbered, signed by the Kepala and archived through the documents pipeline."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core.actors import is_system, require_actor
from sakip.core.pdf import render_pdf_from_html
from sakip.documents.services import issue_document, kop_context, signature_block
from sakip.measurement import policies
from sakip.measurement import services as M
from sakip.measurement.models import Period, UnitSubmission

from . import docx_dpk
from . import dpk as D

TEMPLATE = "reporting/print/dpk.html"
DOC_TYPE = "dokumen_pengukuran"


def klasifikasi() -> str:
    """Kode klasifikasi arsip of the document and its cover letter (050 Perencanaan by default)."""
    return getattr(settings, "SAKIP_DPK_KLASIFIKASI", "050")


def title(period) -> str:
    label = "TAHUNAN" if period.triwulan == 0 else f"TRIWULAN {D.TW_ROMAN[period.triwulan]}"
    return f"DOKUMEN PENGUKURAN KINERJA {label} TAHUN {period.year}"


def subject(period) -> str:
    return _("Dokumen Pengukuran Kinerja %(opd)s %(tw)s Tahun %(y)s") % {
        "opd": period.opd.akronim,
        "tw": period.tw_label,
        "y": period.year,
    }


def head_position(period):
    head = period.opd.head_position()
    if head is None:
        raise ValidationError(
            _("%(opd)s belum memiliki jabatan Kepala OPD; dokumen tidak dapat ditandatangani.")
            % {"opd": period.opd.akronim}
        )
    return head


def context(period, *, on: date, data: D.Dpk | None = None) -> dict:
    data = data or D.build(period)
    return {
        "period": period,
        "dpk": data,
        "title": title(period),
        "doc_title": title(period),
        "opd": period.opd,
        "on": on,
    }


def _preview_context(period, on, draft):
    ctx = context(period, on=on)
    ctx.update(kop_context(period.opd))
    ctx["kop"] = kop_context(period.opd)
    try:
        ctx["signature"] = signature_block(head_position(period), on)
    except ValidationError:
        ctx["signature"] = None
    ctx.update({"nomor": "", "verification": None, "draft": draft})
    return ctx


def render_dpk_pdf(period, *, draft=True, on: date | None = None) -> bytes:
    """The document as it stands (watermarked KONSEP when draft), not archived."""
    on = on or timezone.localdate()
    return render_pdf_from_html(render_to_string(TEMPLATE, _preview_context(period, on, draft)))


def render_dpk_docx(period, *, on: date | None = None, number: str = "") -> bytes:
    on = on or timezone.localdate()
    ctx = _preview_context(period, on, False)
    return docx_dpk.build({**ctx, "nomor": number})


@transaction.atomic
def issue_dpk(*, user, period, now=None, number=None, previous=None):
    """Number, sign (by the holder of the head position on the date) and archive the document
    with its DOCX version. The caller checks that the user is the Kepala."""
    require_actor(user)
    now = now or timezone.now()
    on = timezone.localtime(now).date()
    head = head_position(period)
    signature_block(head, on)  # refuses a post nobody holds on the date before a number is taken
    data = D.build(period)
    ctx = context(period, on=on, data=data)
    return issue_document(
        user=user,
        opd=period.opd,
        doc_type=DOC_TYPE,
        subject=subject(period),
        date=on,
        html_template=TEMPLATE,
        context=ctx,
        docx_render=docx_dpk.build,
        klasifikasi=None if (number or previous) else klasifikasi(),
        number=number,
        signer_position=head,
        sign=True,
        source=period,
        previous=previous,
        check_permission=False,
    )


@transaction.atomic
def resign_dpk(*, user, period, now=None):
    """After an approved revision: the Kepala approves the revised forms and signs a new version of
    the document (it keeps its number); the forms are locked again."""
    require_actor(user)
    now = now or timezone.now()
    period = Period.objects.select_for_update(of=("self",)).select_related("opd", "dpk_document").get(pk=period.pk)
    if not is_system(user) and not policies.is_kepala(user, period.opd_id):
        raise PermissionDenied(_("Hanya Kepala %(opd)s yang dapat menandatangani ulang.") % {"opd": period.opd.akronim})
    if not period.dpk_document_id:
        raise ValidationError(_("Dokumen periode ini belum pernah ditandatangani."))
    subs = list(UnitSubmission.objects.filter(period=period))
    if any(
        s.state not in (UnitSubmission.State.DIVALIDASI, UnitSubmission.State.DISETUJUI, UnitSubmission.State.DIKUNCI)
        for s in subs
    ):
        raise ValidationError(_("Masih ada formulir revisi yang belum divalidasi kepala unitnya."))
    if not any(s.state in (UnitSubmission.State.DIVALIDASI, UnitSubmission.State.DISETUJUI) for s in subs):
        raise ValidationError(_("Tidak ada data revisi yang menunggu tanda tangan."))
    for s in subs:
        if s.state == UnitSubmission.State.DIVALIDASI:
            M.approve_unit(user=user, submission=s, now=now)
    doc = issue_dpk(user=user, period=period, now=now, previous=period.dpk_document)
    period.dpk_document = doc
    period._change_reason = "Ditandatangani ulang (revisi)"
    period.save()
    M.lock_period(period, now=now, document=doc)
    return doc
