"""The event feed: what happened, newest first, scoped to the OPDs the user reads (docs/api.md "Events and
webhooks"). Poll with ?created_at__gt=<the newest created_at you have>."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from sakip.core.permissions import scope_queryset

from ..base import ScopedReadViewSet
from ..models import Event
from ..serializers.events import EventSerializer

TAG = ["events"]


def events_for(user):
    return scope_queryset(Event.objects.select_related("opd"), user)


@extend_schema_view(list=extend_schema(tags=TAG), retrieve=extend_schema(tags=TAG))
class EventViewSet(ScopedReadViewSet):
    """Events: document issued, measurement period locked, LKjIP signed, recommendation closed."""

    selector = events_for
    serializer_class = EventSerializer
    filterset_fields = {"name": ["exact"], "opd": ["exact"], "created_at": ["gt", "gte"], "object_type": ["exact"]}
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]
