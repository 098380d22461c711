"""Bad input through the screens: a clear message at the field or row, status 400, nothing half-saved."""

from decimal import Decimal

import pytest

from sakip.planning.models import Indicator, Kinerja, Target

pytestmark = pytest.mark.django_db


def _own(dinas):
    return Indicator.objects.get(
        opd=dinas, node__renstra__start_year=2025, name__startswith="Jumlah anak dan lanjut usia"
    )


def test_non_numeric_target_row_error_and_nothing_saved(client_for, dinas, year):
    ind = _own(dinas)
    before = list(Target.objects.filter(indicator=ind).order_by("year").values_list("year", "value"))
    data = {f"y{y}-value": "500" for y in range(2025, 2030)}
    data[f"y{year}-value"] = "lima ratus"
    response = client_for("kabid").post(f"/perencanaan/indikator/{ind.pk}/", data)
    assert response.status_code == 400
    assert "bukan angka" in response.content.decode()
    assert list(Target.objects.filter(indicator=ind).order_by("year").values_list("year", "value")) == before


@pytest.mark.usefixtures("draft_renstra")
def test_targets_saved_with_decimal_comma(client_for, dinas):
    # a percentage (decimals allowed); the count "orang" of _own() must stay whole (test_number_rules.py)
    ind = Indicator.objects.get(opd=dinas, node__renstra__start_year=2025, name__startswith="Persentase PPKS terlantar")
    response = client_for("kabid").post(
        f"/perencanaan/indikator/{ind.pk}/", {"y2027-value": "481,5", "y2027-q1": "120"}
    )
    assert response.status_code == 302
    t = Target.objects.get(indicator=ind, year=2027)
    assert float(t.value) == 481.5 and t.q1 == 120


def test_cycle_via_the_node_form(client_for, dinas):
    top = Kinerja.objects.get(
        opd=dinas, renstra__start_year=2025, position__name="Kepala Bidang Rehabilitasi Sosial", level=2
    )
    child = Kinerja.objects.filter(parent=top, level=3).first()
    response = client_for("timsakip").post(
        f"/perencanaan/kinerja/{top.pk}/ubah/",
        {
            "parent": child.pk,
            "level": 2,
            "position": top.position_id,
            "statement": top.statement,
            "order": 0,
            "code": top.code,
            "year": "",
        },
    )
    assert response.status_code == 400
    assert Kinerja.objects.get(pk=top.pk).parent_id == top.parent_id


def test_node_year_outside_the_renstra(client_for, dinas, positions):
    parent = Kinerja.objects.get(
        opd=dinas, renstra__start_year=2025, position__name="Kepala Bidang Rehabilitasi Sosial", level=2
    )
    response = client_for("kabid").post(
        f"/perencanaan/renstra/{parent.renstra_id}/kinerja/tambah/",
        {
            "parent": parent.pk,
            "level": 4,
            "position": positions["Pekerja Sosial Ahli Muda"].pk,
            "statement": "x",
            "order": 0,
            "year": "2035",
        },
    )
    assert response.status_code == 400
    assert not Kinerja.objects.filter(statement="x").exists()


def test_delete_indicator_in_use_gives_400_with_message(client_for, dinas):
    ind = Indicator.objects.get(opd=dinas, node__renstra__start_year=2025, code="IKU 1")
    response = client_for("timsakip").post(f"/perencanaan/indikator/{ind.pk}/hapus/")
    assert response.status_code == 400
    assert Indicator.objects.filter(pk=ind.pk).exists()


def test_pk_actions_bad_input(client_for, dinas, year):
    from sakip.planning.models import PerjanjianKinerja

    signed = PerjanjianKinerja.objects.get(opd=dinas, year=year, position__name="Kepala Bidang Rehabilitasi Sosial")
    client = client_for("timsakip")
    assert client.post(f"/perencanaan/pk/{signed.pk}/sign/").status_code == 400
    assert client.post(f"/perencanaan/pk/{signed.pk}/perubahan/", {"reason": ""}).status_code == 400
    assert client.post(f"/perencanaan/pk/{signed.pk}/hapus-semua/").status_code == 404
    item = signed.items.first()
    response = client.post(
        f"/perencanaan/pk/{signed.pk}/renaksi/",
        {f"ind{item.indicator_id}-q{i}": v for i, v in zip(range(1, 5), ["x", "1", "2", "3"])},
    )
    assert response.status_code == 400 and "bukan angka" in response.content.decode()
    response = client.post(f"/perencanaan/pk/{signed.pk}/perubahan/", {"reason": "Pergantian pejabat"})
    assert response.status_code == 302
    assert PerjanjianKinerja.objects.filter(supersedes=signed).exists()


def test_pk_create_without_cascade(client_for, positions, year):
    response = client_for("timsakip").post(
        "/perencanaan/pk/susun/", {"position": positions["Kepala Seksi Jaminan Sosial Keluarga"].pk, "year": year}
    )
    assert response.status_code == 400
    assert "pohon kinerja" in response.content.decode()


def test_start_next_year_outside_renstra(client_for, dinas):
    from sakip.planning.models import Renstra

    renstra = Renstra.objects.get(opd=dinas, start_year=2025)
    response = client_for("timsakip").post(f"/perencanaan/renstra/{renstra.pk}/tahun-berikutnya/", {"year": 2029})
    assert response.status_code == 400
    assert (
        client_for("kabid").post(f"/perencanaan/renstra/{renstra.pk}/tahun-berikutnya/", {"year": 2026}).status_code
        == 403
    )


def test_crosscutting_duplicate_is_a_form_error(client_for, dinas, demo):
    from sakip.organization.models import Unit

    iku = Indicator.objects.get(opd=dinas, node__renstra__start_year=2025, code="IKU 2")
    unit = Unit.objects.get(opd=demo["bappeda"], name="Subbidang Data")
    response = client_for("timsakip").post(
        "/perencanaan/crosscutting/", {"indicator": iku.pk, "unit": unit.pk, "role": "pendukung", "description": ""}
    )
    assert response.status_code == 400
    assert client_for("pemda").post("/perencanaan/crosscutting/", {"indicator": iku.pk}).status_code == 403


@pytest.mark.usefixtures("draft_renstra")
def test_range_target_on_a_max_indicator_through_the_page(client_for, dinas):
    """PermenPAN-RB 8/2021: a max indicator takes a range target; Tmax below T is refused at the field."""
    ind = _own(dinas)
    assert ind.polarity == "max"
    client = client_for("kabid")
    page = client.get(f"/perencanaan/indikator/{ind.pk}/").content.decode()
    assert 'name="y2027-value_max"' in page
    bad = client.post(f"/perencanaan/indikator/{ind.pk}/", {"y2027-value": "480", "y2027-value_max": "470"})
    assert bad.status_code == 400
    assert "Batas atas lebih kecil dari batas bawah" in bad.content.decode()
    assert Target.objects.get(indicator=ind, year=2027).value_max is None
    good = client.post(f"/perencanaan/indikator/{ind.pk}/", {"y2027-value": "480", "y2027-value_max": "500"})
    assert good.status_code == 302
    t = Target.objects.get(indicator=ind, year=2027)
    assert (t.value, t.value_max) == (480, 500)


@pytest.mark.usefixtures("draft_renstra")
@pytest.mark.parametrize("typed", ["99999999999999999999999", "100000000000000"])
def test_target_over_the_digits_refused_at_the_field(client_for, dinas, typed):
    """Issue 10 item 5: 10^23 and 10^14 do not fit Target (18 digits, 4 decimals); nothing is saved."""
    ind = _own(dinas)
    before = list(Target.objects.filter(indicator=ind).order_by("year").values_list("year", "value", "q1"))
    client = client_for("kabid")
    for field in ("value", "q1", "value_max"):
        data = {"y2027-value": "480", f"y2027-{field}": typed}
        response = client.post(f"/perencanaan/indikator/{ind.pk}/", data)
        assert response.status_code == 400, field
        assert "Angka terlalu besar: paling banyak 14 digit sebelum koma" in response.content.decode()
    assert list(Target.objects.filter(indicator=ind).order_by("year").values_list("year", "value", "q1")) == before


@pytest.mark.usefixtures("draft_renstra")
def test_target_with_too_many_decimals_refused(client_for, dinas):
    ind = _own(dinas)
    response = client_for("kabid").post(f"/perencanaan/indikator/{ind.pk}/", {"y2027-value": "480,123456"})
    assert response.status_code == 400
    assert "Terlalu banyak angka di belakang koma: paling banyak 4" in response.content.decode()
    assert Target.objects.get(indicator=ind, year=2027).value != Decimal("480.123456")
