"""The one document pipeline of sakip: data → template → number → sign → archive.

Every app calls `issue_document` (or `issue_document_async` for heavy documents). See
docs/documents.md for the contract. All writes here are atomic: a failure consumes no number and
leaves no archive record (files written before the failure are removed).
"""

import base64
import hashlib
import os
import secrets as _secrets
from datetime import date as date_cls
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from sequences import get_next_value
from sequences.models import Sequence

from sakip.core import permissions as P
from sakip.core import roles as R
from sakip.core.actors import person, require_actor, system_user
from sakip.core.formats import hari_tanggal, tanggal
from sakip.core.pdf import logo_uri, render_pdf_from_html
from sakip.organization.models import Assignment, Position, Unit

from . import numbering, signing
from .docx import letter_docx
from .models import (
    ArchivedDocument,
    DocumentType,
    GenerationJob,
    Klasifikasi,
    Letter,
    NumberRecord,
    Paraf,
    RetentionRule,
    SigningCertificate,
)
from .reference import ensure_reference
from .signature import signature_block as _signature_block

DEFAULT_SCHEME = "Permendagri 78/2012"


# --- Reference lookups --------------------------------------------------------------------------
def signature_block(position, on_date, *, on_behalf_of=None) -> dict:
    """place/date/title lines/name/pangkat/nip of the holder of `position` on `on_date` (see signature.py)."""
    return _signature_block(position, on_date, on_behalf_of=on_behalf_of)


def require_signer(user, position, on: date_cls, what: str):
    """The employee holding `position` on `on`, when `user` is that employee (or an administrator, who signs with
    the holder's certificate); otherwise a ValidationError in Indonesian (docs/documents.md "Who signs")."""
    assignment = position.holder_on(on) if position is not None else None
    employee = assignment.employee if assignment else None
    if employee is None:
        raise ValidationError(
            _("Tidak ada pejabat yang memegang jabatan %(p)s pada %(d)s; %(what)s tidak dapat ditandatangani.")
            % {"p": position, "d": tanggal(on), "what": what}
        )
    if not (P.is_admin(user) or getattr(user, "employee_id", None) == employee.pk):
        raise ValidationError(
            _("%(what)s ditandatangani oleh %(name)s (%(p)s); Anda bukan penanda tangannya.")
            % {"what": what, "name": employee.full_name, "p": position.display_short}
        )
    return employee


def signer_for(doc_type, opd, acting_position):
    """(signer position, a.n. position or None) for a document of `doc_type` prepared by `acting_position` in
    `opd` (docs/documents.md "Who signs"). Types signed by the Kepala (DocumentType.signer) are signed by the
    OPD's head position, whose holder on the date may be a Plt./Plh.; otherwise the acting official signs, "a.n."
    the Kepala when the Kepala is above him."""
    dtype = document_type(doc_type)
    head = opd.head_position() if opd is not None else None
    if dtype.signer == DocumentType.Signer.KEPALA and head is not None:
        return head, None
    if acting_position is None:
        return head, None
    if head is not None and acting_position.pk != head.pk and head.pk in [p.pk for p in acting_position.superiors()]:
        return acting_position, head
    return acting_position, None


def resolve_klasifikasi(value) -> Klasifikasi | None:
    """A Klasifikasi from an instance, a pk, a code ("700", "061.1", "000.8.3.3") or "scheme|code"."""
    if value in (None, ""):
        return None
    if isinstance(value, Klasifikasi):
        return value
    ensure_reference()
    if isinstance(value, int):
        found = Klasifikasi.objects.filter(pk=value).first()
    else:
        text = str(value).strip()
        scheme = None
        if "|" in text:
            scheme, text = (part.strip() for part in text.split("|", 1))
        qs = Klasifikasi.objects.filter(code=text, active=True)
        if scheme:
            qs = qs.filter(scheme=scheme)
        preferred = getattr(settings, "SAKIP_KLASIFIKASI_SCHEME", DEFAULT_SCHEME)
        found = qs.filter(scheme=preferred).first() or qs.first()
    if found is None:
        raise ValidationError(
            {
                "klasifikasi": _(
                    'Kode klasifikasi arsip "%(code)s" tidak dikenal. Pilih kode dari daftar klasifikasi arsip.'
                )
                % {"code": value}
            }
        )
    return found


def document_type(code) -> DocumentType:
    """The DocumentType with this code; unknown codes of other apps are created with default settings."""
    if isinstance(code, DocumentType):
        return code
    ensure_reference()
    obj = DocumentType.objects.filter(code=code).first()
    if obj is None:
        if not code or not str(code).replace("_", "").replace("-", "").isalnum():
            raise ValidationError(_('Jenis dokumen "%(code)s" tidak valid.') % {"code": code})
        obj, _created = DocumentType.objects.get_or_create(
            code=code, defaults={"name": str(code).replace("_", " ").replace("-", " ").capitalize()}
        )
    return obj


def numbering_klasifikasi(doc_type) -> Klasifikasi | None:
    """The classification a document of this type is numbered under: the type's default classification when the
    type is numbered (*Dokumen → Jenis dokumen*: "Bernomor"), else None (the document is issued without a number)."""
    dtype = document_type(doc_type)
    return dtype.default_klasifikasi if dtype.numbered else None


def kop_context(opd) -> dict:
    """Context for "core/print/kop.html": the OPD and its logo (the OPD's, else the Pemda's)."""
    logo = logo_uri(opd.logo) or logo_uri(opd.pemda.logo)
    return {"opd": opd, "logo": logo}


def retention_for(klasifikasi: Klasifikasi | None) -> RetentionRule | None:
    ensure_reference()
    if klasifikasi is not None:
        rules = {r.code: r for r in RetentionRule.objects.filter(scheme=klasifikasi.scheme)}
        for code in klasifikasi.ancestor_codes():
            if code in rules:
                return rules[code]
    return RetentionRule.objects.filter(code="").first()


def _add_years(d: date_cls, years: int) -> date_cls:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


# --- Numbering ----------------------------------------------------------------------------------
def sequence_name(opd_id, year, key) -> str:
    return f"sakip-doc:{opd_id}:{year}:{key}"


def _format(doc_type, *, urut, the_date, klasifikasi, opd, unit):
    try:
        return numbering.format_number(
            doc_type.number_format,
            urut=urut,
            tahun=the_date.year,
            bulan=the_date.month,
            klasifikasi=klasifikasi.code if klasifikasi else "",
            opd=opd.akronim,
            unit=(unit.short_name or unit.name) if unit else "",
        )
    except numbering.NumberFormatError as exc:
        raise ValidationError({"klasifikasi": str(exc)}) from None


@transaction.atomic
def next_number(
    *, opd, doc_type, date, klasifikasi=None, unit=None, subject="", recipient="", user=None
) -> NumberRecord:
    """Hand out the next number of the OPD's register for that year (gapless: inside the caller's
    transaction; a rollback gives the number back). A register helper below the services: the calling service
    named and checked its actor; `user` is only who the record says issued it."""
    dtype = document_type(doc_type)
    klas = resolve_klasifikasi(klasifikasi) or dtype.default_klasifikasi
    if "klasifikasi" in numbering.fields_of(dtype.number_format) and klas is None:
        raise ValidationError(
            {"klasifikasi": _("Kode klasifikasi arsip wajib diisi untuk %(type)s.") % {"type": dtype.name}}
        )
    urut = get_next_value(sequence_name(opd.pk, date.year, dtype.sequence_key), initial_value=1)
    number = _format(dtype, urut=urut, the_date=date, klasifikasi=klas, opd=opd, unit=unit)
    return NumberRecord.objects.create(
        opd=opd,
        unit=unit,
        year=date.year,
        sequence_key=dtype.sequence_key,
        urut=urut,
        number=number,
        doc_type=dtype,
        klasifikasi=klas,
        date=date,
        subject=subject[:300],
        recipient=recipient[:300],
        issued_by=person(user),
    )


def can_register_external(user, opd_id) -> bool:
    """Numbers issued outside sakip are entered by the Sekretariat (role Sekretaris) of the OPD, or an administrator."""
    if P.is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or user.opd_id != opd_id:
        return False
    return R.SEKRETARIS in user.role_names


def _check_register_gap(urut: int, last: int, year: int) -> None:
    """An external number may not push the register in use (this year's or a later year's) far ahead of its
    current number (a mistyped or malicious 1000000 would make every later number absurd). Registers of past
    years are closed history: the paper agenda's numbers are recorded as they were.

    On a register that is still empty for the year, the first external number sets the start (an OPD that
    begins using sakip mid-year continues its paper agenda) up to SAKIP_NUMBER_REGISTER_MAX_START."""
    if urut < 1:
        raise ValidationError({"number": _("Nomor urut harus lebih dari nol.")})
    if year < timezone.localdate().year:
        return
    gap = settings.SAKIP_NUMBER_REGISTER_MAX_GAP
    limit = settings.SAKIP_NUMBER_REGISTER_MAX_START if last == 0 else last + gap
    if urut > limit:
        raise ValidationError(
            {
                "number": _(
                    "Nomor urut %(urut)s terlalu jauh dari nomor terakhir agenda (%(last)s): paling tinggi %(limit)s. "
                    "Periksa kembali nomor surat tersebut."
                )
                % {"urut": urut, "last": last, "limit": limit}
            }
        )


@transaction.atomic
def register_external_number(
    *, user, opd, doc_type, number, date, subject, recipient="", unit=None, check_permission=True
) -> NumberRecord:
    """Record a number issued outside sakip (e.g. a historical letter); the register continues after it.

    Only the Sekretariat registers numbers (see `can_register_external`), and a number of the register in use
    may lie at most SAKIP_NUMBER_REGISTER_MAX_GAP above its current number (see `_check_register_gap`)."""
    require_actor(user)
    if check_permission:
        P.check(P.can_write_scope(user, opd.pk, unit) or P.is_admin(user))
        if not can_register_external(user, opd.pk):
            raise PermissionDenied(_("Hanya Sekretariat yang dapat mendaftarkan nomor surat dari luar sakip."))
    dtype = document_type(doc_type)
    parts = numbering.parse_number(dtype.number_format, number)
    if parts is None:
        raise ValidationError(
            {
                "number": _('Nomor "%(number)s" tidak sesuai format %(fmt)s untuk %(type)s.')
                % {"number": number, "fmt": dtype.number_format, "type": dtype.name}
            }
        )
    year = parts.get("tahun") or date.year
    if parts.get("tahun") and parts["tahun"] != date.year:
        raise ValidationError(
            {
                "date": _("Tahun pada nomor (%(y1)s) berbeda dengan tahun tanggal surat (%(y2)s).")
                % {"y1": parts["tahun"], "y2": date.year}
            }
        )
    klas = resolve_klasifikasi(parts["klasifikasi"]) if parts.get("klasifikasi") else None
    name = sequence_name(opd.pk, year, dtype.sequence_key)
    seq, _created = Sequence.objects.select_for_update().get_or_create(name=name, defaults={"last": 0})
    if NumberRecord.objects.filter(opd=opd, year=year, sequence_key=dtype.sequence_key, urut=parts["urut"]).exists():
        raise ValidationError(
            {
                "number": _("Nomor urut %(urut)s tahun %(year)s sudah tercatat di agenda.")
                % {"urut": parts["urut"], "year": year}
            }
        )
    _check_register_gap(parts["urut"], seq.last, year)
    if parts["urut"] > seq.last:
        seq.last = parts["urut"]
        seq.save(update_fields=["last"])
    return NumberRecord.objects.create(
        opd=opd,
        unit=unit,
        year=year,
        sequence_key=dtype.sequence_key,
        urut=parts["urut"],
        number=numbering.normalize(number),
        doc_type=dtype,
        klasifikasi=klas,
        date=date,
        subject=subject[:300],
        recipient=recipient[:300],
        status=NumberRecord.Status.EXTERNAL,
        issued_by=person(user),
    )


@transaction.atomic
def cancel_number(*, user, record: NumberRecord, reason: str, check_permission=True) -> NumberRecord:
    """Cancel a number: it stays in the agenda with its reason and is never handed out again."""
    require_actor(user)
    record = NumberRecord.objects.select_for_update().get(pk=record.pk)
    if check_permission:
        P.require_view(user, record)
        P.check(P.can_write_scope(user, record.opd_id, record.unit))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan pembatalan wajib diisi.")})
    if record.status == NumberRecord.Status.CANCELLED:
        raise ValidationError(_("Nomor ini sudah dibatalkan."))
    if record.documents.exists():
        raise ValidationError(
            _(
                "Nomor %(number)s sudah dipakai dokumen yang terbit; terbitkan versi baru dokumen itu, "
                "bukan membatalkan nomornya."
            )
            % {"number": record.number}
        )
    record.cancel()
    record.cancel_reason = reason.strip()
    record.cancelled_at = timezone.now()
    record.cancelled_by = person(user)
    record.save()
    for letter in Letter.objects.filter(number_record=record, state=Letter.State.NUMBERED):
        letter.mark_cancelled()
        letter.save()
    return record


def _link_given_number(*, opd, dtype, number, the_date, subject, unit, user):
    """A number passed by the caller: link its agenda line, or register it when it follows the format."""
    text = numbering.normalize(number)
    record = NumberRecord.objects.filter(opd=opd, number=text).exclude(status=NumberRecord.Status.CANCELLED).first()
    if record is None and numbering.parse_number(dtype.number_format, text):
        record = register_external_number(
            user=user,
            opd=opd,
            doc_type=dtype,
            number=text,
            date=the_date,
            subject=subject,
            unit=unit,
            check_permission=False,
        )
    return text, record


# --- The pipeline -------------------------------------------------------------------------------
def _verification_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verifikasi:verify", args=[code])


def _unique_code() -> str:
    while True:
        code = signing.new_verification_code()
        if not ArchivedDocument.objects.filter(verification_code=code).exists():
            return code


def _file_name(dtype, code, ext):
    return f"{dtype.code}-{code}.{ext}"


@transaction.atomic
def issue_document(
    *,
    user,
    opd,
    doc_type: str,
    subject: str,
    date,
    html_template: str | None = None,
    context: dict | None = None,
    pdf_bytes: bytes | None = None,
    docx_bytes: bytes | None = None,
    docx_render=None,
    klasifikasi: str | None = None,
    number: str | None = None,
    signer_position=None,
    sign: bool = False,
    unit=None,
    source=None,
    lampiran=(),
    previous=None,
    check_permission: bool = True,
) -> ArchivedDocument:
    """Render (or take) a document, number it, sign it, archive it; return the ArchivedDocument.

    - html_template + context → PDF via WeasyPrint; the context also gets `nomor`, `signature`,
      `opd`, `logo`, `kop` (dict for core/print/kop.html), `verification` (code, url, qr) and
      `lampiran_docs`. Or pass ready `pdf_bytes` (a QR stamp is added on its last page when signed).
    - A number is taken from the OPD's register when `klasifikasi` is given and `number` is None
      (or the document type's default classification when it has one); `previous` keeps its number.
    - `sign=True` signs (PAdES) with the certificate of the holder of `signer_position` on `date`.
    - `lampiran`: archived documents attached (their pages are appended, and they are linked).
    - `docx_render(context) -> bytes`: builds the DOCX from the context the PDF template receives (instead of
      `docx_bytes`): the same number, signature block, QR and verification line (sakip/documents/docx.py).
    Raises ValidationError (Indonesian) for bad input; PermissionDenied when the user may not.
    """
    require_actor(user)
    stored = []
    try:
        return _issue(
            user=user,
            opd=opd,
            doc_type=doc_type,
            subject=subject,
            the_date=date,
            html_template=html_template,
            context=dict(context or {}),
            pdf_bytes=pdf_bytes,
            docx_bytes=docx_bytes,
            docx_render=docx_render,
            klasifikasi=klasifikasi,
            number=number,
            signer_position=signer_position,
            sign=sign,
            unit=unit,
            source=source,
            lampiran=list(lampiran or ()),
            previous=previous,
            check_permission=check_permission,
            stored=stored,
        )
    except BaseException:
        for storage, name in stored:
            try:
                storage.delete(name)
            except OSError:
                pass
        raise


def _issue(
    *,
    user,
    opd,
    doc_type,
    subject,
    the_date,
    html_template,
    context,
    pdf_bytes,
    docx_bytes,
    docx_render,
    klasifikasi,
    number,
    signer_position,
    sign,
    unit,
    source,
    lampiran,
    previous,
    check_permission,
    stored,
):
    if opd is None:
        raise ValidationError(_("OPD dokumen wajib diisi."))
    if not (subject or "").strip():
        raise ValidationError({"subject": _("Perihal dokumen wajib diisi.")})
    if isinstance(the_date, str):
        the_date = date_cls.fromisoformat(the_date)
    if check_permission:
        P.check(P.can_write_scope(user, opd.pk, unit))
    if bool(html_template) == bool(pdf_bytes):
        raise ValidationError(_("Berikan salah satu: html_template atau pdf_bytes."))
    if pdf_bytes is not None and not signing.is_pdf(pdf_bytes):
        raise ValidationError(_("pdf_bytes bukan berkas PDF."))
    dtype = document_type(doc_type)
    klas = resolve_klasifikasi(klasifikasi)
    lampiran_docs = []
    for item in lampiran:
        doc = item if isinstance(item, ArchivedDocument) else ArchivedDocument.objects.get(pk=item)
        if check_permission:
            P.require_view(user, doc)
        lampiran_docs.append(doc)
    if previous is not None:
        if previous.opd_id != opd.pk:
            raise ValidationError(_("Versi baru harus berada di OPD yang sama dengan versi sebelumnya."))
        if check_permission:
            P.require_view(user, previous)

    # Signature block and certificate: checked before a number is taken.
    signature = context.get("signature")
    if signature is None and signer_position is not None:
        on_behalf_of = context.get("on_behalf_of")
        if on_behalf_of is None and context.get("on_behalf_of_id"):
            on_behalf_of = Position.objects.get(pk=context["on_behalf_of_id"])
        signature = signature_block(signer_position, the_date, on_behalf_of=on_behalf_of)
    cert = None
    if sign:
        if signature is None:
            raise ValidationError(
                {"signer_position": _("Dokumen yang ditandatangani memerlukan jabatan penanda tangan.")}
            )
        signer = signature["employee"]
        if check_permission and not (P.is_admin(user) or getattr(user, "employee_id", None) == signer.pk):
            raise ValidationError(
                _("Hanya %(name)s (%(title)s) yang dapat menandatangani dokumen ini secara elektronik.")
                % {"name": signer.full_name, "title": signature["title"]}
            )
        cert = signing.certificate_for(signer)
        signing.check_certificate_usable(cert)

    # Number.
    record = None
    if number:
        number, record = _link_given_number(
            opd=opd, dtype=dtype, number=number, the_date=the_date, subject=subject, unit=unit, user=user
        )
        if record is not None and klas is None:
            klas = record.klasifikasi
    elif previous is not None and previous.number:
        number, record, klas = previous.number, previous.number_record, klas or previous.klasifikasi
    elif klas is not None:
        record = next_number(
            opd=opd,
            doc_type=dtype,
            date=the_date,
            klasifikasi=klas,
            unit=unit,
            subject=subject,
            recipient=str(context.get("recipient_line", ""))[:300],
            user=user,
        )
        number, klas = record.number, record.klasifikasi
    number = number or ""

    code = _unique_code()
    url = _verification_url(code)
    verification = {
        "code": code,
        "code_display": f"{code[:4]}-{code[4:]}",
        "url": url,
        "qr": signing.qr_data_uri(url),
        "signed": sign,
    }
    stamp_url = None
    appended = [d.file.open("rb").read() for d in lampiran_docs if d.content_type == "application/pdf"]
    for d in lampiran_docs:
        d.file.close()
    ctx = {
        **context,
        **kop_context(opd),
        "nomor": number,
        "signature": signature,
        "verification": verification,
        "lampiran_docs": lampiran_docs,
        "doc_type": dtype,
        "subject": subject,
        "date": the_date,
        "tanggal_text": tanggal(the_date),
    }
    ctx["kop"] = kop_context(opd)
    if docx_render is not None:
        docx_bytes = docx_render(ctx)
    if html_template:
        html = render_to_string(html_template, ctx)
        pdf = render_pdf_from_html(html)
        if appended:
            # "Halaman x dari y" counts the whole file: the lampiran pages appended after the document's own.
            ctx["pages_total"] = signing.page_count(pdf) + sum(signing.page_count(a) for a in appended)
            html = render_to_string(html_template, ctx)
            pdf = render_pdf_from_html(html)
        if sign and "data-sakip-verification" not in html:
            stamp_url = url
    else:
        pdf = pdf_bytes
        if sign:
            stamp_url = url
    writer = signing.prepare_pdf(pdf, code=code, stamp_url=stamp_url, append=appended)
    if sign:
        data = signing.sign_writer(
            writer,
            cert,
            reason=_("Ditandatangani secara elektronik: %(subject)s") % {"subject": subject[:120]},
            location=signature["place"],
        )
    else:
        data = signing.finish_unsigned(writer)

    rule = retention_for(klas)
    doc = ArchivedDocument(
        opd=opd,
        unit=unit,
        doc_type=dtype,
        klasifikasi=klas,
        number_record=record,
        number=number,
        subject=subject[:300],
        date=the_date,
        signer=signature["employee"] if signature else None,
        signer_position=signature["position"] if signature else None,
        signer_name=signature["name"] if signature else "",
        signer_title=" ".join(signature["title_lines"]).rstrip(",") if signature else "",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        signed=sign,
        signed_at=timezone.now() if sign else None,
        certificate=cert,
        verification_code=code,
        previous=previous,
        version=(previous.version + 1) if previous else 1,
        created_by=person(user),
        retention_active_until=_add_years(the_date, rule.active_years) if rule else None,
        retention_until=_add_years(the_date, rule.active_years + rule.inactive_years) if rule else None,
        retention_disposition=rule.disposition if rule else "",
    )
    if source is not None:
        doc.source_type = ContentType.objects.get_for_model(source)
        doc.source_id = str(source.pk)
    doc.file.save(_file_name(dtype, code, "pdf"), ContentFile(data), save=False)
    stored.append((doc.file.storage, doc.file.name))
    if docx_bytes:
        doc.docx_file.save(_file_name(dtype, code, "docx"), ContentFile(docx_bytes), save=False)
        stored.append((doc.docx_file.storage, doc.docx_file.name))
    try:
        with transaction.atomic():
            doc.save()
    except IntegrityError:
        raise ValidationError(_("Dokumen yang sama persis sudah ada di arsip.")) from None
    if lampiran_docs:
        doc.lampiran.set(lampiran_docs)
    return doc


# --- Background generation ------------------------------------------------------------------------
def _encode(value):
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, date_cls):
        return {"__date__": value.isoformat()}
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, bytes):
        return {"__bytes__": base64.b64encode(value).decode()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValidationError(
        _(
            "Konteks dokumen latar belakang hanya boleh berisi data sederhana (teks, angka, tanggal, "
            "daftar); ditemukan %(type)s."
        )
        % {"type": type(value).__name__}
    )


def _decode(value):
    if isinstance(value, dict):
        if set(value) == {"__date__"}:
            return date_cls.fromisoformat(value["__date__"])
        if set(value) == {"__decimal__"}:
            return Decimal(value["__decimal__"])
        if set(value) == {"__bytes__"}:
            return base64.b64decode(value["__bytes__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def issue_document_async(
    *,
    user,
    opd,
    doc_type: str,
    subject: str,
    date,
    html_template: str | None = None,
    context: dict | None = None,
    pdf_bytes: bytes | None = None,
    docx_bytes: bytes | None = None,
    klasifikasi: str | None = None,
    number: str | None = None,
    signer_position=None,
    sign: bool = False,
    unit=None,
    source=None,
    lampiran=(),
    previous=None,
    check_permission: bool = True,
) -> GenerationJob:
    """Enqueue `issue_document` as a django.tasks task; returns the GenerationJob to poll
    (`job.status`, `job.document` when done). The context must hold plain data (it is stored as JSON)."""
    require_actor(user)
    if check_permission:
        P.check(P.can_write_scope(user, opd.pk, unit))
    klas = resolve_klasifikasi(klasifikasi)
    params = {
        "doc_type": doc_type,
        "subject": subject,
        "date": date.isoformat(),
        "html_template": html_template,
        "context": _encode(context or {}),
        "pdf_bytes": _encode(pdf_bytes),
        "docx_bytes": _encode(docx_bytes),
        "klasifikasi": klas.pk if klas else None,
        "number": number,
        "signer_position": signer_position.pk if signer_position else None,
        "sign": sign,
        "unit": unit.pk if unit else None,
        "source": [ContentType.objects.get_for_model(source).pk, str(source.pk)] if source is not None else None,
        "lampiran": [d.pk if isinstance(d, ArchivedDocument) else int(d) for d in lampiran],
        "previous": previous.pk if previous else None,
        "check_permission": check_permission,
    }
    job = GenerationJob.objects.create(
        opd=opd,
        unit=unit,
        user=person(user),
        doc_type=doc_type,
        subject=subject[:300],
        params=params,
    )

    def enqueue():
        from .tasks import generate_document  # tasks.py runs this module's jobs: imported here, not above

        result = generate_document.enqueue(job.pk)
        GenerationJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


def run_job(job_id: int) -> GenerationJob:
    """Do the work of a GenerationJob (called by the task; safe to call directly)."""
    job = GenerationJob.objects.select_related("opd", "user").get(pk=job_id)
    if job.status == GenerationJob.Status.DONE:
        return job
    GenerationJob.objects.filter(pk=job.pk).update(status=GenerationJob.Status.RUNNING)
    p = job.params
    try:
        context = _decode(p.get("context") or {})
        docx_render = None
        if context.get("letter_id"):
            letter = Letter.objects.get(pk=context["letter_id"])
            context = {**letter_context(letter), "letter_id": letter.pk}

            def docx_render(c):
                return letter_docx(letter, c, c["nomor"])

        source = None
        if p.get("source"):
            ct = ContentType.objects.get_for_id(p["source"][0])
            source = ct.get_object_for_this_type(pk=p["source"][1])
        doc = issue_document(
            user=job.user or system_user(),
            opd=job.opd,
            doc_type=p["doc_type"],
            subject=p["subject"],
            date=date_cls.fromisoformat(p["date"]),
            html_template=p.get("html_template"),
            context=context,
            pdf_bytes=_decode(p.get("pdf_bytes")),
            docx_bytes=None if docx_render else _decode(p.get("docx_bytes")),
            docx_render=docx_render,
            klasifikasi=p.get("klasifikasi"),
            number=p.get("number"),
            signer_position=Position.objects.get(pk=p["signer_position"]) if p.get("signer_position") else None,
            sign=p.get("sign", False),
            unit=Unit.objects.get(pk=p["unit"]) if p.get("unit") else None,
            source=source,
            lampiran=p.get("lampiran") or (),
            previous=ArchivedDocument.objects.get(pk=p["previous"]) if p.get("previous") else None,
            check_permission=p.get("check_permission", True) and job.user is not None,
        )
    except Exception as exc:  # the job records the failure; the user sees it on the page
        message = (
            "; ".join(exc.messages)
            if isinstance(exc, ValidationError)
            else _("Kesalahan sistem saat membuat dokumen: %(err)s") % {"err": exc}
        )
        GenerationJob.objects.filter(pk=job.pk).update(status=GenerationJob.Status.FAILED, error=message)
    else:
        GenerationJob.objects.filter(pk=job.pk).update(status=GenerationJob.Status.DONE, document=doc, error="")
        job.refresh_from_db()
        attach_job_result(job)
    job.refresh_from_db()
    return job


# --- Verification -------------------------------------------------------------------------------
def verify_pdf(data: bytes, *, expected: ArchivedDocument | None = None) -> dict:
    """Is this file an original sakip document?

    Returns {"status": "asli" | "berubah" | "tidak_dikenal" | "bukan_pdf", "document", "message", "validation",
    "sha256"}.
    "asli": the SHA-256 equals an archived document's and its signature (if signed) validates.
    "berubah": the file carries a sakip verification code but its bytes differ (or the signature fails).
    """
    sha = hashlib.sha256(data).hexdigest()
    if not signing.is_pdf(data):
        return {
            "status": "bukan_pdf",
            "document": None,
            "sha256": sha,
            "validation": None,
            "message": _("Berkas yang diunggah bukan PDF."),
        }
    doc = ArchivedDocument.objects.select_related("opd", "doc_type", "signer").filter(sha256=sha).first()
    if doc is not None:
        validation = signing.validate_pdf(data) if doc.signed else None
        if validation is not None and not validation["valid"]:
            return {
                "status": "berubah",
                "document": doc,
                "sha256": sha,
                "validation": validation,
                "message": validation["message"],
            }
        if expected is not None and expected.pk != doc.pk:
            return {
                "status": "lain",
                "document": doc,
                "sha256": sha,
                "validation": validation,
                "message": _("Berkas asli, tetapi untuk dokumen lain (kode %(code)s).") % {"code": doc.code_display},
            }
        return {
            "status": "asli",
            "document": doc,
            "sha256": sha,
            "validation": validation,
            "message": _("Dokumen ASLI: sama persis dengan arsip sakip.")
            + (" " + validation["message"] if validation else ""),
        }
    code = signing.extract_code(data)
    claimed = (
        ArchivedDocument.objects.select_related("opd", "doc_type").filter(verification_code=code).first()
        if code
        else None
    )
    if claimed is not None or (code and expected is not None):
        return {
            "status": "berubah",
            "document": claimed or expected,
            "sha256": sha,
            "validation": signing.validate_pdf(data),
            "message": _(
                "Dokumen BERUBAH: berkas ini memuat kode verifikasi sakip %(code)s, tetapi isinya berbeda "
                "dari arsip aslinya."
            )
            % {"code": code},
        }
    return {
        "status": "tidak_dikenal",
        "document": None,
        "sha256": sha,
        "validation": None,
        "message": _("Dokumen TIDAK DIKENAL: sakip tidak memiliki dokumen dengan berkas ini."),
    }


# --- Letters ------------------------------------------------------------------------------------
def _current_position(employee, on):
    if employee is None:
        return None

    assignment = (
        Assignment.objects.active_on(on)
        .filter(employee=employee)
        .select_related("position")
        .order_by("kind_rank")
        .first()
    )
    return assignment.position if assignment else None


def required_paraf_positions(letter: Letter) -> list:
    """The drafter's position and the officials between it and the signer (paraf koordinasi)."""
    if letter.drafter_position is None or letter.drafter_position_id == letter.signer_position_id:
        return []
    positions = [letter.drafter_position]
    for sup in letter.drafter_position.superiors():
        if sup.pk == letter.signer_position_id or (letter.on_behalf_of_id and sup.pk == letter.on_behalf_of_id):
            break
        positions.append(sup)
    else:
        positions = [letter.drafter_position]
    return positions


def missing_parafs(letter: Letter) -> list:
    done = set(letter.parafs.values_list("position_id", flat=True))
    return [p for p in required_paraf_positions(letter) if p.pk not in done]


def _clean_letter(letter: Letter):
    if not letter.subject.strip():
        raise ValidationError({"subject": _("Perihal wajib diisi.")})
    if (
        letter.doc_type.numbered
        and "klasifikasi" in numbering.fields_of(letter.doc_type.number_format)
        and letter.klasifikasi_id is None
    ):
        raise ValidationError({"klasifikasi": _("Kode klasifikasi arsip wajib diisi.")})
    # The signer must exist on the letter's date (and a.n. must be a superior).
    signature_block(letter.signer_position, letter.date, on_behalf_of=letter.on_behalf_of)


@transaction.atomic
def save_letter(*, user, letter: Letter, lampiran=None) -> Letter:
    """Create or edit a draft letter (permission: write in the OPD/unit)."""
    require_actor(user)
    P.check(P.can_write_scope(user, letter.opd_id, letter.unit))
    if letter.pk:
        current = Letter.objects.select_for_update().get(pk=letter.pk)
        if current.state not in (Letter.State.DRAFT, Letter.State.NUMBERED):
            raise ValidationError(_("Surat yang sudah ditandatangani atau dibatalkan tidak dapat diubah."))
        if current.state == Letter.State.NUMBERED and (
            current.date != letter.date
            or current.klasifikasi_id != letter.klasifikasi_id
            or current.doc_type_id != letter.doc_type_id
        ):
            raise ValidationError(
                _(
                    "Surat sudah bernomor: tanggal, jenis dan klasifikasinya tidak dapat diubah. Batalkan "
                    "nomornya bila perlu."
                )
            )
    else:
        letter.created_by = person(user)
        if getattr(user, "employee_id", None):
            letter.drafter = user.employee
            letter.drafter_position = _current_position(user.employee, letter.date)
    _clean_letter(letter)
    letter.save()
    if lampiran is not None:
        for doc in lampiran:
            P.require_view(user, doc)
        letter.lampiran.set(lampiran)
    return letter


@transaction.atomic
def add_paraf(*, user, letter: Letter, note="") -> Paraf:
    require_actor(user)
    P.require_view(user, letter)
    if letter.state not in (Letter.State.DRAFT, Letter.State.NUMBERED):
        raise ValidationError(_("Paraf hanya pada surat yang belum ditandatangani."))
    if not getattr(user, "employee_id", None):
        raise ValidationError(_("Akun Anda tidak terhubung dengan data pegawai; paraf tidak dapat dicatat."))
    position = _current_position(user.employee, date_cls.today())
    required = {p.pk: p for p in required_paraf_positions(letter)}
    if position is None or position.pk not in required:
        raise ValidationError(_("Jabatan Anda tidak termasuk dalam paraf koordinasi surat ini."))
    if letter.parafs.filter(position=position).exists():
        raise ValidationError(_("Paraf Anda sudah tercatat."))
    return Paraf.objects.create(letter=letter, position=position, employee=user.employee, user=user, note=note[:300])


@transaction.atomic
def number_letter(*, user, letter: Letter) -> Letter:
    require_actor(user)
    letter = Letter.objects.select_for_update(of=("self",)).select_related("doc_type", "opd").get(pk=letter.pk)
    P.require_view(user, letter)
    P.check(P.can_write_scope(user, letter.opd_id, letter.unit))
    if letter.state != Letter.State.DRAFT:
        raise ValidationError(_("Hanya konsep surat yang dapat diberi nomor."))
    if not letter.doc_type.numbered:
        raise ValidationError(_("%(type)s tidak diberi nomor surat keluar.") % {"type": letter.doc_type.name})
    _clean_letter(letter)
    letter.number_record = next_number(
        opd=letter.opd,
        doc_type=letter.doc_type,
        date=letter.date,
        klasifikasi=letter.klasifikasi,
        unit=letter.unit,
        subject=letter.subject,
        recipient=letter.recipient.splitlines()[0] if letter.recipient else "",
        user=user,
    )
    letter.mark_numbered()
    letter.save()
    return letter


def letter_template(letter: Letter) -> str:
    return f"documents/print/{letter.doc_type.code}.html"


def letter_context(letter: Letter, signature=None) -> dict:
    signature = signature or signature_block(letter.signer_position, letter.date, on_behalf_of=letter.on_behalf_of)
    paragraphs = [p.strip() for p in (letter.body or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    details = dict(letter.details or {})
    for key in ("hari_tanggal", "tanggal_surat", "diterima_tanggal"):
        value = details.get(key)
        if value:
            try:
                day = date_cls.fromisoformat(str(value))
            except ValueError:
                details[f"{key}_text"] = value
            else:
                details[f"{key}_text"] = hari_tanggal(day) if key == "hari_tanggal" else tanggal(day)
    return {
        "letter": letter,
        "paragraphs": paragraphs,
        "items": letter.items or [],
        "details": details,
        "recipients": [r.strip() for r in (letter.recipient or "").splitlines() if r.strip()],
        "recipient_line": (letter.recipient or "").splitlines()[0] if letter.recipient else "",
        "tembusan": [t.strip() for t in (letter.tembusan or "").splitlines() if t.strip()],
        "closing": letter.closing,
        "signature": signature,
        "parafs": list(letter.parafs.select_related("position", "employee")) if letter.pk else [],
    }


def letter_pdf_preview(letter: Letter, *, archive_copy: bool = False) -> bytes:
    """An unsigned draft of the letter (watermarked "KONSEP"), nothing archived. `archive_copy` (a signed letter):
    the pertinggal kept by the OPD, the only copy that shows the paraf koordinasi (Permendagri 1/2023; the issued,
    signed copy that is sent and verified leaves them out, docs/documents.md "Who signs")."""
    archive_copy = archive_copy and letter.state == Letter.State.SIGNED
    signature = signature_block(letter.signer_position, letter.date, on_behalf_of=letter.on_behalf_of)
    ctx = letter_context(letter, signature if archive_copy else None)
    ctx.update(kop_context(letter.opd))
    ctx.update(
        {
            "nomor": letter.number,
            "verification": None,
            "lampiran_docs": list(letter.lampiran.all()),
            "draft": not archive_copy,
            "archive_copy": archive_copy,
            "subject": letter.subject,
            "date": letter.date,
            "doc_type": letter.doc_type,
        }
    )
    return render_pdf_from_html(render_to_string(letter_template(letter), ctx))


@transaction.atomic
def sign_letter(*, user, letter: Letter, background=False):
    """Number (if needed), render, sign and archive a letter. Returns the ArchivedDocument, or the
    GenerationJob when `background`."""
    require_actor(user)
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("doc_type", "opd", "signer_position", "klasifikasi")
        .get(pk=letter.pk)
    )
    P.require_view(user, letter)
    if letter.state not in (Letter.State.DRAFT, Letter.State.NUMBERED):
        raise ValidationError(_("Surat ini sudah ditandatangani atau dibatalkan."))
    _clean_letter(letter)
    missing = missing_parafs(letter)
    if missing:
        raise ValidationError(
            _("Paraf koordinasi belum lengkap: %(list)s.") % {"list": ", ".join(p.display_short for p in missing)}
        )
    signature = signature_block(letter.signer_position, letter.date, on_behalf_of=letter.on_behalf_of)
    if not (P.is_admin(user) or getattr(user, "employee_id", None) == signature["employee"].pk):
        raise ValidationError(
            _("Hanya %(name)s (%(title)s) yang dapat menandatangani surat ini.")
            % {"name": signature["name"], "title": signature["title"]}
        )
    if letter.doc_type.numbered and letter.number_record_id is None:
        letter.number_record = next_number(
            opd=letter.opd,
            doc_type=letter.doc_type,
            date=letter.date,
            klasifikasi=letter.klasifikasi,
            unit=letter.unit,
            subject=letter.subject,
            recipient=letter.recipient.splitlines()[0] if letter.recipient else "",
            user=user,
        )
    ctx = letter_context(letter, signature)
    ctx["parafs"] = []  # paraf koordinasi only on the pertinggal (letter_pdf_preview(archive_copy=True)), not sent
    number = letter.number_record.number if letter.number_record_id else None
    lampiran = list(letter.lampiran.all())
    common = {
        "user": user,
        "opd": letter.opd,
        "doc_type": letter.doc_type.code,
        "subject": letter.subject,
        "date": letter.date,
        "html_template": letter_template(letter),
        "number": number,
        "signer_position": letter.signer_position,
        "sign": True,
        "unit": letter.unit,
        "source": letter,
        "lampiran": lampiran,
        "klasifikasi": letter.klasifikasi,
    }
    if background:
        plain = {k: v for k, v in ctx.items() if k not in ("letter", "signature", "parafs")}
        plain["letter_id"] = letter.pk
        job = issue_document_async(**{**common, "context": plain})  # run_job writes the DOCX
        if letter.state == Letter.State.DRAFT and letter.number_record_id:
            letter.mark_numbered()
        letter.save()
        return job
    doc = issue_document(**{**common, "context": ctx, "docx_render": lambda c: letter_docx(letter, c, c["nomor"])})
    letter.document = doc
    letter.mark_signed()
    letter.save()
    return doc


def attach_job_result(job: GenerationJob):
    """After a background job for a letter finished: mark the letter signed."""
    letter_id = (job.params.get("context") or {}).get("letter_id")
    if job.document_id and letter_id:
        letter = Letter.objects.filter(pk=letter_id).first()
        if letter and letter.state in (Letter.State.DRAFT, Letter.State.NUMBERED):
            letter.document = job.document
            letter.mark_signed()
            letter.save()


@transaction.atomic
def cancel_letter(*, user, letter: Letter, reason: str) -> Letter:
    require_actor(user)
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    P.require_view(user, letter)
    P.check(P.can_write_scope(user, letter.opd_id, letter.unit))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan pembatalan wajib diisi.")})
    if letter.number_record_id and letter.number_record.status != NumberRecord.Status.CANCELLED:
        cancel_number(user=user, record=letter.number_record, reason=reason, check_permission=False)
        letter.refresh_from_db()
    if letter.state != Letter.State.CANCELLED:
        letter.mark_cancelled()
        letter.save()
    return letter


# --- Certificates -------------------------------------------------------------------------------
@transaction.atomic
def save_pkcs12(*, user, employee, p12_bytes: bytes, passphrase: str = "", passphrase_env: str = ""):
    """Configure a real PKCS#12 for a signer: stored in the signing folder (outside media)."""
    require_actor(user)
    P.check(P.can_manage_org(user, employee))
    secret = os.environ.get(passphrase_env, "") if passphrase_env else passphrase
    info = signing.certificate_info(p12_bytes, secret.encode())
    folder = signing.signing_dir() / "uploaded"
    folder.mkdir(exist_ok=True)
    path = folder / f"{employee.pk}-{_secrets.token_hex(6)}.p12"
    path.write_bytes(p12_bytes)
    path.chmod(0o600)
    SigningCertificate.objects.filter(employee=employee, active=True).update(active=False)
    return SigningCertificate.objects.create(
        employee=employee,
        source=SigningCertificate.Source.PKCS12,
        p12_path=str(path),
        passphrase="" if passphrase_env else passphrase,
        passphrase_env=passphrase_env,
        **info,
    )
