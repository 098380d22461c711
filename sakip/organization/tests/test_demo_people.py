import pytest

from sakip.organization.models import Assignment, Employee

pytestmark = pytest.mark.django_db


def test_every_demo_person_serves_one_opd_and_agencies_have_their_own_people(demo):
    opds = {}
    for a in Assignment.objects.active_on().select_related("employee", "position"):
        if a.kind == "definitif" and a.position.opd_id:
            opds.setdefault(a.employee_id, set()).add(a.position.opd_id)
    assert all(len(v) == 1 for v in opds.values())
    insp = Employee.objects.filter(opd=demo["inspektorat"]).values_list("name", flat=True)
    dinas = set(Employee.objects.filter(opd=demo["dinas"]).values_list("name", flat=True))
    assert not dinas.intersection(insp)
