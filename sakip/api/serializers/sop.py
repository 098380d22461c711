from rest_framework import serializers

from sakip.sop.models import Sop, SopVersion, Step


class SopSerializer(serializers.ModelSerializer):
    """An SOP AP of the register (its versions are listed separately)."""

    number = serializers.CharField(read_only=True)
    title = serializers.CharField(source="judul", read_only=True)

    class Meta:
        model = Sop
        fields = ["id", "opd", "unit", "number", "title", "created_at", "updated_at"]
        read_only_fields = fields


class SopVersionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="sop.number", read_only=True)
    version = serializers.IntegerField(read_only=True)
    title = serializers.CharField(source="judul", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    opd = serializers.IntegerField(source="sop.opd_id", read_only=True)
    approved_by_position = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    approved_on = serializers.DateField(read_only=True, allow_null=True)
    effective_date = serializers.DateField(source="effective_on", read_only=True, allow_null=True)
    valid_from = serializers.DateField(read_only=True, allow_null=True)
    valid_until = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = SopVersion
        fields = [
            "id",
            "sop",
            "opd",
            "number",
            "version",
            "title",
            "status",
            "status_label",
            "jenis",
            "effective_date",
            "valid_from",
            "valid_until",
            "approved_by_position",
            "approved_on",
        ]
        read_only_fields = fields


class StepSerializer(serializers.ModelSerializer):
    description = serializers.CharField(source="uraian", read_only=True)
    yes_to = serializers.IntegerField(source="ya_ke", read_only=True, allow_null=True)
    no_to = serializers.IntegerField(source="tidak_ke", read_only=True, allow_null=True)
    duration = serializers.DecimalField(
        source="waktu", max_digits=10, decimal_places=2, read_only=True, allow_null=True
    )
    duration_unit = serializers.CharField(source="waktu_satuan", read_only=True)
    note = serializers.CharField(source="keterangan", read_only=True)
    lanes = serializers.SerializerMethodField()

    class Meta:
        model = Step
        fields = [
            "number",
            "description",
            "kind",
            "yes_to",
            "no_to",
            "kelengkapan",
            "duration",
            "duration_unit",
            "output",
            "note",
            "utama",
            "lanes",
        ]
        read_only_fields = fields

    def get_lanes(self, obj) -> list[str]:
        return [lane.label for lane in obj.lanes.all()]


class SopVersionDetailSerializer(SopVersionSerializer):
    steps = StepSerializer(many=True, read_only=True)

    class Meta(SopVersionSerializer.Meta):
        fields = [*SopVersionSerializer.Meta.fields, "steps"]
        read_only_fields = fields


class LintFindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.CharField()
    where = serializers.CharField()
    message = serializers.CharField()
    fix = serializers.CharField(allow_blank=True)
    step = serializers.IntegerField(allow_null=True)
    field = serializers.CharField(allow_blank=True)
