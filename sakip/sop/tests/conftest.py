from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def seed_tsv():
    """The seed's procedure table as copied from the paper (two header rows, "Ouput", rows 9–14 one cell short)."""
    return (DATA / "seed_procedure.tsv").read_text(encoding="utf-8")


@pytest.fixture
def dinas(demo):
    return demo["dinas"]


@pytest.fixture
def bappeda(demo):
    return demo["bappeda"]


@pytest.fixture
def seed_v1(dinas):
    from sakip.sop import selectors
    from sakip.sop.models import SopVersion

    return selectors.version_detail(SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/366", version=1).pk)


@pytest.fixture
def seed_v2(dinas):
    from sakip.sop import selectors
    from sakip.sop.models import SopVersion

    return selectors.version_detail(SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/366", version=2).pk)


@pytest.fixture
def unit_draft(dinas):
    """The draft SOP owned by Bidang Rehabilitasi Sosial."""
    from sakip.sop.models import SopVersion

    return SopVersion.objects.select_related("sop", "sop__unit").get(sop__opd=dinas, sop__number="460/RS-01", version=1)


@pytest.fixture
def positions(dinas):
    from sakip.organization.models import Position

    return {p.name: p for p in Position.objects.filter(opd=dinas).select_related("unit")}
