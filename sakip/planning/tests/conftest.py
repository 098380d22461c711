import pytest


@pytest.fixture
def dinas(demo):
    return demo["dinas"]


@pytest.fixture
def renstra(dinas):
    from sakip.planning.models import Renstra

    return Renstra.objects.get(opd=dinas, start_year=2025)


@pytest.fixture
def year():
    from datetime import date

    return date.today().year


@pytest.fixture
def positions(dinas):
    from sakip.organization.models import Position

    return {p.name: p for p in Position.objects.filter(opd=dinas)}


@pytest.fixture
def node_of(renstra):
    """node_of("Kepala Bidang Rehabilitasi Sosial") → the first result of that position in the current Renstra."""
    from sakip.planning.models import Kinerja

    def get(position_name, level=None):
        qs = Kinerja.objects.filter(renstra=renstra, position__name=position_name)
        if level is not None:
            qs = qs.filter(level=level)
        return qs.order_by("pk").first()

    return get


@pytest.fixture
def e2e_demo(transactional_db):
    """Browser tests of this app need only the organisation and planning demos: loading just those keeps
    the journey fast and independent of the other apps' demos (overrides the project-wide fixture)."""
    from django.db import transaction

    from sakip.organization import demo as org_demo
    from sakip.planning import demo as planning_demo

    with transaction.atomic():
        ctx = org_demo.load()
        planning_demo.load(ctx)


@pytest.fixture
def draft_renstra(dinas):
    """The demo's Renstra back to draft: for tests of target entry itself (an adopted Renstra's targets
    change only through a TargetRevision, see test_target_revisions.py)."""
    from sakip.planning.models import Renstra

    Renstra.objects.filter(opd=dinas).update(status=Renstra.Status.DRAFT)


@pytest.fixture
def login_of(dinas):
    """login_of(employee) → a user account of that employee (Kepala Unit of his position's unit): the demo has
    logins for a few officials only, and a PK is signed by its own pihak pertama."""
    from django.contrib.auth.models import Group

    from sakip.core import roles as R
    from sakip.organization.models import Assignment, User

    def make(employee, role=R.KEPALA_UNIT):
        assignment = Assignment.objects.filter(employee=employee).select_related("position__unit").first()
        user = User.objects.create(
            username=f"uji-{employee.pk}",
            employee=employee,
            opd=employee.opd or dinas,
            unit=assignment.position.unit if assignment else None,
            pemda=dinas.pemda,
        )
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        return user

    return make
