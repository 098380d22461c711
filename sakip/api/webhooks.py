"""Events and webhooks (docs/api.md "Events and webhooks").

When a document is issued, a measurement period locked, an LKjIP signed or a recommendation closed, an Event row
is written after the change commits (never for a change that rolled back). Every active WebhookEndpoint that asks
for it gets a WebhookDelivery, which the task worker POSTs as JSON, signed with the endpoint's secret:

    X-Sakip-Event: document.issued
    X-Sakip-Delivery: <event uid>
    X-Sakip-Timestamp: <unix seconds>
    X-Sakip-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>

A 2xx answer delivers it; anything else (or no answer in 10 s) is retried after 1 min, 5 min, 30 min, 2 h and
12 h, then marked failed. The same events are readable as a feed at /api/v1/events/."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.tasks import task
from django.utils import timezone
from django_fsm.signals import post_transition

from sakip.documents.models import ArchivedDocument
from sakip.evaluation.models import Recommendation
from sakip.measurement.models import UnitSubmission
from sakip.reporting.models import Lkjip

from .models import Event, WebhookDelivery, WebhookEndpoint

RETRY_DELAYS = [60, 300, 1800, 7200, 43200]  # seconds after attempts 1..5; the 6th failure is final
TIMEOUT = 10
USER_AGENT = "sakip-webhooks/1"


def record(name: str, *, opd_id, obj_type: str, obj_id: int, data: dict, once: bool = False) -> Event | None:
    """Write the event and its deliveries, and hand them to the worker. `once`: only the first of its kind for
    the object (a period is locked once, whatever number of units lock in that transaction)."""
    if once and Event.objects.filter(name=name, object_type=obj_type, object_id=obj_id).exists():
        return None
    event = Event.objects.create(
        uid=uuid.uuid4(), name=name, opd_id=opd_id, object_type=obj_type, object_id=obj_id, data=data
    )
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event)]
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
        _enqueue(delivery)
    return event


def on_commit_record(name, **kwargs):
    transaction.on_commit(lambda: record(name, **kwargs))


def _enqueue(delivery, run_after=None):
    job = deliver_webhook.using(run_after=run_after) if run_after else deliver_webhook
    job.enqueue(delivery.pk)


def payload(event: Event) -> dict:
    return {
        "id": str(event.uid),
        "event": event.name,
        "created_at": event.created_at.isoformat(),
        "opd": {"id": event.opd_id, "name": event.opd.name if event.opd_id else ""},
        "object": {"type": event.object_type, "id": event.object_id},
        "data": event.data,
    }


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def deliver(delivery_id: int, *, now=None) -> str:
    """One attempt (in the task worker). Returns the delivery's status afterwards."""
    delivery = WebhookDelivery.objects.select_related("endpoint", "event", "event__opd").get(pk=delivery_id)
    if delivery.status != WebhookDelivery.Status.PENDING:
        return delivery.status
    body = json.dumps(payload(delivery.event), ensure_ascii=False, default=str).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Sakip-Event": delivery.event.name,
            "X-Sakip-Delivery": str(delivery.event.uid),
            "X-Sakip-Timestamp": timestamp,
            "X-Sakip-Signature": signature(delivery.endpoint.secret, timestamp, body),
        },
    )
    code, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 — http(s) only (model)
            code = response.status
    except urllib.error.HTTPError as exc:
        code, error = exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        error = f"{exc.__class__.__name__}: {getattr(exc, 'reason', exc)}"[:300]
    now = now or timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = WebhookDelivery.Status.DELIVERED, now, None
    elif delivery.attempts > len(RETRY_DELAYS):
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
    else:
        delivery.next_attempt_at = now + timedelta(seconds=RETRY_DELAYS[delivery.attempts - 1])
    delivery.save()
    if delivery.status == WebhookDelivery.Status.PENDING:
        _enqueue(delivery, run_after=delivery.next_attempt_at)
    return delivery.status


@task()
def deliver_webhook(delivery_id: int) -> str:
    """The task worker's side of a delivery (one attempt; retries enqueue themselves)."""
    return deliver(delivery_id)


# --- where the events come from ---------------------------------------------------------------------------
def _document_issued(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    on_commit_record(
        Event.Name.DOCUMENT_ISSUED,
        opd_id=instance.opd_id,
        obj_type="archived_document",
        obj_id=instance.pk,
        data={
            "number": instance.number,
            "subject": instance.subject,
            "date": instance.date.isoformat() if instance.date else None,
            "signed": bool(getattr(instance, "signed", False)),
            "verification_url": f"{settings.SITE_URL}/verifikasi/{instance.verification_code}/",
        },
    )


def _submission_locked(sender, instance, name, source, target, **kwargs):
    if name != "lock":
        return
    period = instance.period
    on_commit_record(
        Event.Name.PERIOD_LOCKED,
        opd_id=period.opd_id,
        obj_type="measurement_period",
        obj_id=period.pk,
        data={"year": period.year, "triwulan": period.triwulan},
        once=True,
    )


def _lkjip_signed(sender, instance, name, source, target, **kwargs):
    if name != "sign":
        return
    on_commit_record(
        Event.Name.LKJIP_SIGNED,
        opd_id=instance.opd_id,
        obj_type="lkjip",
        obj_id=instance.pk,
        data={"year": instance.year, "version": getattr(instance, "version", None)},
    )


def _recommendation_closed(sender, instance, name, source, target, **kwargs):
    closed = {Recommendation.State.SELESAI, Recommendation.State.TIDAK_DAPAT}
    if target not in closed or source in closed:
        return
    finding = instance.finding
    on_commit_record(
        Event.Name.RECOMMENDATION_CLOSED,
        opd_id=finding.evaluation.opd_id,
        obj_type="recommendation",
        obj_id=instance.pk,
        data={"number": instance.number, "state": target, "evaluation_year": finding.evaluation.year},
    )


def connect():
    post_save.connect(_document_issued, sender=ArchivedDocument, dispatch_uid="sakip-event-document")
    post_transition.connect(_submission_locked, sender=UnitSubmission, dispatch_uid="sakip-event-period")
    post_transition.connect(_lkjip_signed, sender=Lkjip, dispatch_uid="sakip-event-lkjip")
    post_transition.connect(_recommendation_closed, sender=Recommendation, dispatch_uid="sakip-event-recommendation")
