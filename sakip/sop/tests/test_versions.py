"""Versions and approval: draft → diajukan → disahkan → berlaku → diganti/dicabut; which version is in force on a
date."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.core.actors import system_user
from sakip.documents.models import ArchivedDocument, NumberRecord
from sakip.documents.testing import assert_issued
from sakip.sop import diff, selectors, services
from sakip.sop.models import Sop, SopVersion

pytestmark = pytest.mark.django_db


def test_seed_in_force_through_2022_and_signed_by_widarso(dinas, seed_v1, seed_v2):
    assert seed_v1.approved_by_employee.full_name == "Ir. WIDARSO, M.M"
    assert seed_v1.approved_on == date(2021, 1, 18)
    assert seed_v1.effective_on is None and seed_v1.valid_from == date(2021, 1, 18)
    assert seed_v1.valid_until == date(2023, 1, 1) and seed_v1.status == "diganti"
    assert seed_v2.effective_on == date(2023, 1, 2) and seed_v2.approved_by_employee.name == "HARYANTO WIBOWO"
    for on, versi in (
        (date(2021, 1, 18), 1),
        (date(2022, 6, 30), 1),
        (date(2022, 12, 31), 1),
        (date(2023, 1, 2), 2),
        (date.today(), 2),
    ):
        assert selectors.sop_in_force(dinas, "061.1/366", on).version == versi
    assert selectors.sop_in_force(dinas, "061.1/366", date(2021, 1, 17)) is None
    assert selectors.sop_in_force(dinas, "SOP Pengukuran Kinerja", date(2022, 6, 1)).version == 1
    assert selectors.sop_in_force(dinas, "pengukuran kinerja", date(2024, 6, 1)).version == 2
    assert selectors.sop_in_force(dinas, "Tidak Ada", date(2024, 6, 1)) is None


def _new_draft(user, dinas, number="061.1/900"):
    version = services.create_sop(user=user, opd=dinas, number=number, judul="Uji Versi", effective_on=None)
    services.save_procedure(
        user=user,
        version=version,
        lanes=[{"label": "Sekretaris", "mapping": "none"}],
        steps=[
            {"number": 1, "uraian": "Memulai", "lanes": [0], "waktu": 5},
            {"number": 2, "uraian": "Menyelesaikan", "lanes": [0], "waktu": 5},
        ],
    )
    return SopVersion.objects.get(pk=version.pk)


def test_lifecycle_with_replacement_and_revocation(users, dinas):
    timsakip, kepala = users["timsakip"], users["kepala"]
    v1 = _new_draft(timsakip, dinas)
    assert v1.status == "draft" and v1.sop.judul == "Uji Versi"
    services.submit(user=timsakip, version=v1)
    with pytest.raises(PermissionDenied):
        services.approve(user=timsakip, version=v1)
    today = date.today()
    v1 = services.approve(
        user=kepala, version=v1, signed_on=today - timedelta(days=10), effective_on=today - timedelta(days=10)
    )
    assert v1.status == "disahkan" and v1.in_force_on(today) and v1.approved_by_employee_id == kepala.employee_id
    assert v1.approver_title == "Kepala Dinsospermasdes Kabupaten Banyumas"
    [doc] = services.archived_documents(v1)  # approval issued it: numbered, signed by the approving head, archived
    assert_issued(doc, signer=kepala.employee, source=v1, doc_type="sop")
    assert doc.number == "061.1/900" and doc.signer_title.startswith("Kepala Dinsospermasdes")
    with pytest.raises(ValidationError):
        services.update_identity(user=timsakip, version=v1, data={"judul": "Diubah"})
    v2 = services.new_revision(user=timsakip, sop=v1.sop, revision_note="Perbaikan")
    assert (v2.version, v2.status, v2.revised_on, v2.effective_on) == (2, "draft", today, None)
    assert v2.steps.count() == 2 and v2.lanes.count() == 1
    with pytest.raises(ValidationError, match="masih berstatus Draf"):
        services.new_revision(user=timsakip, sop=v1.sop)
    services.submit(user=timsakip, version=v2)
    with pytest.raises(ValidationError, match="harus sesudahnya"):
        services.approve(
            user=kepala, version=v2, signed_on=today - timedelta(days=10), effective_on=today - timedelta(days=10)
        )
    v2 = services.approve(user=kepala, version=v2, signed_on=today, effective_on=today + timedelta(days=5))
    v1 = SopVersion.objects.get(pk=v1.pk)
    assert v1.status == "diganti" and v1.valid_until == today + timedelta(days=4)
    assert selectors.sop_in_force(dinas, "061.1/900", today).version == 1
    assert selectors.sop_in_force(dinas, "061.1/900", today + timedelta(days=5)).version == 2
    assert v2.display_status(today) == "Disahkan, belum berlaku"
    v2 = services.revoke(user=kepala, version=v2, on=today + timedelta(days=30), alasan="Tidak dipakai lagi")
    assert v2.status == "dicabut" and selectors.sop_in_force(dinas, "061.1/900", today + timedelta(days=31)) is None


def test_approval_rules(users, dinas):
    kepala, timsakip, admin = users["kepala"], users["timsakip"], users["admin"]
    v = _new_draft(timsakip, dinas, "061.1/901")
    with pytest.raises(ValidationError, match="sudah diajukan"):
        services.approve(user=kepala, version=v)
    services.submit(user=timsakip, version=v)
    with pytest.raises(ValidationError, match="masa depan"):
        services.approve(user=kepala, version=v, signed_on=date.today() + timedelta(days=1))
    before = (NumberRecord.objects.count(), ArchivedDocument.objects.count())
    with pytest.raises(ValidationError, match="WIDARSO"):  # the Kepala of 2021 was someone else: not the signer
        services.approve(user=kepala, version=v, signed_on=date(2021, 6, 1))
    assert (NumberRecord.objects.count(), ArchivedDocument.objects.count()) == before
    assert SopVersion.objects.get(pk=v.pk).status == "diajukan"
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        services.approve(user=kepala, version=v, signed_on=date.today(), effective_on=date.today() - timedelta(days=1))
    v = services.approve(
        user=admin, version=v, signed_on=date(2021, 6, 1)
    )  # an administrator records an old paper approval
    assert v.approved_by_employee.name == "WIDARSO"
    [doc] = services.archived_documents(v)  # signed with WIDARSO's certificate, dated 1 June 2021
    assert doc.signer.name == "WIDARSO" and doc.date == date(2021, 6, 1) and doc.signed


def test_submit_needs_steps_and_only_drafts_are_deleted(users, dinas):
    timsakip = users["timsakip"]
    empty = services.create_sop(user=timsakip, opd=dinas, number="061.1/902", judul="Kosong")
    with pytest.raises(ValidationError, match="belum memiliki langkah"):
        services.submit(user=timsakip, version=empty)
    assert services.delete_draft(user=timsakip, version=empty) is True
    assert not Sop.objects.filter(number="061.1/902").exists()


def test_second_sop_with_the_same_number_is_refused(users, dinas):
    with pytest.raises(ValidationError) as exc:
        services.create_sop(user=users["timsakip"], opd=dinas, number="061.1 / 366", judul="Salinan")
    assert "061.1/366 sudah terdaftar" in exc.value.message_dict["number"][0]
    assert Sop.objects.filter(opd=dinas, judul="Salinan").count() == 0


def test_status_is_changed_only_by_transitions(seed_v2):
    with pytest.raises(AttributeError):
        seed_v2.status = "draft"


def test_diff_between_versions(seed_v1, seed_v2):
    result = diff.compare(seed_v1, seed_v2)
    labels = [c.label for c in result.identity]
    assert "Tanggal efektif" in labels and "Dasar hukum" in labels and "Disahkan oleh" in labels
    assert result.lanes and "Kepala Unit Kerja" in result.lanes[0].new
    step9 = next(s for s in result.steps if s.number == 9)
    uraian = next(c for c in step9.changes if c.label == "Uraian")
    assert "Kepala Badan" in uraian.old and "<del>" in str(uraian.inline)
    assert not diff.compare(seed_v2, seed_v2).steps


def test_history_records_the_transitions(users, dinas):
    timsakip = users["timsakip"]
    v = _new_draft(timsakip, dinas, "061.1/903")
    services.submit(user=timsakip, version=v)
    reasons = list(SopVersion.history.filter(id=v.pk).values_list("history_change_reason", flat=True))
    assert "Diajukan untuk disahkan" in reasons and "Dibuat" in reasons


def test_a_second_register_entry_with_the_same_number_cannot_come_into_force(users, dinas):
    twin = Sop.objects.create(
        opd=dinas, number="061.1 / 366", judul="Salinan lama"
    )  # bypassing the service, e.g. an old data load
    version = SopVersion.objects.create(sop=twin, version=1, judul="Salinan lama")
    services.save_procedure(
        user=system_user(),
        version=version,
        lanes=[{"label": "Sekretaris", "mapping": "none"}],
        steps=[{"number": 1, "uraian": "Satu", "lanes": [0]}],
    )
    services.submit(user=system_user(), version=version)
    with pytest.raises(ValidationError, match="SOP lain dengan nomor 061.1/366"):
        services.approve(user=users["kepala"], version=version)
    assert SopVersion.objects.get(pk=version.pk).status == "diajukan"
