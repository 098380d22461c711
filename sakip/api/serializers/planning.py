from rest_framework import serializers

from sakip.planning.models import (
    Crosscutting,
    Indicator,
    Kinerja,
    PerjanjianKinerja,
    PkBudget,
    PkItem,
    Renstra,
    Target,
)


class RenstraSerializer(serializers.ModelSerializer):
    opd_akronim = serializers.CharField(source="opd.akronim", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Renstra
        fields = [
            "id",
            "opd",
            "opd_akronim",
            "rpjmd",
            "name",
            "start_year",
            "end_year",
            "status",
            "status_label",
            "adopted_on",
            "decree",
        ]
        read_only_fields = fields


class KinerjaSerializer(serializers.ModelSerializer):
    """A node of the pohon kinerja: tujuan (0), sasaran strategis (1), sasaran program (2),
    sasaran kegiatan (3), rencana hasil kerja/IKI (4)."""

    level_label = serializers.CharField(source="get_level_display", read_only=True)
    position_name = serializers.CharField(source="position.name", read_only=True)

    class Meta:
        model = Kinerja
        fields = [
            "id",
            "renstra",
            "opd",
            "parent",
            "parent_indicator",
            "level",
            "level_label",
            "code",
            "statement",
            "year",
            "position",
            "position_name",
            "unit",
            "rpjmd_goal",
            "order",
        ]
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = [
            "year",
            "value",
            "value_max",
            "value_text",
            "q1",
            "q2",
            "q3",
            "q4",
            "q1_max",
            "q2_max",
            "q3_max",
            "q4_max",
        ]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer):
    kinerja = serializers.PrimaryKeyRelatedField(source="node", read_only=True)
    kinerja_statement = serializers.CharField(source="node.statement", read_only=True)
    renstra = serializers.IntegerField(source="node.renstra_id", read_only=True)
    polarity_label = serializers.CharField(source="get_polarity_display", read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    whole_number = serializers.BooleanField(
        source="is_whole_number", read_only=True, help_text="Targets and realisasi are whole numbers (docs/capaian.md)."
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "opd",
            "renstra",
            "kinerja",
            "kinerja_statement",
            "code",
            "name",
            "satuan",
            "definition",
            "formula",
            "data_source",
            "pj_unit",
            "pj_position",
            "polarity",
            "polarity_label",
            "aggregation",
            "cumulative_targets",
            "allow_negative",
            "whole_number",
            "baseline",
            "baseline_year",
            "precision",
            "is_iku",
            "iku_pemda",
            "targets",
        ]
        read_only_fields = fields


class CascadeIndicatorSerializer(serializers.ModelSerializer):
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "satuan", "polarity", "is_iku", "targets"]
        read_only_fields = fields


class CascadeNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    level = serializers.IntegerField()
    level_label = serializers.CharField()
    code = serializers.CharField()
    statement = serializers.CharField()
    position = serializers.IntegerField()
    unit = serializers.IntegerField(allow_null=True)
    parent = serializers.IntegerField(allow_null=True)
    parent_indicator = serializers.IntegerField(allow_null=True, help_text="The superior's indicator it supports.")
    indicators = CascadeIndicatorSerializer(many=True)
    children = serializers.ListField(child=serializers.DictField(), help_text="Nodes below (same shape).")


class CascadeSerializer(serializers.Serializer):
    renstra = serializers.IntegerField()
    year = serializers.IntegerField()
    roots = CascadeNodeSerializer(many=True)


class CrosscuttingSerializer(serializers.ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Crosscutting
        fields = [
            "id",
            "indicator",
            "indicator_name",
            "opd",
            "unit",
            "unit_name",
            "contributor_opd",
            "role",
            "role_label",
            "description",
        ]
        read_only_fields = fields


class PkItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PkItem
        fields = ["indicator", "sasaran", "indicator_name", "target", "satuan", "order"]
        read_only_fields = fields


class PkBudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = PkBudget
        fields = ["item", "label", "amount", "order"]
        read_only_fields = fields


class PerjanjianKinerjaSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    items = PkItemSerializer(many=True, read_only=True)
    budget = PkBudgetSerializer(source="budget_lines", many=True, read_only=True)
    first_party = serializers.CharField(source="first_employee.full_name", read_only=True)
    second_party = serializers.CharField(source="second_employee.full_name", read_only=True)

    class Meta:
        model = PerjanjianKinerja
        fields = [
            "id",
            "opd",
            "position",
            "year",
            "version",
            "supersedes",
            "change_reason",
            "status",
            "status_label",
            "first_employee",
            "first_party",
            "first_title",
            "second_position",
            "second_employee",
            "second_party",
            "second_title",
            "place",
            "sign_date",
            "items",
            "budget",
        ]
        read_only_fields = fields
