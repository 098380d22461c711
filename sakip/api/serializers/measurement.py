from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.measurement.models import BudgetRealisasi, Evidence, Period, Realisasi, UnitSubmission

from ..fields import BoundedDecimalField, NumberOrTextField, StrictMixin


class PeriodSerializer(serializers.ModelSerializer):
    opd_akronim = serializers.CharField(source="opd.akronim", read_only=True)
    triwulan_label = serializers.CharField(source="tw_label", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    dpk_document = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Period
        fields = [
            "id",
            "opd",
            "opd_akronim",
            "year",
            "triwulan",
            "triwulan_label",
            "status",
            "status_label",
            "sop_label",
            "start_date",
            "started_at",
            "entry_opened_at",
            "finished_at",
            "dpk_document",
        ]
        read_only_fields = fields


class SubmissionSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    rows_total = serializers.IntegerField(source="n_rows", read_only=True)
    rows_filled = serializers.IntegerField(source="n_filled", read_only=True)

    class Meta:
        model = UnitSubmission
        fields = [
            "id",
            "period",
            "unit",
            "unit_name",
            "state",
            "state_label",
            "version",
            "distributed_at",
            "submitted_at",
            "validated_at",
            "returned_at",
            "return_reason",
            "approved_at",
            "locked_at",
            "rows_total",
            "rows_filled",
        ]
        read_only_fields = fields


class EvidenceSerializer(serializers.ModelSerializer):
    """Evidence metadata (the file itself is downloaded from the page, with its own permission check)."""

    uploaded_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "original_name", "kind", "content_type", "size", "sha256", "description", "uploaded_at"]
        read_only_fields = fields


class CapaianSerializer(serializers.Serializer):
    """The capaian of a row for its period, computed by the engine (never stored)."""

    percent = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    category = serializers.CharField(allow_null=True)
    status = serializers.CharField(help_text="ok | belum_ada_realisasi | tidak_dapat_dihitung | error")
    explanation = serializers.CharField(help_text="How the capaian was computed (Indonesian, as on the page).")
    cumulative = serializers.CharField(allow_null=True, help_text="Realisasi s.d. the period (engine's aggregate).")
    target_period = serializers.CharField(allow_null=True, help_text="The target compared for the period.")
    values = serializers.ListField(
        child=serializers.CharField(allow_null=True), help_text="Realisasi per triwulan 1..n (or [annual])."
    )


def capaian_dict(figure) -> dict | None:
    if figure is None:
        return None

    def text(v):
        return None if v in (None, "") else str(v)

    return {
        "percent": figure.percent,
        "category": figure.category,
        "status": figure.status,
        "explanation": figure.explanation,
        "cumulative": text(figure.cumulative),
        "target_period": text(figure.target_period),
        "values": [text(v) for v in figure.values],
    }


class RealisasiSerializer(serializers.ModelSerializer):
    period = serializers.IntegerField(source="submission.period_id", read_only=True)
    unit = serializers.IntegerField(source="submission.unit_id", read_only=True)
    sasaran = serializers.CharField(source="node_statement", read_only=True)
    target = serializers.DecimalField(
        source="target_year", max_digits=18, decimal_places=4, read_only=True, allow_null=True
    )
    target_quarters = serializers.ListField(
        source="quarters",
        child=serializers.CharField(allow_null=True),
        read_only=True,
        help_text="The TW I–IV targets as decimal strings (null where a quarter has none; [] without quarters).",
    )
    target_quarters_max = serializers.ListField(
        source="quarters_max",
        child=serializers.CharField(allow_null=True),
        read_only=True,
        help_text="The TW I–IV upper bounds of a range target (docs/capaian.md §3); [] when the year has none.",
    )
    allow_negative = serializers.BooleanField(
        read_only=True, help_text="The indicator's values may be negative (growth rates, docs/capaian.md §1)."
    )
    whole_number = serializers.BooleanField(
        read_only=True, help_text="The value is a whole number (the indicator's satuan counts things, docs/capaian.md)."
    )
    value = serializers.SerializerMethodField()
    updated_by_name = serializers.SerializerMethodField()
    capaian = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Realisasi
        fields = [
            "id",
            "submission",
            "period",
            "unit",
            "indicator",
            "code",
            "name",
            "sasaran",
            "level",
            "satuan",
            "polarity",
            "aggregation",
            "target",
            "target_max",
            "target_text",
            "target_quarters",
            "target_quarters_max",
            "allow_negative",
            "whole_number",
            "in_pk",
            "value",
            "faktor_pendukung",
            "faktor_penghambat",
            "kendala",
            "tindak_lanjut",
            "revision",
            "updated_at",
            "updated_by_name",
            "capaian",
            "evidence",
        ]
        read_only_fields = fields

    @extend_schema_field({"oneOf": [{"type": "string"}], "nullable": True, "example": "87.5000"})
    def get_value(self, obj):
        if obj.value_text:
            return obj.value_text
        return None if obj.value is None else str(obj.value)

    def get_updated_by_name(self, obj) -> str:
        return obj.updated_by.display_name if obj.updated_by_id else ""

    @extend_schema_field(CapaianSerializer(allow_null=True))
    def get_capaian(self, obj):
        data = capaian_dict(self.context.get("figures", {}).get(obj.pk))
        return None if data is None else CapaianSerializer(data).data

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, obj):
        items = getattr(obj, "active_evidence", None)
        if items is None:
            items = [e for e in obj.evidence.all() if e.active]
        return EvidenceSerializer(items, many=True).data


class RealisasiEntrySerializer(StrictMixin, serializers.Serializer):
    """What a unit enters for one indicator row (PATCH). `revision` is the one you read: when someone
    saved the row meanwhile the API answers 409 and stores nothing."""

    revision = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    value = NumberOrTextField(required=False)
    faktor_pendukung = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    faktor_penghambat = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    kendala = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    tindak_lanjut = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class ReasonSerializer(StrictMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


class BudgetRealisasiSerializer(serializers.ModelSerializer):
    """Realisasi anggaran of a program/kegiatan/sub kegiatan in a unit form (Rp, for the period)."""

    period = serializers.IntegerField(source="submission.period_id", read_only=True)

    class Meta:
        model = BudgetRealisasi
        fields = ["id", "submission", "period", "item", "code", "label", "kinerja", "pagu", "realisasi", "revision"]
        read_only_fields = fields


class BudgetEntrySerializer(StrictMixin, serializers.Serializer):
    revision = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    realisasi = BoundedDecimalField(max_digits=18, decimal_places=2, min_value=0, allow_null=True)
