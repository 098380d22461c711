"""The archive is immutable; retention comes from the classification code."""

from datetime import date

import pytest

from sakip.documents import services
from sakip.documents.models import ArchivedDocument, ImmutableError, Klasifikasi
from sakip.documents.selectors import retention_due

pytestmark = pytest.mark.django_db


def test_an_update_attempt_fails(statement):
    statement.subject = "diubah"
    with pytest.raises(ImmutableError):
        statement.save()
    with pytest.raises(ImmutableError):
        ArchivedDocument.objects.filter(pk=statement.pk).update(subject="diubah")
    with pytest.raises(ImmutableError):
        ArchivedDocument.objects.bulk_update([statement], ["subject"])
    with pytest.raises(ImmutableError):
        statement.delete()
    with pytest.raises(ImmutableError):
        ArchivedDocument.objects.filter(pk=statement.pk).delete()
    statement.refresh_from_db()
    assert statement.subject != "diubah"


def test_retention_from_the_nearest_rule():
    k = Klasifikasi.objects.get(scheme="Permendagri 78/2012", code="061.1")
    rule = services.retention_for(k)
    assert rule.code == "060" and rule.disposition == "permanen"
    assert services.retention_for(Klasifikasi.objects.get(scheme="Permendagri 78/2012", code="700")).code == "700"
    assert services.retention_for(None).code == ""
    assert k.ancestor_codes() == ["061.1", "061", "060", "000"]
    assert Klasifikasi.objects.get(scheme="Permendagri 83/2022", code="000.8.3.3").ancestor_codes() == [
        "000.8.3.3",
        "000.8.3",
        "000.8",
        "000",
    ]


def test_retention_dates_and_due_list(statement, users):
    assert statement.retention_active_until == date(2027, 11, 21)  # 700: 5 years active
    assert statement.retention_until == date(2032, 11, 21)
    due_2028 = retention_due(users["admin"], on=date(2028, 1, 1))
    assert statement in due_2028
    assert statement not in retention_due(users["admin"], on=date(2026, 1, 1))
    assert statement.retention_phase(date(2028, 1, 1)) == "inaktif"
    assert statement.retention_phase(date(2033, 1, 1)) == "selesai"


def test_classification_scheme_stored_next_to_each_code():
    assert Klasifikasi.objects.filter(code="061.1", scheme="Permendagri 78/2012").exists()
    assert Klasifikasi.objects.filter(code="000.8.3.3", scheme="Permendagri 83/2022").exists()
    assert Klasifikasi.objects.filter(code="700").count() == 2
