"""Reads of the documents app, scoped to the user (constant queries per page)."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from sakip.core.permissions import scope_queryset

from .models import ArchivedDocument, GenerationJob, Letter, NumberRecord, SigningCertificate
from .signing import normalize_code


def archive_for(user):
    newer = ArchivedDocument.objects.filter(previous=OuterRef("pk"))
    qs = ArchivedDocument.objects.select_related("opd", "unit", "doc_type", "klasifikasi", "signer").annotate(
        superseded=Exists(newer)
    )
    return scope_queryset(qs, user)


def documents_for_source(source):
    """Archived documents whose `source` is this model instance, newest first."""
    ct = ContentType.objects.get_for_model(source)
    return (
        ArchivedDocument.objects.filter(source_type=ct, source_id=str(source.pk))
        .select_related("doc_type", "signer")
        .order_by("-created_at", "-pk")
    )


def agenda_for(user):
    qs = NumberRecord.objects.select_related("opd", "doc_type", "klasifikasi", "unit", "issued_by", "cancelled_by")
    return scope_queryset(qs, user)


def letters_for(user):
    qs = Letter.objects.select_related(
        "opd", "doc_type", "klasifikasi", "number_record", "signer_position", "document", "drafter"
    )
    return scope_queryset(qs, user)


def retention_due(user, on=None):
    """Documents whose retention period (active or whole) has ended on `on`."""
    on = on or date.today()
    return (
        archive_for(user)
        .filter(Q(retention_until__lte=on) | Q(retention_active_until__lte=on))
        .order_by("retention_until", "retention_active_until")
    )


def jobs_for(user):
    return scope_queryset(GenerationJob.objects.select_related("document", "opd"), user)


def certificates_for(user):
    return scope_queryset(
        SigningCertificate.objects.select_related("employee", "employee__opd"), user, opd_field="employee__opd"
    )


def document_by_code(code: str):
    """The archived document of a verification code (public: the code is printed on the document)."""
    return (
        ArchivedDocument.objects.select_related("opd", "opd__pemda", "doc_type", "signer")
        .filter(verification_code=normalize_code(code))
        .first()
    )
