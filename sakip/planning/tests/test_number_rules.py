"""Indicator configuration checks (issue 10 item 2, docs/capaian.md "Konfigurasi indikator"): aggregations that
do not fit the indicator, values that may be negative, whole-number satuan, per-quarter upper bounds of range
targets. Each bad input: a clear Indonesian message at the field, nothing saved."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from sakip.planning import services
from sakip.planning.models import Indicator, PredicateScale, Target
from sakip.planning.satuan import satuan_is_whole, satuan_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def orang(dinas, draft_renstra):
    """A count (satuan orang, aggregation sum) of the Seksi Rehabilitasi Sosial Anak — kabid may edit it."""
    return Indicator.objects.get(
        opd=dinas, node__renstra__start_year=2025, name__startswith="Jumlah anak dan lanjut usia"
    )


@pytest.fixture
def persen(dinas, draft_renstra):
    """A percentage (max, last) of the Bidang Rehabilitasi Sosial."""
    return Indicator.objects.get(
        opd=dinas, node__renstra__start_year=2025, name__startswith="Persentase PPKS terlantar"
    )


def _snapshot(ind):
    ind.refresh_from_db()
    targets = list(Target.objects.filter(indicator=ind).order_by("year").values())
    return model_to_dict(ind), targets


def _form_data(ind, **changes):
    """The indicator form as the browser posts it (every field), with `changes`."""
    data = {}
    for key, value in model_to_dict(ind).items():
        if key in ("id", "node", "opd"):
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        data[key] = "" if value is None else str(value)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


# --- the satuan list ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["orang", "Orang", "orang/tahun", "dokumen", "unit", "kegiatan", "KK", "lembaga"])
def test_counted_satuan_are_whole(text):
    assert satuan_is_whole(text)


@pytest.mark.parametrize("text", ["%", "persen", "indeks", "nilai", "", "hari", "menit", "predikat", "Rp"])
def test_measured_satuan_allow_decimals(text):
    assert not satuan_is_whole(text)


def test_satuan_key_is_the_first_word():
    assert satuan_key("  Dokumen RKT ") == "dokumen"
    assert satuan_key("orang/tahun") == "orang"


def test_the_indicator_flag_overrides_the_satuan(orang):
    assert orang.whole_number is None and orang.is_whole_number
    orang.whole_number = False
    assert not orang.is_whole_number
    orang.satuan, orang.whole_number = "%", True
    assert orang.is_whole_number


# --- aggregation that does not fit ------------------------------------------------------------------------------
@pytest.mark.parametrize("aggregation", ["sum", "average"])
def test_qualitative_indicator_cannot_be_summed_or_averaged(users, dinas, aggregation):
    ind = Indicator.objects.get(opd=dinas, node__renstra__start_year=2025, predicate_scale__isnull=False)
    before = _snapshot(ind)
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["admin"], indicator=ind, aggregation=aggregation)
    assert "Indikator kualitatif (skala predikat) tidak dapat diagregasi" in exc.value.message_dict["aggregation"][0]
    assert _snapshot(ind) == before


@pytest.mark.parametrize("aggregation", ["sum", "average"])
def test_binary_indicator_cannot_be_summed_or_averaged(users, persen, aggregation):
    before = _snapshot(persen)
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=persen, polarity="binary", aggregation=aggregation)
    assert "Indikator biner (ya/tidak) tidak dapat diagregasi" in exc.value.message_dict["aggregation"][0]
    assert _snapshot(persen) == before


def test_stabil_indicator_cannot_be_summed_but_may_be_averaged(users, persen):
    Target.objects.filter(indicator=persen).update(value_max=D(95))
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=persen, polarity="stabil", aggregation="sum")
    assert (
        "Indikator stabil (tetap di dalam rentang) tidak dapat diagregasi dengan jumlah"
        in (exc.value.message_dict["aggregation"][0])
    )
    persen.refresh_from_db()
    assert (persen.polarity, persen.aggregation) == ("max", "last")
    services.update_indicator(user=users["kabid"], indicator=persen, polarity="stabil", aggregation="average")
    persen.refresh_from_db()
    assert (persen.polarity, persen.aggregation) == ("stabil", "average")


def test_a_new_indicator_is_refused_too(users, orang):
    with pytest.raises(ValidationError) as exc:
        services.create_indicator(
            user=users["kabid"], node=orang.node, name="Tepat waktu", polarity="binary", aggregation="sum"
        )
    assert "aggregation" in exc.value.message_dict
    assert not Indicator.objects.filter(name="Tepat waktu").exists()


def test_model_clean_refuses_it_at_the_field(orang):
    orang.polarity = "binary"
    with pytest.raises(ValidationError) as exc:
        orang.full_clean()
    assert "Indikator biner (ya/tidak)" in exc.value.message_dict["aggregation"][0]


def test_the_indicator_form_shows_the_refusal_at_the_field_and_saves_nothing(client_for, orang):
    before = _snapshot(orang)
    response = client_for("kabid").post(
        f"/perencanaan/indikator/{orang.pk}/ubah/", _form_data(orang, polarity="binary", aggregation="sum")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "Indikator biner (ya/tidak) tidak dapat diagregasi dengan jumlah" in form.errors["aggregation"][0]
    assert "is-invalid" in str(form["aggregation"])  # the form renderer marks the field (sakip.core.renderers)
    assert "tidak dapat diagregasi dengan jumlah" in response.content.decode()
    assert _snapshot(orang) == before


def test_switching_to_binary_with_a_range_target_is_refused(users, persen):
    Target.objects.filter(indicator=persen, year=2026).update(value_max=D(99))
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=persen, polarity="binary")
    assert "indikator biner tidak memakai target rentang" in exc.value.message_dict["polarity"][0]


# --- values that may be negative ----------------------------------------------------------------------------------
def test_negative_target_refused_without_the_flag_with_the_existing_message(users, persen):
    before = _snapshot(persen)
    with pytest.raises(ValidationError) as exc:
        services.set_target(user=users["kabid"], indicator=persen, year=2027, value="-2,5")
    assert exc.value.message_dict["value"] == ["Target 2027 tidak boleh negatif."]
    assert _snapshot(persen) == before


def test_negative_target_accepted_when_the_indicator_allows_it(users, persen):
    services.update_indicator(user=users["kabid"], indicator=persen, allow_negative=True, baseline="-1,5")
    persen.refresh_from_db()
    assert persen.allow_negative and persen.baseline == D("-1.5")
    t = services.set_target(
        user=users["kabid"], indicator=persen, year=2027, value="-2,5", value_max="-1", quarters=["-3", "-2", "", ""]
    )
    assert (t.value, t.value_max, t.q1, t.q2) == (D("-2.5"), D(-1), D(-3), D(-2))
    # and cannot be switched off while a target is negative
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=persen, allow_negative=False)
    assert "Target tahun 2027 bernilai negatif" in exc.value.message_dict["allow_negative"][0]


def test_negative_baseline_refused_without_the_flag(users, persen):
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=persen, baseline="-1")
    assert "Baseline tidak boleh negatif." in exc.value.message_dict["baseline"]


def test_target_model_clean_refuses_negatives_without_the_flag(persen):
    t = Target(indicator=persen, year=2027, value=D(-1), q3=D(-2))
    with pytest.raises(ValidationError) as exc:
        t.clean()
    assert exc.value.message_dict == {"value": ["Target tidak boleh negatif."], "q3": ["TW III tidak boleh negatif."]}
    persen.allow_negative = True
    t.clean()


def test_the_indicator_form_offers_the_flags(client_for, persen):
    response = client_for("kabid").get(f"/perencanaan/indikator/{persen.pk}/ubah/")
    html = response.content.decode()
    assert 'name="allow_negative"' in html and "Dapat bernilai negatif" in html
    assert 'name="whole_number"' in html and "Menurut satuan" in html
    response = client_for("kabid").post(
        f"/perencanaan/indikator/{persen.pk}/ubah/",
        _form_data(persen, allow_negative="on", whole_number="False", baseline="-0,5"),
    )
    assert response.status_code == 302, response.context["form"].errors
    persen.refresh_from_db()
    assert persen.allow_negative and persen.whole_number is False and persen.baseline == D("-0.5")


def test_the_indicator_form_refuses_a_negative_baseline_at_the_field(client_for, persen):
    before = _snapshot(persen)
    response = client_for("kabid").post(f"/perencanaan/indikator/{persen.pk}/ubah/", _form_data(persen, baseline="-1"))
    assert response.status_code == 400
    assert response.context["form"].errors["baseline"] == ["Baseline tidak boleh negatif."]
    assert _snapshot(persen) == before


def test_target_editor_negative_value(client_for, persen):
    before = _snapshot(persen)
    response = client_for("kabid").post(f"/perencanaan/indikator/{persen.pk}/", {"y2027-value": "-3"})
    assert response.status_code == 400
    assert "Target 2027 tidak boleh negatif." in response.content.decode()
    assert _snapshot(persen) == before
    Indicator.objects.filter(pk=persen.pk).update(allow_negative=True)
    response = client_for("kabid").post(f"/perencanaan/indikator/{persen.pk}/", {"y2027-value": "-3"})
    assert response.status_code == 302
    assert Target.objects.get(indicator=persen, year=2027).value == D(-3)


# --- whole numbers ------------------------------------------------------------------------------------------------
def test_fraction_on_a_whole_number_satuan_is_refused(users, orang):
    before = _snapshot(orang)
    with pytest.raises(ValidationError) as exc:
        services.set_target(user=users["kabid"], indicator=orang, year=2027, value="481,5")
    assert exc.value.message_dict["value"] == ["Satuan orang harus bilangan bulat (Target 2027: 481,5)."]
    with pytest.raises(ValidationError) as exc:
        services.set_target(
            user=users["kabid"], indicator=orang, year=2027, value="480", quarters=["120,5", "", "", ""]
        )
    assert "Satuan orang harus bilangan bulat" in exc.value.message_dict["q1"][0]
    assert _snapshot(orang) == before


def test_whole_values_and_trailing_zeros_are_fine(users, orang):
    t = services.set_target(
        user=users["kabid"], indicator=orang, year=2027, value="480,00", quarters=["120", "", "", ""]
    )
    assert t.value == 480


def test_decimals_allowed_when_the_indicator_says_so(users, orang):
    orang = services.update_indicator(user=users["kabid"], indicator=orang, whole_number=False)
    t = services.set_target(user=users["kabid"], indicator=orang, year=2027, value="481,5")
    assert t.value == D("481.5")
    # back to whole numbers while a target is fractional: refused at the flag
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=orang, whole_number=True)
    assert "Target tahun 2027 berisi pecahan" in exc.value.message_dict["whole_number"][0]


def test_explicit_whole_flag_without_satuan(users, persen):
    from sakip.measurement.models import Realisasi

    Target.objects.filter(indicator=persen).delete()  # its percentages have decimals
    from sakip.core.dbguards import bypass

    with bypass():  # locked demo rows: the PostgreSQL guard lets a test clean-up through explicitly
        Realisasi.objects.filter(indicator=persen).update(value=None)  # and so have its realisasi
    persen = services.update_indicator(user=users["kabid"], indicator=persen, satuan="", whole_number=True)
    with pytest.raises(ValidationError) as exc:
        services.set_target(user=users["kabid"], indicator=persen, year=2027, value="2,5")
    assert exc.value.message_dict["value"] == ["Target 2027 harus bilangan bulat (2,5)."]


def test_target_editor_fraction_on_orang(client_for, orang):
    before = _snapshot(orang)
    response = client_for("kabid").post(f"/perencanaan/indikator/{orang.pk}/", {"y2027-value": "481,5"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Satuan orang harus bilangan bulat" in html
    assert "is-invalid" in response.context["rows"][2][1].fields["value"].widget.attrs["class"]
    assert _snapshot(orang) == before


def test_target_import_row_fraction_on_orang(client_for, orang):
    from io import BytesIO

    from openpyxl import Workbook

    from sakip.planning.importers import IndicatorImporter

    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in IndicatorImporter.columns])
    row = {c.key: "" for c in IndicatorImporter.columns}
    row.update(opd="Dinsospermasdes", tahun=2027, kode_kinerja=orang.node.code, indikator=orang.name, target="481,5")
    ws.append([row[c.key] for c in IndicatorImporter.columns])
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "impor.xlsx"
    before = _snapshot(orang)
    response = client_for("kabid").post("/perencanaan/indikator/impor/", {"file": buf})
    assert not response.context["ok"]
    assert any("Satuan orang harus bilangan bulat" in " ".join(r.errors) for r in response.context["rows"])
    assert _snapshot(orang) == before


# --- ranges: Tmax below T, ranges on binary, per-quarter upper bounds -----------------------------------------------
def test_upper_bound_below_target_is_refused(users, persen, client_for):
    before = _snapshot(persen)
    with pytest.raises(ValidationError) as exc:
        services.set_target(user=users["kabid"], indicator=persen, year=2027, value="90", value_max="80")
    assert exc.value.message_dict["value_max"] == ["Batas atas lebih kecil dari batas bawah."]
    response = client_for("kabid").post(
        f"/perencanaan/indikator/{persen.pk}/", {"y2027-value": "90", "y2027-value_max": "80"}
    )
    assert response.status_code == 400
    assert "Batas atas lebih kecil dari batas bawah." in response.content.decode()
    assert _snapshot(persen) == before


def test_range_on_a_binary_indicator_is_refused(users, persen, client_for):
    Indicator.objects.filter(pk=persen.pk).update(polarity="binary")
    persen.refresh_from_db()
    before = _snapshot(persen)
    with pytest.raises(ValidationError) as exc:
        services.set_target(user=users["kabid"], indicator=persen, year=2027, value="1", value_max="2")
    assert exc.value.message_dict["value_max"] == ["Indikator biner tidak memakai target rentang."]
    with pytest.raises(ValidationError) as exc:
        services.set_target(
            user=users["kabid"], indicator=persen, year=2027, value="1", quarters_max=["1", None, None, None]
        )
    assert "tidak memakai target rentang" in exc.value.message_dict["q1_max"][0]
    response = client_for("kabid").post(
        f"/perencanaan/indikator/{persen.pk}/", {"y2027-value": "1", "y2027-value_max": "2"}
    )
    assert response.status_code == 400
    assert "Indikator biner tidak memakai target rentang." in response.content.decode()
    assert _snapshot(persen) == before


def test_quarter_upper_bounds_are_stored(users, persen):
    t = services.set_target(
        user=users["kabid"],
        indicator=persen,
        year=2027,
        value="80",
        value_max="90",
        quarters=["20", "40", "60", "80"],
        quarters_max=["25", "45", "65", "90"],
    )
    assert t.quarters_max == [25, 45, 65, 90]
    # the PK's rencana aksi (quarters only) keeps the bounds
    t = services.set_quarters(user=users["kabid"], indicator=persen, year=2027, quarters=["21", "40", "60", "80"])
    assert t.q1 == 21 and t.quarters_max == [25, 45, 65, 90]


@pytest.mark.parametrize(
    ("quarters", "quarters_max", "field", "message"),
    [
        (
            ["20", "40", "60", "80"],
            ["15", "45", "65", "90"],
            "q1_max",
            "Batas atas TW I (15) lebih kecil dari target TW I (20).",
        ),
        (["20", "40", "60", "80"], ["25", "", "65", "90"], "q2_max", "Isi batas atas TW II juga"),
        (["20", "", "60", "80"], ["25", "45", "65", "90"], "q2_max", "Isi target TW II sebelum batas atasnya."),
    ],
)
def test_bad_quarter_upper_bounds_are_refused(users, persen, quarters, quarters_max, field, message):
    before = _snapshot(persen)
    with pytest.raises(ValidationError) as exc:
        services.set_target(
            user=users["kabid"],
            indicator=persen,
            year=2027,
            value="80",
            value_max="90",
            quarters=quarters,
            quarters_max=quarters_max,
        )
    assert message in exc.value.message_dict[field][0]
    assert _snapshot(persen) == before


def test_quarter_upper_bounds_need_an_annual_range(users, persen):
    with pytest.raises(ValidationError) as exc:
        services.set_target(
            user=users["kabid"],
            indicator=persen,
            year=2027,
            value="80",
            quarters=["20", "40", "60", "80"],
            quarters_max=["25", "45", "65", "90"],
        )
    assert "isi dulu batas atas target tahunan 2027" in exc.value.message_dict["q1_max"][0]


def test_cumulative_tw_iv_bound_equals_the_annual_one(users, persen):
    Indicator.objects.filter(pk=persen.pk).update(cumulative_targets=True)
    persen.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.set_target(
            user=users["kabid"],
            indicator=persen,
            year=2027,
            value="80",
            value_max="90",
            quarters=["20", "40", "60", "80"],
            quarters_max=["25", "45", "65", "88"],
        )
    assert "Batas atas TW IV kumulatif harus sama dengan batas atas tahunan (90)." in exc.value.message_dict["q4_max"]


def test_target_editor_shows_and_saves_quarter_bounds(client_for, persen):
    client = client_for("kabid")
    assert 'data-testid="quarter-max-row"' not in client.get(f"/perencanaan/indikator/{persen.pk}/").content.decode()
    data = {"y2027-value": "80", "y2027-value_max": "90"}
    data |= {f"y2027-q{i}": v for i, v in enumerate(["20", "40", "60", "80"], start=1)}
    data |= {f"y2027-q{i}_max": v for i, v in enumerate(["25", "45", "65", "90"], start=1)}
    response = client.post(f"/perencanaan/indikator/{persen.pk}/", data)
    assert response.status_code == 302
    assert Target.objects.get(indicator=persen, year=2027).quarters_max == [25, 45, 65, 90]
    html = client.get(f"/perencanaan/indikator/{persen.pk}/").content.decode()
    assert 'data-testid="quarter-max-row"' in html and 'name="y2027-q2_max"' in html and 'value="45"' in html
    assert 'name="y2028-q1_max"' not in html  # only the years whose target is a range
    # a bound below its quarter's target: the message under the row, the field marked, nothing saved
    data["y2027-q3_max"] = "50"
    before = _snapshot(persen)
    response = client.post(f"/perencanaan/indikator/{persen.pk}/", data)
    assert response.status_code == 400
    assert "Batas atas TW III (50) lebih kecil dari target TW III (60)." in response.content.decode()
    form = dict(response.context["rows"])[2027]
    assert "is-invalid" in form.fields["q3_max"].widget.attrs["class"]
    assert _snapshot(persen) == before


def test_no_quarter_bounds_row_for_binary_or_qualitative(client_for, dinas, persen):
    Indicator.objects.filter(pk=persen.pk).update(polarity="binary")
    html = client_for("kabid").get(f"/perencanaan/indikator/{persen.pk}/").content.decode()
    assert 'data-testid="quarter-max-row"' not in html
    scale = PredicateScale.objects.filter(pemda=dinas.pemda).first()
    Indicator.objects.filter(pk=persen.pk).update(polarity="max", predicate_scale=scale)
    Target.objects.filter(indicator=persen).update(value_max=D(95))
    html = client_for("kabid").get(f"/perencanaan/indikator/{persen.pk}/").content.decode()
    assert 'data-testid="quarter-max-row"' not in html


# --- switching the rules re-checks the recorded realisasi (measurement's hook) -----------------------------------
def _recorded_row(indicator, value):
    """A realisasi of the indicator recorded in the demo's current period under the rule in force then."""
    from sakip.measurement.models import Realisasi, UnitSubmission

    submission = UnitSubmission.objects.filter(period__opd=indicator.opd, period__year=2026).first()
    row = Realisasi.objects.filter(indicator=indicator).first()
    if row is None:
        row = Realisasi.objects.create(submission=submission, indicator=indicator, name=indicator.name)
    Realisasi.objects.filter(pk=row.pk).update(value=value)
    row.refresh_from_db()
    return row


def test_switching_whole_numbers_on_is_refused_while_a_realisasi_is_fractional(users, orang):
    orang = services.update_indicator(user=users["kabid"], indicator=orang, whole_number=False)
    row = _recorded_row(orang, D("80.5"))
    label = f"{row.submission.period.tw_label} {row.submission.period.year}, {row.submission.unit.name}"
    before = _snapshot(orang)
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=orang, whole_number=True)
    messages = exc.value.message_dict["whole_number"]
    assert any(f"Realisasi {label} (80,5) berisi pecahan" in m and "satuan orang" in m for m in messages), messages
    assert _snapshot(orang) == before
    # clearing the flag back to "menurut satuan" (orang → whole) is the same switch
    with pytest.raises(ValidationError):
        services.update_indicator(user=users["kabid"], indicator=orang, whole_number=None)
    # once the realisasi is corrected the switch goes through
    type(row).objects.filter(pk=row.pk).update(value=D(80))
    assert services.update_indicator(user=users["kabid"], indicator=orang, whole_number=True).is_whole_number


def test_switching_allow_negative_off_is_refused_while_a_realisasi_is_negative(users, persen):
    persen = services.update_indicator(user=users["kabid"], indicator=persen, allow_negative=True)
    row = _recorded_row(persen, D("-1.5"))
    label = f"{row.submission.period.tw_label} {row.submission.period.year}, {row.submission.unit.name}"
    with pytest.raises(ValidationError) as exc:
        services.update_indicator(user=users["kabid"], indicator=persen, allow_negative=False)
    messages = exc.value.message_dict["allow_negative"]
    assert any(f"Realisasi {label} bernilai negatif" in m for m in messages), messages
    persen.refresh_from_db()
    assert persen.allow_negative


def test_the_indicator_form_shows_the_realisasi_to_correct_at_the_field(client_for, users, persen):
    persen = services.update_indicator(user=users["kabid"], indicator=persen, allow_negative=True)
    _recorded_row(persen, D("-2"))
    data = _form_data(persen)
    data.pop("allow_negative", None)
    response = client_for("kabid").post(f"/perencanaan/indikator/{persen.pk}/ubah/", data)
    assert response.status_code == 400
    assert "bernilai negatif" in " ".join(response.context["form"].errors["allow_negative"])
    persen.refresh_from_db()
    assert persen.allow_negative


def test_an_unrelated_change_does_not_recheck_old_realisasi(users, orang):
    """A value recorded before the rule existed does not block editing the indicator's other fields."""
    _recorded_row(orang, D("80.5"))
    services.update_indicator(user=users["kabid"], indicator=orang, formula="Jumlah penerima layanan")
    orang.refresh_from_db()
    assert orang.formula == "Jumlah penerima layanan"
