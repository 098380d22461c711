"""Signing with eyes open (issue "Figures a Kepala can sign", item 6): the check, submit and sign
steps show the draft document and a pre-sign checklist computed from the data; no verdict is
pre-selected and none is accepted blank."""

import re
from decimal import Decimal

import pytest

from sakip.core.actors import system_user
from sakip.measurement import services as S
from sakip.measurement.models import Task, UnitSubmission
from sakip.reporting import checklist, dpk
from sakip.sop import actions as A

from .conftest import active, do_task, fill, run_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def checking(open_period, users):
    """The period at the Sekretaris's check (step 9): every unit filled (value 50), sent and validated."""
    for sub in UnitSubmission.objects.filter(period=open_period):
        fill(sub)
        S.submit_unit(user=system_user(), submission=sub)
        S.validate_unit(user=system_user(), submission=sub)
    task = run_until(users, open_period, action=A.SUBMIT)
    do_task(users, task)
    correct = active(open_period)[0]
    assert correct.action == A.CORRECT
    return correct


def test_the_checklist_is_computed_from_the_data(checking):
    period = checking.period
    data = dpk.build(period)
    checks = {c.key: c for c in checklist.build(period, data)}
    lines = data.all_lines
    # Rows of a quarter without quarterly targets are compared with the annual target.
    annual = [ln for ln in lines if not any(q not in (None, "") for q in (ln.row.quarters or []))]
    annual = [ln for ln in annual if ln.row.polarity != "binary" and not ln.row.scale]
    assert len(checks["target_tahunan"].items) == len(annual)
    # fill() attaches no evidence: every filled row is listed.
    assert len(checks["tanpa_bukti"].items) == sum(1 for ln in lines if ln.row.has_value)
    extreme = [ln for ln in lines if ln.percent is not None and not Decimal(50) <= ln.percent <= Decimal(150)]
    assert len(checks["capaian_ekstrem"].items) == len(extreme)
    for item, ln in zip(checks["capaian_ekstrem"].items, extreme, strict=True):
        assert item.endswith(f"{ln.percent_text}%")
    not_judged = [b for b in data.budget if not b.assessment.judged]
    assert len([i for i in checks["efisiensi"].items if not i.startswith("Ringkasan OPD")]) == len(not_judged)


@pytest.mark.parametrize(("username", "shown"), [("sekretaris", True), ("kepala", True), ("kabid", False)])
def test_the_check_page_shows_the_draft_to_those_who_may_read_it(client_for, checking, username, shown):
    html = client_for(username).get(f"/pengukuran/tugas/{checking.pk}/").content.decode()
    preview = f"/pelaporan/periode/{checking.period_id}/dokumen.pdf?konsep=1"
    assert (f'<iframe src="{preview}"' in html) is shown
    assert ('data-testid="presign-checklist"' in html) is shown
    if shown:
        assert f'href="{preview}"' in html and "dokumen.docx?konsep=1" in html
        assert "Dibandingkan dengan target tahunan" in html and "Tanpa bukti dukung" in html


def test_no_verdict_is_preselected_and_none_is_refused(client_for, checking):
    client = client_for("sekretaris")
    url = f"/pengukuran/tugas/{checking.pk}/"
    html = client.get(url).content.decode()
    form = html[html.index('data-testid="task-form"') :]
    form = form[: form.index("</form>")]
    assert not re.search(r"<input[^>]*type=\"radio\"[^>]*checked", form)
    assert 'value="terima"' not in form  # the decision step's own Ya/Tidak is the verdict
    response = client.post(url, {"catatan": ""})
    assert response.status_code == 400
    assert "Pilih keputusan: Ya atau Tidak." in response.content.decode()
    assert Task.objects.get(pk=checking.pk).status == Task.Status.AKTIF


def test_a_correct_step_without_a_decision_requires_a_chosen_result(checking):
    from sakip.measurement.step_actions import CorrectForm

    checking.kind = "task"
    form = CorrectForm({"catatan": ""}, task=checking)
    assert not form.is_valid()
    assert form.errors["hasil"] == ["Pilih hasil koreksi: diterima atau dikembalikan."]
    assert CorrectForm(task=checking).fields["hasil"].initial is None


def test_the_preview_may_be_framed_by_the_same_origin_only(client_for, checking):
    response = client_for("kepala").get(f"/pelaporan/periode/{checking.period_id}/dokumen.pdf?konsep=1")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    other = client_for("kepala").get(f"/pengukuran/tugas/{checking.pk}/")
    assert other["X-Frame-Options"] == "DENY"
