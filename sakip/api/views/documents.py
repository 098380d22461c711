"""Documents: the agenda (numbers), the archive, and verification of a printed code."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from sakip.documents import selectors

from ..base import LanguageMixin, ScopedReadViewSet
from ..serializers import documents as S

TAG = ["documents"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class AgendaViewSet(ScopedReadViewSet):
    """Buku agenda: every number given (issued or cancelled)."""

    selector = selectors.agenda_for
    serializer_class = S.AgendaSerializer
    filterset_fields = ["opd", "year", "status", "doc_type__code", "unit"]
    search_fields = ["number", "subject"]
    ordering_fields = ["date", "urut", "id"]
    ordering = ["-date", "-id"]


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class ArchiveViewSet(ScopedReadViewSet):
    """Archived documents (arsip): number, signer, hash, signature and retention."""

    selector = selectors.archive_for
    serializer_class = S.ArchivedDocumentSerializer
    filterset_fields = ["opd", "doc_type__code", "signed", "unit"]
    search_fields = ["number", "subject"]
    ordering_fields = ["date", "created_at", "id"]
    ordering = ["-created_at", "-id"]


class VerifyView(LanguageMixin, APIView):
    """Verification of a document's code as printed under its QR code (the same answer as the public page)."""

    @extend_schema(tags=TAG, responses=S.VerificationSerializer, summary="Verify a document code")
    def get(self, request, code):
        if len(code) > 64:
            raise NotFound(_("Kode verifikasi tidak dikenal."))
        document = selectors.document_by_code(code)
        if document is None:
            raise NotFound(_("Kode verifikasi tidak dikenal."))
        data = {
            "valid": True,
            "code": document.verification_code,
            "number": document.number,
            "subject": document.subject,
            "date": document.date,
            "opd": document.opd.name if document.opd_id else "",
            "doc_type": document.doc_type.name if document.doc_type_id else "",
            "signer_name": document.signer_name,
            "signer_title": document.signer_title,
            "signed": document.signed,
            "signed_at": document.signed_at,
            "sha256": document.sha256,
            "version": document.version,
            "newer_version_exists": document.next_versions.exists(),
        }
        return Response(S.VerificationSerializer(data).data)
