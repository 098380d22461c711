from rest_framework import serializers

from sakip.organization import selectors
from sakip.organization.models import OPD, Assignment, Employee, Golongan, Pemda, Position, Unit

from ..fields import ScopedPrimaryKeyRelatedField, StrictMixin


class OpdSerializer(serializers.ModelSerializer):
    pemda_name = serializers.CharField(source="pemda.short_name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    postal_code = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)

    class Meta:
        model = OPD
        fields = [
            "id",
            "pemda",
            "pemda_name",
            "name",
            "akronim",
            "kind",
            "kind_label",
            "address",
            "city",
            "postal_code",
            "phone",
            "fax",
            "email",
            "website",
        ]
        read_only_fields = fields


class UnitSerializer(StrictMixin, serializers.ModelSerializer):
    opd = ScopedPrimaryKeyRelatedField(selector=selectors.opds_for, queryset=OPD.objects.all())
    parent = ScopedPrimaryKeyRelatedField(
        selector=selectors.units_for, queryset=Unit.objects.all(), required=False, allow_null=True
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "opd", "parent", "name", "short_name", "kind", "kind_label", "order"]


class PositionSerializer(StrictMixin, serializers.ModelSerializer):
    opd = ScopedPrimaryKeyRelatedField(
        selector=selectors.opds_for,
        queryset=OPD.objects.all(),
        allow_null=True,
        help_text="Null: Pemda level (Administrator only).",
    )
    unit = ScopedPrimaryKeyRelatedField(
        selector=selectors.units_for, queryset=Unit.objects.all(), required=False, allow_null=True
    )
    superior = ScopedPrimaryKeyRelatedField(
        selector=selectors.positions_for, queryset=Position.objects.all(), required=False, allow_null=True
    )
    pemda = serializers.PrimaryKeyRelatedField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "pemda",
            "opd",
            "unit",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "eselon",
            "superior",
            "is_opd_head",
            "order",
        ]


class EmployeeSerializer(StrictMixin, serializers.ModelSerializer):
    opd = ScopedPrimaryKeyRelatedField(
        selector=selectors.opds_for,
        queryset=OPD.objects.all(),
        allow_null=True,
        help_text="Null: Pemda level (Administrator only).",
    )
    golongan = serializers.PrimaryKeyRelatedField(queryset=Golongan.objects.all(), required=False, allow_null=True)
    golongan_label = serializers.SerializerMethodField()
    nip = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=30)
    nip_display = serializers.CharField(read_only=True)
    email = serializers.CharField(
        required=False, allow_blank=True, max_length=254, help_text="Checked as an e-mail address."
    )
    full_name = serializers.CharField(read_only=True)
    pemda = serializers.PrimaryKeyRelatedField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "pemda",
            "opd",
            "gelar_depan",
            "name",
            "gelar_belakang",
            "full_name",
            "kind",
            "kind_label",
            "nip",
            "nip_display",
            "golongan",
            "golongan_label",
            "email",
            "phone",
            "active",
        ]

    def get_golongan_label(self, obj) -> str:
        return str(obj.golongan) if obj.golongan_id else ""

    def validate_nip(self, value):
        return (value or "").strip() or None


class AssignmentSerializer(StrictMixin, serializers.ModelSerializer):
    employee = ScopedPrimaryKeyRelatedField(selector=selectors.employees_for, queryset=Employee.objects.all())
    position = ScopedPrimaryKeyRelatedField(selector=selectors.positions_for, queryset=Position.objects.all())
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    position_name = serializers.CharField(source="position.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "employee",
            "employee_name",
            "position",
            "position_name",
            "kind",
            "kind_label",
            "start_date",
            "end_date",
            "decree",
        ]


class PemdaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pemda
        fields = ["id", "kind", "name", "capital"]
        read_only_fields = fields
