"""Who sees and does what: a Kabid never sees or edits another bidang's draft; only the Kepala
approves; every view answers every demo role without a server error."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.measurement import policies
from sakip.measurement import selectors as M
from sakip.measurement import services as S
from sakip.measurement.models import Evidence, Period, Realisasi, Task, UnitSubmission
from sakip.reporting import selectors as R

from .conftest import fill, submission

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "kepala",
    "sekretaris",
    "timsakip",
    "kabid",
    "kabid2",
    "kasi",
    "operator",
    "inspektorat",
    "pemda",
    "bappeda",
]


def test_a_kabid_neither_sees_nor_edits_another_bidangs_draft(open_period, users, client_for):
    rehsos = submission(open_period, "Rehsos")
    row = rehsos.rows.first()
    kabid2 = client_for("kabid2")
    assert kabid2.get(reverse("measurement:submission_detail", args=[rehsos.pk])).status_code == 404
    assert (
        kabid2.post(
            reverse("measurement:row_save", args=[row.pk]), {"value": "5", "revision": row.revision}
        ).status_code
        == 404
    )
    assert rehsos.pk not in {s.pk for s in M.submissions_of(open_period, users["kabid2"])}
    assert rehsos.pk in {s.pk for s in M.submissions_of(open_period, users["kabid"])}
    page = kabid2.get(reverse("measurement:period_detail", args=[open_period.pk])).content.decode()
    assert "Bidang Rehabilitasi Sosial</a>" not in page
    with pytest.raises(PermissionDenied):
        S.save_row(user=users["kabid2"], row=row, expected_revision=row.revision, data={"value": "5"})
    # Its own unit's people see and edit it.
    assert client_for("kabid").get(reverse("measurement:submission_detail", args=[rehsos.pk])).status_code == 200
    assert (
        client_for("operator")
        .post(reverse("measurement:row_save", args=[row.pk]), {"value": "5", "revision": row.revision})
        .status_code
        == 302
    )
    # A Kasi writes only the rows of his seksi.
    kasi_rows = [
        r for r in rehsos.rows.select_related("indicator__node") if r.indicator.node.unit_id == users["kasi"].unit_id
    ]
    other_rows = [
        r for r in rehsos.rows.select_related("indicator__node") if r.indicator.node.unit_id != users["kasi"].unit_id
    ]
    assert kasi_rows and other_rows
    assert policies.can_edit_row(users["kasi"], kasi_rows[0]) and not policies.can_edit_row(
        users["kasi"], other_rows[0]
    )


def test_after_submission_others_see_but_do_not_edit(open_period, users, client_for):
    rehsos = submission(open_period, "Rehsos")
    fill(rehsos, users["operator"])
    S.submit_unit(user=users["operator"], submission=rehsos)
    response = client_for("kabid2").get(reverse("measurement:submission_detail", args=[rehsos.pk]))
    assert response.status_code == 200
    assert 'name="value"' not in response.content.decode()
    row = rehsos.rows.first()
    with pytest.raises(ValidationError, match="diajukan"):
        S.save_row(user=users["operator"], row=row, expected_revision=row.revision, data={"value": "7"})
    data = R.dashboard(open_period, users["kabid2"])
    shown = {u["submission"].unit.short_name: u for u in data["units"]}
    assert shown["Rehsos"]["visible"] and shown["Dayasos"]["visible"]
    assert not shown["Linjamsos"]["visible"] and shown["Linjamsos"]["average"] is None


def test_only_the_kepala_approves(open_period, users, client_for):
    rehsos = submission(open_period, "Rehsos")
    fill(rehsos, users["operator"])
    S.submit_unit(user=users["operator"], submission=rehsos)
    with pytest.raises(PermissionDenied):
        S.validate_unit(user=users["kabid2"], submission=rehsos)
    S.validate_unit(user=users["kabid"], submission=rehsos)
    for name in ("sekretaris", "timsakip", "kabid", "operator", "admin"):
        with pytest.raises(PermissionDenied, match="Kepala"):
            S.approve_unit(user=users[name], submission=rehsos)
        assert client_for(name).post(reverse("measurement:submission_approve", args=[rehsos.pk])).status_code in (
            403,
            404,
        )
    assert UnitSubmission.objects.get(pk=rehsos.pk).state == UnitSubmission.State.DIVALIDASI
    response = client_for("kepala").post(reverse("measurement:submission_approve", args=[rehsos.pk]))
    assert response.status_code == 302
    assert UnitSubmission.objects.get(pk=rehsos.pk).state == UnitSubmission.State.DISETUJUI


def _urls(demo):
    period = Period.objects.get(opd=demo["dinas"], year=2022, triwulan=4)
    sub = UnitSubmission.objects.filter(period=period).first()
    row = Realisasi.objects.filter(submission=sub).first()
    task = Task.objects.filter(period=period).first()
    evidence = Evidence.objects.filter(realisasi__submission__period=period).first()
    return {
        "measurement:index": [],
        "measurement:inbox": [],
        "measurement:holidays": [],
        "measurement:period_detail": [period.pk],
        "measurement:task_detail": [task.pk],
        "measurement:submission_detail": [sub.pk],
        "measurement:submission_versions": [sub.pk],
        "measurement:row_history": [row.pk],
        "measurement:evidence_download": [evidence.pk],
        "measurement:submission_import": [sub.pk],
        "reporting:index": [],
        "reporting:dashboard": [period.pk],
        "reporting:period_sop": [period.pk],
        "reporting:sop_performance": [],
        "reporting:dpk_preview": [period.pk],
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(demo, client_for, role):
    client = client_for(role)
    other_opd = role == "bappeda"
    for name, args in _urls(demo).items():
        response = client.get(reverse(name, args=args))
        assert response.status_code in (200, 302, 403, 404), (name, role, response.status_code)
        if name in (
            "measurement:index",
            "measurement:inbox",
            "measurement:holidays",
            "reporting:index",
            "reporting:sop_performance",
        ):
            assert response.status_code == 200, (name, role)
        elif other_opd:
            assert response.status_code == 404, (name, role, response.status_code)
        elif name == "reporting:dpk_preview":
            assert response.status_code == 302  # signed: the archived document
        else:
            assert response.status_code == 200, (name, role, response.status_code)


@pytest.mark.parametrize("role", ["operator", "kabid2", "inspektorat", "bappeda"])
def test_starting_and_coordinating_are_for_the_opd_managers(demo, client_for, role):
    # The Kepala of another OPD may start his own OPD's measurement, not coordinate this one.
    assert client_for(role).get(reverse("measurement:period_start")).status_code == (200 if role == "bappeda" else 403)
    period = Period.objects.filter(opd=demo["dinas"], status=Period.Status.BERJALAN).first()
    response = client_for(role).post(reverse("measurement:period_cancel", args=[period.pk]), {"reason": "uji"})
    assert response.status_code in (403, 404)
    assert Period.objects.get(pk=period.pk).status == Period.Status.BERJALAN


def test_another_opd_without_indicators_gets_a_clear_message(demo, client_for):
    from django.utils import timezone

    response = client_for("bappeda").post(
        reverse("measurement:period_start"),
        {"opd": demo["bappeda"].pk, "year": timezone.localdate().year, "triwulan": 1},
    )
    assert response.status_code == 400 and "Belum ada indikator" in response.content.decode()
