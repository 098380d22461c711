from rest_framework import serializers

from sakip.documents.models import ArchivedDocument, NumberRecord


class AgendaSerializer(serializers.ModelSerializer):
    """A number of the agenda (buku agenda): issued or cancelled."""

    doc_type = serializers.CharField(source="doc_type.code", read_only=True)
    klasifikasi = serializers.CharField(source="klasifikasi.code", read_only=True, allow_null=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = NumberRecord
        fields = [
            "id",
            "opd",
            "unit",
            "year",
            "urut",
            "number",
            "doc_type",
            "klasifikasi",
            "date",
            "subject",
            "recipient",
            "status",
            "status_label",
            "cancel_reason",
        ]
        read_only_fields = fields


class ArchivedDocumentSerializer(serializers.ModelSerializer):
    """An archived (immutable, hashed) document; the file is downloaded from the page."""

    doc_type = serializers.CharField(source="doc_type.code", read_only=True)
    doc_type_name = serializers.CharField(source="doc_type.name", read_only=True)
    klasifikasi = serializers.CharField(source="klasifikasi.code", read_only=True, allow_null=True)
    superseded = serializers.BooleanField(read_only=True)

    class Meta:
        model = ArchivedDocument
        fields = [
            "id",
            "opd",
            "unit",
            "doc_type",
            "doc_type_name",
            "klasifikasi",
            "number",
            "subject",
            "date",
            "signer_name",
            "signer_title",
            "content_type",
            "size",
            "sha256",
            "signed",
            "signed_at",
            "verification_code",
            "version",
            "previous",
            "superseded",
            "retention_active_until",
            "retention_until",
            "retention_disposition",
            "created_at",
        ]
        read_only_fields = fields


class VerificationSerializer(serializers.Serializer):
    """What the public verification page shows for a code."""

    valid = serializers.BooleanField()
    code = serializers.CharField()
    number = serializers.CharField()
    subject = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    opd = serializers.CharField()
    doc_type = serializers.CharField()
    signer_name = serializers.CharField()
    signer_title = serializers.CharField()
    signed = serializers.BooleanField()
    signed_at = serializers.DateTimeField(allow_null=True)
    sha256 = serializers.CharField()
    version = serializers.IntegerField()
    newer_version_exists = serializers.BooleanField()
