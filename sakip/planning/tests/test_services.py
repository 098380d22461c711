"""Writes: the cascade, indicators, targets, crosscutting, budget, bad input (nothing half-saved)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.planning import services
from sakip.planning.models import BudgetItem, Crosscutting, Indicator, Kinerja, Pagu, Renstra, Target

pytestmark = pytest.mark.django_db


def test_create_node_and_indicator_in_own_unit(users, renstra, node_of, positions):
    parent = node_of("Kepala Bidang Rehabilitasi Sosial", 2)
    kasi = positions["Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"]
    node = services.create_node(
        user=users["kabid"],
        renstra=renstra,
        level=3,
        position=kasi,
        statement="Meningkatnya lansia terlantar yang mendapat layanan",
        parent=parent,
    )
    assert node.opd_id == renstra.opd_id and node.unit_id == kasi.unit_id
    ind = services.create_indicator(
        user=users["kabid"], node=node, name="Jumlah lansia terlantar yang terlayani", satuan="orang", baseline="150"
    )
    assert ind.pj_position_id == kasi.pk and ind.baseline == Decimal(150)


def test_level_must_fit_the_position(users, renstra, node_of, positions):
    with pytest.raises(ValidationError) as exc:
        services.create_node(
            user=users["timsakip"],
            renstra=renstra,
            level=2,
            position=positions["Kepala Seksi Penanganan Fakir Miskin"],
            statement="x",
            parent=node_of("Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa", 1),
        )
    assert "position" in exc.value.message_dict


def test_lower_levels_need_a_parent(users, renstra, positions):
    with pytest.raises(ValidationError) as exc:
        services.create_node(
            user=users["timsakip"],
            renstra=renstra,
            level=3,
            position=positions["Kepala Seksi Penanganan Fakir Miskin"],
            statement="x",
        )
    assert "parent" in exc.value.message_dict


def test_cycle_in_the_cascade_is_rejected(users, node_of):
    top = node_of("Kepala Bidang Rehabilitasi Sosial", 2)
    child = node_of("Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", 3)
    before = Kinerja.objects.get(pk=top.pk).parent_id
    with pytest.raises(ValidationError) as exc:
        services.update_node(user=users["timsakip"], node=top, parent=child)
    assert "lingkaran" in " ".join(exc.value.messages) or "jenjang" in " ".join(exc.value.messages)
    assert Kinerja.objects.get(pk=top.pk).parent_id == before


def test_cycle_detection_itself(users, renstra, node_of, positions):
    staff = positions["Pengelola Data Rehabilitasi Sosial Anak dan Lanjut Usia"]
    kasi_node = node_of("Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", 3)
    leaf = Kinerja.objects.filter(position=staff).first()
    assert services._would_cycle(kasi_node, leaf)
    assert not services._would_cycle(leaf, kasi_node)


def test_year_outside_the_renstra_is_rejected(users, renstra, node_of, positions):
    with pytest.raises(ValidationError) as exc:
        services.create_node(
            user=users["kabid"],
            renstra=renstra,
            level=4,
            position=positions["Pekerja Sosial Ahli Muda"],
            statement="x",
            parent=node_of("Kepala Bidang Rehabilitasi Sosial", 2),
            year=2031,
        )
    assert "year" in exc.value.message_dict


@pytest.mark.usefixtures("draft_renstra")
def test_targets_accept_decimal_comma_and_quarters(users, node_of):
    ind = node_of("Kepala Bidang Rehabilitasi Sosial", 2).indicators.first()
    t = services.set_target(
        user=users["kabid"], indicator=ind, year=2027, value="82,5", quarters=["20", "40,5", "60", "82,5"]
    )
    assert t.value == Decimal("82.5") and t.quarters == [Decimal(20), Decimal("40.5"), Decimal(60), Decimal("82.5")]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 2027, "value": "delapan puluh"}, "value"),
        ({"year": 2027, "value": "-5"}, "value"),
        ({"year": 2031, "value": "80"}, "year"),
        ({"year": 2017, "value": "80"}, "year"),
        ({"year": "dua ribu", "value": "80"}, "year"),
        ({"year": 2027, "value": "80", "quarters": ["x", "1", "2", "3"]}, "q1"),
        ({"year": 2027, "value": "80", "value_max": "90"}, "value_max"),
        ({"year": 2027, "value_text": "Baik"}, "value_text"),
    ],
)
def test_bad_targets_are_rejected_and_nothing_changes(users, node_of, kwargs, field):
    ind = node_of("Kepala Bidang Rehabilitasi Sosial", 2).indicators.first()
    before = list(Target.objects.filter(indicator=ind).values_list("year", "value", "q1"))
    with pytest.raises(ValidationError) as exc:
        services.set_target(user=users["kabid"], indicator=ind, **kwargs)
    assert field in exc.value.message_dict
    assert list(Target.objects.filter(indicator=ind).values_list("year", "value", "q1")) == before


@pytest.mark.usefixtures("draft_renstra")
def test_qualitative_target_must_be_in_the_scale(users, dinas):
    iku = Indicator.objects.get(opd=dinas, code="IKU 4", node__renstra__start_year=2025)
    assert services.set_target(user=users["timsakip"], indicator=iku, year=2027, value_text="A").value_text == "A"
    with pytest.raises(ValidationError):
        services.set_target(user=users["timsakip"], indicator=iku, year=2027, value_text="Luar biasa")
    with pytest.raises(ValidationError):
        services.set_target(user=users["timsakip"], indicator=iku, year=2027, value="90")


@pytest.mark.usefixtures("draft_renstra")
def test_range_targets_need_a_valid_upper_bound(users, node_of):
    ind = node_of("Kepala Bidang Rehabilitasi Sosial", 2).indicators.first()
    services.update_indicator(user=users["kabid"], indicator=ind, polarity="range")
    ind.refresh_from_db()
    with pytest.raises(ValidationError):
        services.set_target(user=users["kabid"], indicator=ind, year=2027, value="80")
    with pytest.raises(ValidationError):
        services.set_target(user=users["kabid"], indicator=ind, year=2027, value="80", value_max="70")
    assert services.set_target(
        user=users["kabid"], indicator=ind, year=2027, value="80", value_max="90"
    ).value_max == Decimal(90)


def test_cumulative_q4_must_equal_the_annual_target(users, node_of):
    ind = node_of("Kepala Bidang Rehabilitasi Sosial", 2).indicators.first()
    services.update_indicator(user=users["kabid"], indicator=ind, cumulative_targets=True)
    ind.refresh_from_db()
    with pytest.raises(ValidationError):
        services.set_target(
            user=users["kabid"], indicator=ind, year=2027, value="80", quarters=["20", "40", "60", "70"]
        )


def test_year_specific_indicator_accepts_only_its_year(users, year, positions):
    node = Kinerja.objects.filter(position=positions["Pekerja Sosial Ahli Muda"], year=year).first()
    ind = node.indicators.first()
    with pytest.raises(ValidationError):
        services.set_target(user=users["kabid"], indicator=ind, year=year + 1, value="5")


def test_deleting_an_indicator_with_realisasi_is_refused(users, renstra, node_of, positions):
    kasi = positions["Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"]
    node = services.create_node(
        user=users["kabid"],
        renstra=renstra,
        level=3,
        position=kasi,
        statement="Hasil uji",
        parent=node_of("Kepala Bidang Rehabilitasi Sosial", 2),
    )
    ind = services.create_indicator(user=users["kabid"], node=node, name="Indikator uji", satuan="orang")

    def has_realisasi(indicator):
        return indicator.pk == ind.pk

    services.register_realisasi_check(has_realisasi)
    try:
        assert services.indicator_has_realisasi(ind)
        with pytest.raises(ValidationError) as exc:
            services.delete_indicator(user=users["kabid"], indicator=ind)
        assert "realisasi" in exc.value.messages[0]
        assert Indicator.objects.filter(pk=ind.pk).exists()
    finally:
        services.unregister_realisasi_check(has_realisasi)
    assert not services.indicator_has_realisasi(ind)
    services.delete_indicator(user=users["kabid"], indicator=ind)
    assert not Indicator.objects.filter(pk=ind.pk).exists()


def test_indicator_in_a_pk_or_with_children_cannot_be_deleted(users, dinas):
    iku = Indicator.objects.get(opd=dinas, code="IKU 1", node__renstra__start_year=2025)
    with pytest.raises(ValidationError):
        services.delete_indicator(user=users["timsakip"], indicator=iku)


def test_node_with_children_cannot_be_deleted(users, node_of):
    with pytest.raises(ValidationError):
        services.delete_node(user=users["timsakip"], node=node_of("Kepala Bidang Rehabilitasi Sosial", 2))


def test_iku_only_at_sasaran_level(users, node_of):
    with pytest.raises(ValidationError) as exc:
        services.create_indicator(
            user=users["kabid"], node=node_of("Kepala Bidang Rehabilitasi Sosial", 2), name="x", is_iku=True
        )
    assert "is_iku" in exc.value.message_dict


def test_crosscutting_links(users, dinas, demo):
    from sakip.organization.models import Unit

    iku = Indicator.objects.get(opd=dinas, code="IKU 1", node__renstra__start_year=2025)
    bappeda_unit = Unit.objects.get(opd=demo["bappeda"], name="Sekretariat")
    link = services.add_crosscutting(
        user=users["timsakip"], indicator=iku, unit=bappeda_unit, role="pendukung", description="data"
    )
    assert link.contributor_opd_id == demo["bappeda"].pk and link.opd_id == dinas.pk
    with pytest.raises(ValidationError):
        services.add_crosscutting(user=users["timsakip"], indicator=iku, unit=bappeda_unit)
    with pytest.raises(PermissionDenied):
        services.add_crosscutting(user=users["kabid"], indicator=iku, unit=bappeda_unit)
    services.remove_crosscutting(user=users["timsakip"], link=link)
    assert not Crosscutting.objects.filter(pk=link.pk).exists()


def test_budget_items_need_a_valid_code_and_parent(users, renstra):
    with pytest.raises(ValidationError):
        services.add_budget_item(user=users["timsakip"], renstra=renstra, code="9.99.99")
    with pytest.raises(ValidationError):
        services.add_budget_item(user=users["timsakip"], renstra=renstra, code="1.06")  # bidang urusan, not a program
    item = services.add_budget_item(user=users["timsakip"], renstra=renstra, code="1.06.07", pagu={2027: "125.000.000"})
    assert Pagu.objects.get(item=item, year=2027).amount == Decimal(125000000)
    with pytest.raises(ValidationError):
        services.set_pagu(user=users["timsakip"], item=item, year=2035, amount="1")
    with pytest.raises(ValidationError):
        services.set_pagu(user=users["timsakip"], item=item, year=2027, amount="banyak")
    assert BudgetItem.objects.filter(renstra=renstra, nomenclature__code="1.06.07.2.01").count() == 0


def test_renstra_periods_do_not_overlap(users, dinas):
    with pytest.raises(ValidationError):
        services.create_renstra(user=users["timsakip"], opd=dinas, start_year=2027, end_year=2031)
    with pytest.raises(PermissionDenied):
        services.create_renstra(user=users["kabid"], opd=dinas, start_year=2030, end_year=2034)
    r = services.create_renstra(user=users["timsakip"], opd=dinas, start_year=2030, end_year=2034)
    assert r.status == Renstra.Status.DRAFT
    services.adopt_renstra(user=users["kepala"], renstra=r, on=date(2030, 5, 1))
    r = Renstra.objects.get(pk=r.pk)
    assert r.status == Renstra.Status.DITETAPKAN and r.adopted_on == date(2030, 5, 1)
    with pytest.raises(ValidationError):
        services.adopt_renstra(user=users["kepala"], renstra=r)


def test_parse_number_forms():
    assert services.parse_number("1.234,5", "x") == Decimal("1234.5")
    assert services.parse_number("6,5", "x") == Decimal("6.5")
    assert services.parse_number(6.5, "x") == Decimal("6.5")
    assert services.parse_number("", "x") is None
    for bad in ("abc", "1,2,3x", True):
        with pytest.raises(ValidationError):
            services.parse_number(bad, "x")
