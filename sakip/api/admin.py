"""Webhooks are an installation setting: administrators manage them in /admin/ (docs/api.md)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Event, WebhookDelivery, WebhookEndpoint
from .webhooks import _enqueue


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "opd", "active", "created_at"]
    list_filter = ["active"]
    readonly_fields = ["secret", "created_at", "updated_at"]
    fields = ["name", "url", "events", "opd", "active", "secret", "created_at", "updated_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "endpoint", "status", "attempts", "last_status_code", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "endpoint"]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Kirim ulang sekarang"))
    def retry_now(self, request, queryset):
        for delivery in queryset:
            delivery.status, delivery.attempts, delivery.next_attempt_at = WebhookDelivery.Status.PENDING, 0, None
            delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
            _enqueue(delivery)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "opd", "object_type", "object_id", "created_at"]
    list_filter = ["name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
