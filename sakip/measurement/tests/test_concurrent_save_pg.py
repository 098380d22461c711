"""Issue 12 item 5: thirty people saving one row at the same moment (each in its own thread, own database
connection, through the view as htmx does) end in exactly one success and 29 "diubah oleh … pada …"
answers with HTTP 409 — never a 500. PostgreSQL only (SQLite serialises writers)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.pg, pytest.mark.django_db]

THREADS = 30


@pytest.fixture
def pg_only():
    if connection.vendor != "postgresql":
        pytest.skip("The concurrent-save race is tested on PostgreSQL (DATABASE_URL=postgres://…).")


def _editable_row():
    from sakip.measurement import policies
    from sakip.measurement.models import Realisasi, UnitSubmission
    from sakip.organization.models import User

    user = User.objects.get(username="timsakip")
    for row in Realisasi.objects.filter(
        submission__state__in=[UnitSubmission.State.DRAFT, UnitSubmission.State.DIKEMBALIKAN],
        submission__period__opd__akronim="Dinsospermasdes",
        polarity__in=["max", "min"],
        scale=[],
    ).select_related("submission__period", "submission__unit"):
        if policies.can_edit_row(user, row):
            return row, user
    pytest.skip("The demo has no open form row.")


def _in_thread(fn):
    out = {}

    def run():
        try:
            out["value"] = fn()
        finally:
            connections.close_all()

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return out.get("value")


def test_simultaneous_saves_end_in_one_success_and_409s(pg_only):
    from sakip.core.dbguards import bypass
    from sakip.measurement.models import Realisasi

    row, user = _editable_row()
    before = {"value": row.value, "revision": row.revision, "updated_by_id": row.updated_by_id}
    first_history = row.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
    url = reverse("measurement:row_save", args=[row.pk])
    barrier = threading.Barrier(THREADS)
    results, lock = [], threading.Lock()

    def worker(i):
        try:
            client = Client(raise_request_exception=False)
            client.force_login(user)
            barrier.wait(timeout=30)
            response = client.post(
                url, {"value": str(1000 + i), "revision": str(before["revision"])}, HTTP_HX_REQUEST="true"
            )
            with lock:
                results.append((response.status_code, response.content.decode()))
        except Exception as exc:  # a crash counts as a 500
            with lock:
                results.append((500, repr(exc)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        codes = sorted(code for code, _body in results)
        assert len(results) == THREADS
        assert 500 not in codes, [body[:300] for code, body in results if code == 500][:3]
        assert codes.count(200) == 1 and codes.count(409) == THREADS - 1, codes
        conflict = next(body for code, body in results if code == 409)
        assert "sudah diubah oleh" in conflict
        saved = _in_thread(lambda: Realisasi.objects.values_list("revision", flat=True).get(pk=row.pk))
        assert saved == before["revision"] + 1
    finally:

        def restore():
            with bypass():
                Realisasi.objects.filter(pk=row.pk).update(**before)
                Realisasi.history.model.objects.filter(id=row.pk, history_id__gt=first_history).delete()

        _in_thread(restore)
