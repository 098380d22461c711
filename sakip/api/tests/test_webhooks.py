"""Events and webhooks (sakip.api.webhooks, docs/api.md "Events and webhooks"): an event is written only after its
change commits, delivered as a signed JSON POST to a real local HTTP server, retried on failure, readable as a
scoped feed."""

import hashlib
import hmac
import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sakip.api import webhooks
from sakip.api.models import Event, WebhookDelivery, WebhookEndpoint
from sakip.documents import services as documents
from sakip.organization.models import OPD, Position, User

TEMPLATE = "documents/print/surat_pernyataan.html"


class Receiver:
    """A real HTTP server on loopback answering with the given status codes in turn."""

    def __init__(self, codes):
        self.codes, self.requests = list(codes), []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 — http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.codes.pop(0) if receiver.codes else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver([500, 200])
    yield r
    r.close()


def _issue(kepala, dinas, subject="Pernyataan untuk webhook"):
    return documents.issue_document(
        user=kepala,
        opd=dinas,
        doc_type="surat_pernyataan",
        subject=subject,
        date=date(2035, 3, 2),
        html_template=TEMPLATE,
        context={"paragraphs": ["Dengan ini menyatakan bahwa:"], "items": ["Butir."], "closing": "Demikian."},
        klasifikasi="700",
        signer_position=Position.objects.get(opd=dinas, is_opd_head=True),
    )


def test_signature_is_hmac_sha256_of_timestamp_and_body():
    expected = hmac.new(b"s3cret", b"1700000000.{}", hashlib.sha256).hexdigest()
    assert webhooks.signature("s3cret", "1700000000", b"{}") == f"sha256={expected}"


@pytest.mark.django_db
def test_only_http_and_https_addresses_are_accepted():
    endpoint = WebhookEndpoint(name="x", url="file:///etc/passwd")
    with pytest.raises(ValidationError) as exc:
        endpoint.full_clean()
    assert "url" in exc.value.message_dict
    WebhookEndpoint(name="x", url="https://dasbor.banyumaskab.go.id/sakip").full_clean()


@pytest.mark.django_db
def test_an_issued_document_is_delivered_signed_and_retried(receiver, django_capture_on_commit_callbacks):
    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    kepala = User.objects.get(username="kepala")
    endpoint = WebhookEndpoint.objects.create(name="Dasbor", url=receiver.url, events=["document.issued"])
    other = WebhookEndpoint.objects.create(name="LKjIP saja", url=receiver.url, events=["lkjip.signed"])
    assert len(endpoint.secret) == 64

    with django_capture_on_commit_callbacks(execute=True):
        doc = _issue(kepala, dinas)
    event = Event.objects.get(name="document.issued", object_id=doc.pk)
    assert event.opd == dinas and event.data["number"] == doc.number
    assert event.data["verification_url"].endswith(f"/verifikasi/{doc.verification_code}/")
    delivery = WebhookDelivery.objects.get(event=event)
    assert delivery.endpoint == endpoint and not WebhookDelivery.objects.filter(endpoint=other).exists()
    assert DBTaskResult.objects.filter(task_path="sakip.api.webhooks.deliver_webhook").exists()

    # First attempt: the receiver answers 500 → retried in a minute.
    assert webhooks.deliver(delivery.pk) == WebhookDelivery.Status.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_status_code == 500
    assert timedelta(seconds=50) < delivery.next_attempt_at - timezone.now() < timedelta(seconds=70)
    # Second attempt: 200 → delivered.
    assert webhooks.deliver(delivery.pk) == WebhookDelivery.Status.DELIVERED
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None
    assert webhooks.deliver(delivery.pk) == WebhookDelivery.Status.DELIVERED  # never sent twice
    assert len(receiver.requests) == 2

    sent = receiver.requests[-1]
    body = json.loads(sent["body"])
    assert body["event"] == "document.issued" and body["id"] == str(event.uid)
    assert body["opd"] == {"id": dinas.pk, "name": dinas.name} and body["object"]["id"] == doc.pk
    assert sent["headers"]["X-Sakip-Event"] == "document.issued"
    assert sent["headers"]["X-Sakip-Signature"] == webhooks.signature(
        endpoint.secret, sent["headers"]["X-Sakip-Timestamp"], sent["body"]
    )


@pytest.mark.django_db
def test_a_receiver_that_never_answers_gives_up_after_six_attempts():
    endpoint = WebhookEndpoint.objects.create(name="Mati", url="http://127.0.0.1:9/unreachable")
    event = Event.objects.create(
        uid="00000000-0000-0000-0000-000000000001", name="period.locked", object_type="x", object_id=1
    )
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
    statuses = [webhooks.deliver(delivery.pk) for _ in range(6)]
    assert statuses == [WebhookDelivery.Status.PENDING] * 5 + [WebhookDelivery.Status.FAILED]
    delivery.refresh_from_db()
    assert delivery.attempts == 6 and delivery.last_error and delivery.next_attempt_at is None


@pytest.mark.django_db
def test_no_event_for_a_change_that_rolled_back(django_capture_on_commit_callbacks):
    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    kepala = User.objects.get(username="kepala")
    before = Event.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _issue(kepala, dinas, subject="Dibatalkan")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert Event.objects.count() == before


@pytest.mark.django_db
def test_the_event_feed_is_scoped_like_every_list(client_for, django_capture_on_commit_callbacks):
    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    kepala = User.objects.get(username="kepala")
    with django_capture_on_commit_callbacks(execute=True):
        doc = _issue(kepala, dinas)
    own = client_for("kepala").get("/api/v1/events/", {"name": "document.issued"})
    assert own.status_code == 200
    ids = [row["object_id"] for row in own.json()["results"]]
    assert doc.pk in ids
    row = next(r for r in own.json()["results"] if r["object_id"] == doc.pk)
    assert row["event"] == "document.issued" and row["opd_name"] == dinas.name and row["data"]["number"] == doc.number
    other = client_for("bappeda").get("/api/v1/events/", {"name": "document.issued"})
    assert other.status_code == 200 and doc.pk not in [r["object_id"] for r in other.json()["results"]]
    event = Event.objects.get(name="document.issued", object_id=doc.pk)
    assert client_for("bappeda").get(f"/api/v1/events/{event.pk}/").status_code == 404
    assert client_for("pemda").get(f"/api/v1/events/{event.pk}/").status_code == 200  # reads every OPD


@pytest.mark.django_db
def test_a_period_is_announced_once_however_many_units_lock(django_capture_on_commit_callbacks):
    from sakip.measurement.models import Period

    period = Period.objects.filter(opd__akronim="Dinsospermasdes").first()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            webhooks.on_commit_record(
                Event.Name.PERIOD_LOCKED,
                opd_id=period.opd_id,
                obj_type="measurement_period",
                obj_id=period.pk,
                data={"year": period.year},
                once=True,
            )
    assert Event.objects.filter(name="period.locked", object_id=period.pk).count() == 1


@pytest.mark.django_db
def test_the_demo_periods_locked_while_it_loaded_were_announced_once_each():
    from sakip.measurement.models import UnitSubmission

    locked = set(UnitSubmission.objects.filter(state=UnitSubmission.State.DIKUNCI).values_list("period_id", flat=True))
    assert locked
    announced = list(Event.objects.filter(name="period.locked").values_list("object_id", flat=True))
    assert sorted(announced) == sorted(locked)
