"""Organisation invariants: assignments, superiors, NIP, derived holders and signer titles."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from sakip.organization.models import OPD, Assignment, Employee, Position, Unit, signer_title

pytestmark = pytest.mark.django_db


def kepala_position():
    return Position.objects.get(opd__akronim="Dinsospermasdes", is_opd_head=True)


def test_holder_on_a_date_is_derived_from_assignments(demo):
    pos = kepala_position()
    assert pos.holder_on(date(2021, 1, 18)).employee.name == "WIDARSO"
    plt = pos.holder_on(date(2022, 6, 1))
    assert plt.employee.name == "SUGENG AMIN" and plt.kind == Assignment.Kind.PLT
    assert pos.holder_on(date(2026, 1, 5)).employee.name == "HARYANTO WIBOWO"


def test_signer_title_in_the_seed_form_with_plt(demo):
    pos = kepala_position()
    assert signer_title(pos, date(2022, 10, 24)) == "Plt. Kepala Dinsospermasdes Kabupaten Banyumas"
    assert signer_title(pos, date(2021, 1, 18)) == "Kepala Dinsospermasdes Kabupaten Banyumas"


def test_signer_title_format_is_configurable_per_opd(demo):
    dinas = demo["dinas"]
    dinas.signer_title_format = "{prefix}{jabatan}"
    dinas.save()
    assert signer_title(kepala_position(), date(2022, 10, 24)) == "Plt. Kepala Dinsospermasdes"


def test_chain_of_superiors_reaches_the_bupati(demo):
    kasi = Position.objects.get(name="Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia")
    assert [p.name for p in kasi.superiors()] == [
        "Kepala Bidang Rehabilitasi Sosial",
        "Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
        "Bupati Banyumas",
    ]


def test_two_definitive_holders_at_once_are_refused(demo):
    pos = kepala_position()
    other = Employee.objects.filter(opd=demo["dinas"], kind="pns").exclude(name="HARYANTO WIBOWO").first()
    a = Assignment(employee=other, position=pos, kind=Assignment.Kind.DEFINITIF, start_date=date(2025, 1, 1))
    with pytest.raises(ValidationError) as exc:
        a.full_clean()
    assert "sudah dipegang secara definitif oleh Dr. HARYANTO WIBOWO" in str(exc.value)
    # A Plt. alongside is allowed (e.g. while the holder is on leave)
    Assignment(
        employee=other, position=pos, kind=Assignment.Kind.PLH, start_date=date(2025, 1, 1), end_date=date(2025, 1, 5)
    ).full_clean()


def test_superior_in_another_opd_is_refused(demo):
    kabid = Position.objects.get(name="Kepala Bidang Rehabilitasi Sosial")
    kabid.superior = Position.objects.get(opd=demo["bappeda"], is_opd_head=True)
    with pytest.raises(ValidationError) as exc:
        kabid.full_clean()
    assert "OPD yang sama" in exc.value.message_dict["superior"][0]


def test_a_cycle_of_superiors_is_refused(demo):
    kepala = kepala_position()
    kepala.superior = Position.objects.get(name="Kepala Bidang Rehabilitasi Sosial")
    with pytest.raises(ValidationError) as exc:
        kepala.full_clean()
    assert "lingkaran" in exc.value.message_dict["superior"][0]


def test_malformed_and_missing_nip_give_field_errors(demo):
    e = Employee(pemda=demo["pemda"], opd=demo["dinas"], name="UJI", kind="pns", nip="19671328 199302 1 001")
    with pytest.raises(ValidationError) as exc:
        e.full_clean()
    assert "tanggal lahir" in exc.value.message_dict["nip"][0]
    e.nip = ""
    with pytest.raises(ValidationError) as exc:
        e.full_clean()
    assert "wajib" in exc.value.message_dict["nip"][0]


def test_officials_without_nip_exist(demo):
    bupati = Employee.objects.get(name="ARIF PRASETYO")
    bupati.full_clean()
    assert bupati.nip is None and bupati.nip_display == ""


def test_deleting_a_unit_with_positions_is_protected(demo):
    unit = Unit.objects.get(opd=demo["dinas"], name="Seksi Penanganan Fakir Miskin")
    with pytest.raises(ProtectedError):
        unit.delete()


def test_unit_tree_and_kinds(demo):
    bidang = Unit.objects.filter(opd=demo["dinas"], kind=Unit.Kind.BIDANG)
    assert bidang.count() >= 4
    for b in bidang:
        assert b.children.filter(kind=Unit.Kind.SEKSI).exists()
    sekretariat = Unit.objects.get(opd=demo["dinas"], kind=Unit.Kind.SEKRETARIAT)
    assert sekretariat.children.filter(name__icontains="Perencanaan").exists()


def test_seed_agency_data(demo):
    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    assert (dinas.address, dinas.postal_code, dinas.phone, dinas.fax) == (
        "Jalan Pemuda Nomor 24 Purwokerto",
        "53132",
        "(0281) 636198",
        "633047",
    )
    sugeng = Employee.objects.get(nip="196701281993021001")
    assert (sugeng.full_name, sugeng.golongan.pangkat, sugeng.nip_display) == (
        "SUGENG AMIN, SH.MM",
        "Pembina Utama Muda",
        "19670128 199302 1 001",
    )
    widarso = Employee.objects.get(nip="196207281989011001")
    assert widarso.full_name == "Ir. WIDARSO, M.M"
    # every position of the Dinas is filled today
    vacant = [p.name for p in Position.objects.filter(opd=dinas) if p.holder_on() is None]
    assert vacant == []
    assert dinas.tim_sakip.filter(year=2022).exists() and dinas.tim_sakip.filter(year=date.today().year).exists()
