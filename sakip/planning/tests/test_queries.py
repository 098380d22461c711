"""Query budgets: the tree, the lists and the checks run a constant number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.planning import selectors, services
from sakip.planning.models import Indicator, Kinerja, Target

pytestmark = pytest.mark.django_db


def _grow(renstra, positions, year, n):
    """Add n Pengawas results with an indicator and targets under the Rehsos program."""
    parent = Kinerja.objects.get(renstra=renstra, position__name="Kepala Bidang Rehabilitasi Sosial", level=2)
    kasi = positions["Kepala Seksi Rehabilitasi Sosial Penyandang Disabilitas"]
    for i in range(n):
        node = Kinerja.objects.create(
            renstra=renstra,
            parent=parent,
            level=3,
            position=kasi,
            statement=f"Hasil tambahan {i}",
            opd_id=renstra.opd_id,
            unit_id=kasi.unit_id,
        )
        ind = Indicator.objects.create(node=node, name=f"Indikator tambahan {i}", satuan="orang", opd_id=renstra.opd_id)
        Target.objects.create(indicator=ind, year=year, value=10 + i)


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _pages(client, dinas, renstra, year):
    return [
        f"/perencanaan/renstra/{renstra.pk}/?tahun={year}",
        f"/perencanaan/pohon-kinerja/?tahun={year}",
        f"/perencanaan/indikator/?tahun={year}",
        f"/perencanaan/indikator/?tahun={year}&smart=bad",
        f"/perencanaan/pemeriksaan/?tahun={year}",
        "/perencanaan/crosscutting/",
        f"/perencanaan/?tahun={year}",
        "/perencanaan/pk/",
        f"/perencanaan/indikator/?tahun={year}&export=xlsx",
        "/perencanaan/ekspor/",
    ]


def test_pages_constant_in_data_size(client_for, dinas, renstra, positions, year):
    client = client_for("timsakip")
    _grow(renstra, positions, year, 5)
    for url in _pages(client, dinas, renstra, year):
        client.get(url)  # warm up (session, content types)
    small = {url: _count(lambda url=url: client.get(url)) for url in _pages(client, dinas, renstra, year)}
    _grow(renstra, positions, year, 45)
    large = {url: _count(lambda url=url: client.get(url)) for url in _pages(client, dinas, renstra, year)}
    assert large == small
    assert max(small.values()) <= 45


def test_selectors_constant_in_data_size(dinas, renstra, positions, year):
    calls = [
        lambda: selectors.tree(renstra, year),
        lambda: selectors.cascade_coverage(dinas, year),
        lambda: selectors.smart_report(dinas, year),
        lambda: selectors.plan_for(dinas, year),
        lambda: selectors.pk_signed_for_every_official(dinas, year),
        lambda: selectors.crosscutting_shown(dinas, year),
    ]
    _grow(renstra, positions, year, 5)
    for c in calls:
        c()  # warm the per-object caches (renstra.opd …)
    small = [_count(c) for c in calls]
    _grow(renstra, positions, year, 45)
    assert [_count(c) for c in calls] == small


def test_my_iki_constant(users, year, renstra, positions):
    staff = users["operator"].employee
    before = _count(lambda: selectors.my_iki(staff, year))
    _grow(renstra, positions, year, 20)
    assert _count(lambda: selectors.my_iki(staff, year)) == before


def test_start_next_year_runs(users, dinas, year):
    assert services.start_next_year(user=users["timsakip"], opd=dinas, year=year)["pk"] > 0
