"""Category bands per Pemda, set by an administrator on a screen (issue "Figures a Kepala can sign",
item 1): validation, permission, history, and the engine using them wherever categories are computed."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.measurement import figures as F
from sakip.measurement.models import Period
from sakip.planning import bands as B
from sakip.planning import capaian as engine
from sakip.planning import services
from sakip.planning.models import CapaianBands
from sakip.reporting import dpk

pytestmark = pytest.mark.django_db

STRICT = [("Sangat Baik", "95"), ("Baik", "85"), ("Cukup", "70"), ("Kurang", "")]


@pytest.fixture(autouse=True)
def _fresh_cache():
    B.clear_cache()
    yield
    B.clear_cache()


def test_valid_bands_are_stored_top_down_with_an_open_bottom():
    assert B.validate(STRICT) == [["95", "Sangat Baik"], ["85", "Baik"], ["70", "Cukup"], [None, "Kurang"]]
    assert B.validate([("A", "90,5"), ("", ""), ("B", "")]) == [["90.5", "A"], [None, "B"]]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [("A", "70"), ("B", "80"), ("C", "")],
            "harus menurun dari atas ke bawah: B (80) tidak lebih kecil dari A (70)",
        ),
        ([("A", "70"), ("B", "70"), ("C", "")], "tumpang tindih"),
        ([("A", "90"), ("B", ""), ("C", "")], "Batas bawah kategori B wajib diisi."),
        ([("A", "90"), ("B", "10")], "Kategori paling bawah (B) tidak memakai batas bawah"),
        ([("A", "x"), ("B", "")], 'Batas bawah kategori A "x" bukan angka.'),
        ([("A", "90"), ("A", "")], "Nama kategori tidak boleh sama."),
        ([("A", "")], "Isi paling sedikit dua kategori."),
        ([("", "90"), ("B", "")], "Kategori ke-1 belum diberi nama."),
    ],
)
def test_invalid_bands_are_refused_with_a_clear_message(rows, message):
    with pytest.raises(ValidationError) as exc:
        B.validate(rows)
    assert any(message in m for m in exc.value.messages), exc.value.messages


def test_only_an_administrator_sets_them_and_every_change_is_in_the_history(demo, users):
    pemda = demo["pemda"]
    with pytest.raises(PermissionDenied):
        services.set_bands(user=users["sekretaris"], pemda=pemda, rows=STRICT)
    obj = services.set_bands(user=users["admin"], pemda=pemda, rows=STRICT)
    services.reset_bands(user=users["admin"], pemda=pemda)
    history = list(obj.history.order_by("history_date", "history_id"))
    assert [h.bands for h in history] == [
        [["95", "Sangat Baik"], ["85", "Baik"], ["70", "Cukup"], [None, "Kurang"]],
        [],
    ]
    assert all(h.history_user == users["admin"] for h in history)


def test_the_engine_gets_the_pemdas_bands_wherever_categories_are_computed(demo, users):
    dinas = demo["dinas"]
    period = Period.objects.exclude(status=Period.Status.DIBATALKAN).get(opd=dinas, year=2022, triwulan=4)
    before = dpk.build(period)
    assert F.bands(dinas.pk) is None
    services.set_bands(user=users["admin"], pemda=demo["pemda"], rows=STRICT)
    own = F.bands(dinas.pk)
    assert own == [(D("95"), "Sangat Baik"), (D("85"), "Baik"), (D("70"), "Cukup"), (D("-Infinity"), "Kurang")]
    after = dpk.build(period)
    assert after.all_lines
    for old, new in zip(before.all_lines, after.all_lines, strict=True):
        assert new.percent == old.percent  # the figures stay; only their category follows the bands
        if new.percent is not None:
            assert new.category == engine.category_for(new.percent, own)
    assert after.summary["category"] == engine.category_for(after.summary["average"], own)
    assert "≥ 95 Sangat Baik; 85–< 95 Baik; 70–< 85 Cukup; < 70 Kurang" == after.bands_text
    # Another Pemda's OPD keeps the defaults; a reset brings them back here too.
    services.reset_bands(user=users["admin"], pemda=demo["pemda"])
    assert F.bands(dinas.pk) is None
    assert [ln.category for ln in dpk.build(period).all_lines] == [ln.category for ln in before.all_lines]


def test_the_screen_for_administrators(client_for, demo):
    url = f"/perencanaan/kategori-capaian/?pemda={demo['pemda'].pk}"
    assert client_for("sekretaris").get(url).status_code == 403
    assert client_for("inspektorat").get(url).status_code == 403
    client = client_for("admin")
    page = client.get(url).content.decode()
    assert "Berlaku: kategori bawaan" in page and "≥ 91 Sangat Tinggi" in page
    assert 'name="label_1" value="Sangat Tinggi"' in page and 'name="lower_1" value="91"' in page
    bad = {"pemda": demo["pemda"].pk, "label_1": "A", "lower_1": "70", "label_2": "B", "lower_2": "80", "label_3": "C"}
    response = client.post(url, bad)
    assert response.status_code == 400 and "tumpang tindih" in response.content.decode()
    assert not CapaianBands.objects.filter(pemda=demo["pemda"]).exists()
    good = {"pemda": demo["pemda"].pk}
    for i, (label, lower) in enumerate(STRICT, start=1):
        good[f"label_{i}"], good[f"lower_{i}"] = label, lower
    response = client.post(url, good)
    assert response.status_code == 302
    assert CapaianBands.objects.get(pemda=demo["pemda"]).bands[0] == ["95", "Sangat Baik"]
    assert "≥ 95 Sangat Baik" in client.get(url).content.decode()
    assert client.post(url, {"pemda": demo["pemda"].pk, "reset": "1"}).status_code == 302
    assert CapaianBands.objects.get(pemda=demo["pemda"]).bands == []
