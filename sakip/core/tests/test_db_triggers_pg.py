"""Issue 12 item 3: on PostgreSQL the database itself refuses UPDATE/DELETE of history rows, archived
documents (and their hashes), locked measurement rows and their evidence — tested with raw SQL, which
bypasses every ORM guard. Legitimate paths (a revision opening the next version, SET_NULL on user deletion)
still work. SQLite keeps the ORM guards (these tests skip there)."""

import pytest
from django.db import IntegrityError, connection, transaction

from sakip.core.actors import system_user

pytestmark = [pytest.mark.pg, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def pg_only():
    if connection.vendor != "postgresql":
        pytest.skip("Database triggers exist on PostgreSQL only (DATABASE_URL=postgres://…).")


def _refused(sql, params=()):
    with pytest.raises(IntegrityError, match="sakip"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _run(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _locked_row():
    from sakip.measurement.models import Realisasi, UnitSubmission

    row = Realisasi.objects.filter(submission__state=UnitSubmission.State.DIKUNCI).first()
    assert row is not None
    return row


def test_locked_realisasi_cannot_be_updated_or_deleted_by_sql():
    row = _locked_row()
    _refused("UPDATE measurement_realisasi SET value = 1 WHERE id = %s", [row.pk])
    _refused("DELETE FROM measurement_realisasi WHERE id = %s", [row.pk])
    row.refresh_from_db()
    assert row.value != 1 or row.value is None


def test_locked_budget_rows_and_evidence_cannot_be_changed_by_sql():
    from sakip.measurement.models import BudgetRealisasi, Evidence, UnitSubmission

    budget = BudgetRealisasi.objects.filter(submission__state=UnitSubmission.State.DIKUNCI).first()
    _refused("UPDATE measurement_budgetrealisasi SET realisasi = 1 WHERE id = %s", [budget.pk])
    evidence = Evidence.objects.filter(realisasi__submission__state=UnitSubmission.State.DIKUNCI).first()
    _refused("UPDATE measurement_evidence SET description = 'x' WHERE id = %s", [evidence.pk])
    _refused("DELETE FROM measurement_evidence WHERE id = %s", [evidence.pk])


def test_an_evidence_hash_never_changes_even_on_an_open_form():
    from sakip.measurement.models import Evidence, UnitSubmission

    evidence = Evidence.objects.exclude(realisasi__submission__state=UnitSubmission.State.DIKUNCI).first()
    if evidence is None:
        evidence = Evidence.objects.first()
    _refused("UPDATE measurement_evidence SET sha256 = repeat('0', 64) WHERE id = %s", [evidence.pk])


def test_a_locked_form_reopens_only_as_the_next_version():
    from sakip.measurement.models import UnitSubmission

    sub = UnitSubmission.objects.filter(state=UnitSubmission.State.DIKUNCI).first()
    _refused("UPDATE measurement_unitsubmission SET state = 'draft' WHERE id = %s", [sub.pk])
    _refused("DELETE FROM measurement_unitsubmission WHERE id = %s", [sub.pk])
    assert (
        _run(
            "UPDATE measurement_unitsubmission SET state = 'draft', version = version + 1 WHERE id = %s",
            [sub.pk],
        )
        == 1
    )
    # Once open, its rows are editable again.
    row = sub.rows.first()
    assert _run("UPDATE measurement_realisasi SET kendala = 'revisi' WHERE id = %s", [row.pk]) == 1


def test_the_revision_service_still_works_with_the_triggers(users):
    from sakip.measurement import services
    from sakip.measurement.models import UnitSubmission

    sub = UnitSubmission.objects.filter(state=UnitSubmission.State.DIKUNCI, period__opd__akronim="Dinsospermasdes")
    sub = sub.select_related("period").first()
    request = services.request_revision(user=system_user(), submission=sub, reason="Salah ketik realisasi")
    services.decide_revision(user=system_user(), request=request, approve=True)
    sub.refresh_from_db()
    assert sub.state == UnitSubmission.State.DRAFT


def test_archived_documents_and_their_hashes_are_immutable():
    from sakip.documents.models import ArchivedDocument

    doc = ArchivedDocument.objects.first()
    _refused("UPDATE documents_archiveddocument SET sha256 = repeat('0', 64) WHERE id = %s", [doc.pk])
    _refused("UPDATE documents_archiveddocument SET subject = 'lain' WHERE id = %s", [doc.pk])
    _refused("DELETE FROM documents_archiveddocument WHERE id = %s", [doc.pk])


def test_locked_version_snapshots_are_immutable():
    from sakip.measurement.models import SubmissionVersion

    version = SubmissionVersion.objects.first()
    _refused("UPDATE measurement_submissionversion SET data = '{}' WHERE id = %s", [version.pk])
    _refused("DELETE FROM measurement_submissionversion WHERE id = %s", [version.pk])


def test_history_rows_are_never_updated_or_deleted():
    from sakip.planning.models import Target

    table = Target.history.model._meta.db_table
    hid = Target.history.model.objects.values_list("history_id", flat=True).first()
    _refused(f'UPDATE "{table}" SET value = 1 WHERE history_id = %s', [hid])
    _refused(f'DELETE FROM "{table}" WHERE history_id = %s', [hid])
    from sakip.core.dbguards import history_models

    assert len(history_models()) > 20
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'sakip_history_immutable'")
        assert cursor.fetchone()[0] == len(history_models())


def test_deleting_a_user_still_works_history_keeps_the_row(users):
    """SET_NULL foreign keys (who did it) may become NULL; nothing else changes."""
    from sakip.organization.models import User
    from sakip.planning.models import Target

    user = User.objects.create(username="sementara")
    target = Target.objects.first()
    target._history_user = user
    target.save()
    count = Target.history.filter(history_user=user).count()
    assert count == 1
    user.delete()
    assert Target.history.filter(id=target.pk).count() >= 1


def test_the_bypass_is_explicit_and_per_transaction():
    from sakip.core.dbguards import bypass
    from sakip.planning.models import Target

    table = Target.history.model._meta.db_table
    hid = Target.history.model.objects.values_list("history_id", flat=True).first()
    with bypass():
        assert _run(f'UPDATE "{table}" SET history_change_reason = %s WHERE history_id = %s', ["uji", hid]) == 1
    _refused(f'UPDATE "{table}" SET history_change_reason = %s WHERE history_id = %s', ["lagi", hid])
