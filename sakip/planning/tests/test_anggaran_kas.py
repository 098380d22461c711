"""Anggaran kas (rencana penarikan dana) per triwulan of a programme: the service's rules, the form
with its permission matrix, and the Excel import (docs/rules.md §1)."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from sakip.planning import services
from sakip.planning.models import BudgetItem, Pagu

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(renstra):
    """The Bidang Rehabilitasi Sosial's programme (1.06.04) in the current Renstra, without anggaran kas
    (the demo records one)."""
    item = BudgetItem.objects.get(renstra=renstra, nomenclature__code="1.06.04")
    Pagu.objects.filter(item=item).update(kas_tw1=None, kas_tw2=None, kas_tw3=None, kas_tw4=None)
    return item


@pytest.fixture
def kas_year(renstra):
    return renstra.start_year + 1


def _pagu(program, year):
    return Pagu.objects.get(item=program, year=year)


def test_kas_until_sums_the_quarters_and_is_none_while_not_recorded(program, kas_year):
    p = _pagu(program, kas_year)
    p.kas_tw1 = p.kas_tw2 = p.kas_tw3 = p.kas_tw4 = None
    assert p.kas_until(1) is None and not p.has_kas
    p.kas_tw1, p.kas_tw2, p.kas_tw3, p.kas_tw4 = D(10), D(20), D(30), D(40)
    assert [p.kas_until(n) for n in (1, 2, 3, 4)] == [D(10), D(30), D(60), D(100)]


def test_set_anggaran_kas_saves_and_is_audited(users, program, kas_year):
    amount = _pagu(program, kas_year).amount
    q = (amount * D("0.2")).quantize(D(1))
    pagu = services.set_anggaran_kas(
        user=users["timsakip"], item=program, year=kas_year, amount=amount, quarters=[q, q, q, amount - 3 * q]
    )
    pagu.refresh_from_db()
    assert pagu.kas == [q, q, q, amount - 3 * q] and pagu.kas_until(2) == 2 * q
    assert pagu.history.first().kas_tw1 == q


def test_the_quarters_must_sum_to_the_pagu(users, program, kas_year):
    with pytest.raises(ValidationError) as exc:
        services.set_anggaran_kas(
            user=users["timsakip"], item=program, year=kas_year, amount="1000", quarters=["100", "200", "300", "300"]
        )
    assert "harus sama dengan pagu" in " ".join(exc.value.messages)
    assert not _pagu(program, kas_year).has_kas


def test_all_four_quarters_or_none(users, program, kas_year):
    with pytest.raises(ValidationError) as exc:
        services.set_anggaran_kas(
            user=users["timsakip"], item=program, year=kas_year, amount="1000", quarters=["500", "", "500", ""]
        )
    assert set(exc.value.message_dict) == {"kas_tw2", "kas_tw4"}
    assert "boleh 0" in exc.value.message_dict["kas_tw2"][0]
    # None at all clears it (the pagu alone is saved).
    pagu = services.set_anggaran_kas(
        user=users["timsakip"], item=program, year=kas_year, amount="1000", quarters=["", "", "", ""]
    )
    assert pagu.amount == 1000 and not pagu.has_kas


def test_a_negative_or_non_numeric_quarter_is_refused_at_its_field(users, program, kas_year):
    with pytest.raises(ValidationError) as exc:
        services.set_anggaran_kas(
            user=users["timsakip"], item=program, year=kas_year, amount="1000", quarters=["-1", "abc", "500", "501"]
        )
    assert "tidak boleh negatif" in exc.value.message_dict["kas_tw1"][0]
    assert "bukan angka" in exc.value.message_dict["kas_tw2"][0]


def test_a_kegiatan_and_another_unit_are_refused(users, renstra, program, kas_year):
    kegiatan = BudgetItem.objects.filter(renstra=renstra, level="kegiatan").first()
    with pytest.raises(ValidationError):
        services.set_anggaran_kas(user=users["timsakip"], item=kegiatan, year=kas_year, amount="1", quarters=[])
    other = BudgetItem.objects.filter(renstra=renstra, level="program").exclude(unit=program.unit).first()
    with pytest.raises(PermissionDenied):
        services.set_anggaran_kas(
            user=users["kabid"], item=other, year=kas_year, amount="4", quarters=["1", "1", "1", "1"]
        )


def test_changing_the_pagu_alone_cannot_break_its_anggaran_kas(users, program, kas_year):
    services.set_anggaran_kas(
        user=users["timsakip"], item=program, year=kas_year, amount="1000", quarters=["100", "200", "300", "400"]
    )
    with pytest.raises(ValidationError) as exc:
        services.set_pagu(user=users["timsakip"], item=program, year=kas_year, amount="2000")
    assert "anggaran kas" in exc.value.message_dict["amount"][0]
    assert _pagu(program, kas_year).amount == 1000
    services.set_pagu(user=users["timsakip"], item=program, year=kas_year, amount="1000")  # unchanged is fine


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("timsakip", 200),
        ("sekretaris", 200),
        ("kabid", 200),
        ("operator", 200),
        ("kabid2", 403),
        ("inspektorat", 403),
        ("pemda", 403),
    ],
)
def test_the_form_permission_matrix(client_for, program, kas_year, username, status):
    response = client_for(username).get(f"/perencanaan/program/{program.pk}/anggaran-kas/?tahun={kas_year}")
    assert response.status_code == status


def test_the_form_saves_and_shows_errors_at_the_field(client_for, program, kas_year, renstra):
    client = client_for("kabid")
    url = f"/perencanaan/program/{program.pk}/anggaran-kas/?tahun={kas_year}"
    bad = {"amount": "1.000.000", "kas_tw1": "100.000", "kas_tw2": "", "kas_tw3": "", "kas_tw4": ""}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "boleh 0" in str(response.context["form"].errors["kas_tw2"])
    assert not _pagu(program, kas_year).has_kas
    good = {
        "amount": "1.000.000",
        "kas_tw1": "100.000,00",
        "kas_tw2": "200000",
        "kas_tw3": "300000",
        "kas_tw4": "400000",
    }
    response = client.post(url, good)
    assert response.status_code == 302
    assert _pagu(program, kas_year).kas == [D(100000), D(200000), D(300000), D(400000)]
    page = client.get(f"/perencanaan/renstra/{renstra.pk}/?tahun={kas_year}").content.decode()
    assert "100.000 / 200.000 / 300.000 / 400.000" in page


def test_the_renstra_page_offers_the_links_only_to_writers(client_for, renstra, program, kas_year):
    url = f"/perencanaan/renstra/{renstra.pk}/?tahun={kas_year}"
    edit = f"/perencanaan/program/{program.pk}/anggaran-kas/"
    assert edit in client_for("kabid").get(url).content.decode()
    page = client_for("inspektorat").get(url).content.decode()
    assert edit not in page and "/anggaran-kas/impor/" not in page


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode program", "Tahun", "Pagu (Rp)", "Anggaran kas TW I (Rp)", "TW II", "TW III", "TW IV"])
    ws.cell(row=1, column=5, value="Anggaran kas TW II (Rp)")
    ws.cell(row=1, column=6, value="Anggaran kas TW III (Rp)")
    ws.cell(row=1, column=7, value="Anggaran kas TW IV (Rp)")
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "kas.xlsx"
    return buf


def test_import_preview_apply_and_row_errors(client_for, renstra, program, kas_year):
    client = client_for("timsakip")
    url = f"/perencanaan/renstra/{renstra.pk}/anggaran-kas/impor/"
    amount = _pagu(program, kas_year).amount
    q = (amount / 4).quantize(D(1))
    good = ["1.06.04", kas_year, None, float(q), float(q), float(q), float(amount - 3 * q)]
    bad = ["9.99.99", kas_year, 100, 25, 25, 25, 25]
    response = client.post(url, {"file": _xlsx([good, bad])})
    assert response.status_code == 200 and not response.context["ok"]
    errors = [e for r in response.context["rows"] for e in r.errors]
    assert any("9.99.99" in e for e in errors)
    response = client.post(url, {"file": _xlsx([good])})
    assert response.context["ok"]
    assert not _pagu(program, kas_year).has_kas  # the preview writes nothing
    response = client.post(url, {"token": response.context["token"]})
    assert response.status_code == 302
    assert _pagu(program, kas_year).kas_until(4) == amount


def test_import_refuses_another_units_programme_per_row(client_for, renstra, kas_year):
    other = BudgetItem.objects.filter(renstra=renstra, level="program").exclude(unit__name__icontains="Rehabilitasi")
    code = other.first().nomenclature.code
    response = client_for("kabid").post(
        f"/perencanaan/renstra/{renstra.pk}/anggaran-kas/impor/", {"file": _xlsx([[code, kas_year, 4, 1, 1, 1, 1]])}
    )
    assert not response.context["ok"]
    assert any("tidak berwenang" in e for r in response.context["rows"] for e in r.errors)


def test_import_template(client_for, renstra):
    from openpyxl import load_workbook

    response = client_for("timsakip").get(f"/perencanaan/renstra/{renstra.pk}/anggaran-kas/impor/?template=1")
    headers = [c.value for c in load_workbook(BytesIO(response.content)).active[1]]
    assert headers[:2] == ["Kode program", "Tahun"] and "Anggaran kas TW IV (Rp)" in headers
