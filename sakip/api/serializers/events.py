from rest_framework import serializers

from ..models import Event


class EventSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uid", read_only=True)
    event = serializers.CharField(source="name", read_only=True)
    event_label = serializers.CharField(source="get_name_display", read_only=True)
    opd_name = serializers.CharField(source="opd.name", read_only=True, default="")

    class Meta:
        model = Event
        fields = ["id", "event", "event_label", "opd", "opd_name", "object_type", "object_id", "data", "created_at"]
        read_only_fields = fields
