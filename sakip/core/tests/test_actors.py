"""Issue 11 item 5: every service names its actor (a person or the recorded system user, sakip.core.actors), the
user model and the reference tables keep a history, and the last status fields move only by declared transitions."""

from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django_fsm import TransitionNotAllowed

from sakip.core import roles as R
from sakip.core.actors import SYSTEM_USERNAME, acting_as, is_system, require_actor, system_user
from sakip.core.audit import entries_for
from sakip.documents import services as document_services
from sakip.documents.models import DocumentType, Klasifikasi, NumberRecord, RetentionRule
from sakip.evaluation.models import LkeTemplate, SuratPernyataan
from sakip.organization.models import User
from sakip.planning.models import TargetRevision
from sakip.sop import services as sop_services
from sakip.sop.models import SopVersion

pytestmark = pytest.mark.django_db


# --- the system actor ------------------------------------------------------------------------------
def test_the_system_user_is_one_inactive_login_without_a_password():
    system = system_user()
    assert system.username == SYSTEM_USERNAME and system_user().pk == system.pk
    assert not system.is_active and not system.has_usable_password()
    assert system.display_name == "Sistem" and is_system(system)
    assert authenticate(username=SYSTEM_USERNAME, password="") is None
    assert User.objects.filter(username=SYSTEM_USERNAME).count() == 1


def test_people_are_not_the_system(users):
    assert not any(is_system(u) for u in users.values() if u.username != SYSTEM_USERNAME)
    assert not is_system(None) and not is_system(AnonymousUser())


def test_a_service_refuses_to_run_without_an_actor(demo):
    draft = SopVersion.objects.filter(sop__opd=demo["dinas"], status=SopVersion.Status.DRAFT).first()
    assert draft is not None
    with pytest.raises(TypeError, match="actor"):
        sop_services.submit(user=None, version=draft)
    with pytest.raises(PermissionDenied):
        sop_services.submit(user=AnonymousUser(), version=draft)
    draft.refresh_from_db()
    assert draft.status == SopVersion.Status.DRAFT
    with pytest.raises(TypeError):
        require_actor(None)


def test_the_demo_was_written_by_the_recorded_system_user():
    system = system_user()
    approved = SopVersion.objects.filter(status=SopVersion.Status.DISAHKAN).first()
    entries = approved.history.all()
    assert entries.exists() and {e.history_user_id for e in entries} == {system.pk}


def test_a_system_action_is_recorded_as_the_system_user(demo):
    draft = (
        SopVersion.objects.filter(sop__opd=demo["dinas"], status=SopVersion.Status.DRAFT).exclude(steps=None).first()
    )
    system = system_user()
    with acting_as(system):
        sop_services.submit(user=system, version=draft)
    draft.refresh_from_db()
    last = draft.history.latest()
    assert draft.status == SopVersion.Status.DIAJUKAN and last.history_user_id == system.pk
    assert draft.submitted_by_id is None  # "by" fields name people; the history names the system


# --- history of the user model and of the reference tables -----------------------------------------
def test_a_users_scope_and_roles_have_a_history(users, demo):
    user = users["kabid"]
    before = user.history.count()
    user.opd = demo["bappeda"]
    user.unit = None
    user.save()
    user.groups.add(Group.objects.get(name=R.TIM_SAKIP))
    assert user.history.count() == before + 2  # the save, then the change of its roles
    last = user.history.latest()
    assert last.opd_id == demo["bappeda"].pk and last.unit_id is None
    assert R.TIM_SAKIP in {g.group.name for g in user.history.latest().groups.all()}
    assert not hasattr(last, "password") and not hasattr(last, "last_login")
    changes = [change for entry in entries_for(user) for change in entry["changes"]]
    assert any(after == str(demo["bappeda"]) for _label, _before, after in changes)
    assert any(R.TIM_SAKIP in after for _label, _before, after in changes)


def test_signing_in_writes_no_history(client, users):
    user = users["kabid"]
    before = user.history.count()
    client.force_login(user)
    client.get("/")
    from django.contrib.auth import user_logged_in

    user_logged_in.send(sender=User, request=None, user=user)
    user.refresh_from_db()
    assert user.last_login is not None and user.history.count() == before


@pytest.mark.parametrize("model", [Klasifikasi, RetentionRule, DocumentType])
def test_reference_tables_have_a_history(model):
    row = model.objects.first()
    before = row.history.count()
    if model is RetentionRule:
        row.note = "Diubah untuk uji"
    else:
        row.name = row.name + " (uji)"
    with acting_as(system_user()):
        row.save()
    assert row.history.count() == before + 1 and row.history.latest().history_user.username == SYSTEM_USERNAME


# --- declared transitions --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "model,field,value",
    [
        (NumberRecord, "status", NumberRecord.Status.CANCELLED),
        (LkeTemplate, "status", LkeTemplate.Status.RETIRED),
        (SuratPernyataan, "state", SuratPernyataan.State.SIGNED),
        (TargetRevision, "state", TargetRevision.State.DISETUJUI),
    ],
)
def test_status_fields_cannot_be_assigned(model, field, value):
    row = model.objects.first() or model()
    with pytest.raises(AttributeError):
        setattr(row, field, value)


def test_cancelling_a_number_is_a_declared_transition(demo, users):
    record = document_services.next_number(
        opd=demo["dinas"], doc_type="surat_pengantar", date=date(2031, 2, 3), klasifikasi="000", subject="Uji"
    )
    cancelled = document_services.cancel_number(user=users["timsakip"], record=record, reason="Salah tujuan")
    assert cancelled.status == NumberRecord.Status.CANCELLED
    with pytest.raises(TransitionNotAllowed):
        cancelled.cancel()
