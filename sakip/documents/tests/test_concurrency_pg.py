"""Two app servers never hand out one number twice: parallel threads, each with its own database
connection and transaction, on PostgreSQL."""

import threading
from datetime import date

import pytest
from django.db import connection, connections, transaction

pytestmark = [pytest.mark.pg, pytest.mark.django_db]

YEAR = 2099
THREADS = 8
PER_THREAD = 5


@pytest.fixture
def pg_only():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency of numbering is tested on PostgreSQL (DATABASE_URL=postgres://…).")


def _cleanup(opd_id):
    from sequences.models import Sequence

    from sakip.core.dbguards import bypass
    from sakip.documents.models import NumberRecord
    from sakip.documents.services import sequence_name

    def work():
        try:
            with bypass():  # history rows are immutable in the database: the clean-up says so explicitly
                NumberRecord.history.model.objects.filter(opd_id=opd_id, year=YEAR).delete()
                NumberRecord.objects.filter(opd_id=opd_id, year=YEAR).delete()
                Sequence.objects.filter(name__startswith=sequence_name(opd_id, YEAR, "")).delete()
        finally:
            connections.close_all()

    t = threading.Thread(target=work)
    t.start()
    t.join()


def test_parallel_threads_never_get_the_same_number(pg_only, dinas):
    from sakip.documents.models import NumberRecord
    from sakip.documents.services import next_number

    numbers, errors = [], []
    barrier = threading.Barrier(THREADS)

    def worker(i):
        try:
            barrier.wait(timeout=10)
            for k in range(PER_THREAD):
                with transaction.atomic():
                    record = next_number(
                        opd=dinas,
                        doc_type="surat_pengantar",
                        date=date(YEAR, 1, 2),
                        klasifikasi="000",
                        subject=f"paralel {i}-{k}",
                    )
                numbers.append(record.urut)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    _cleanup(dinas.pk)
    try:
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors, errors
        assert len(numbers) == THREADS * PER_THREAD
        assert len(set(numbers)) == len(numbers), "a number was handed out twice"
        assert sorted(numbers) == list(range(1, THREADS * PER_THREAD + 1)), "the register has a gap"
        assert NumberRecord.objects.filter(opd=dinas, year=YEAR).count() == THREADS * PER_THREAD
    finally:
        _cleanup(dinas.pk)
