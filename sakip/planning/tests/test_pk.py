"""Perjanjian Kinerja: parties from assignments (Plt. shown, the Bupati without NIP), items from the
cascade, budget, draft → ditandatangani, PK Perubahan versioned, proposals, a new year from the last."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.organization.models import Assignment, Employee
from sakip.planning import selectors, services
from sakip.planning.models import Kinerja, PerjanjianKinerja, Target

pytestmark = pytest.mark.django_db


def test_demo_pk_2022_kepala_is_signed_by_the_plt_with_the_bupati(dinas):
    pk = PerjanjianKinerja.objects.get(opd=dinas, year=2022, position__is_opd_head=True)
    assert pk.status == "ditandatangani"
    assert pk.first_employee.name == "SUGENG AMIN" and pk.first_prefix == "Plt. "
    assert pk.first_title.startswith("Plt. Kepala Dinsospermasdes")
    assert pk.second_title == "Bupati Banyumas" and pk.second_employee.nip is None
    assert pk.items.count() >= 3 and pk.budget_lines.count() >= 5


def test_demo_pk_for_every_kabid_in_2022_and_this_year(dinas, year):
    for y in (2022, year):
        kabid = PerjanjianKinerja.objects.filter(opd=dinas, year=y, position__name__startswith="Kepala Bidang")
        assert kabid.count() == 5
        assert all(p.status == "ditandatangani" for p in kabid)
    kabid_2022 = PerjanjianKinerja.objects.get(opd=dinas, year=2022, position__name="Kepala Bidang Rehabilitasi Sosial")
    assert kabid_2022.second_prefix == "Plt. "  # the Kepala was a Plt. in 2022


def test_create_pk_from_the_cascade(users, positions, year):
    kasi = positions["Kepala Seksi Penanganan Fakir Miskin"]
    PerjanjianKinerja.objects.filter(position=kasi, year=year).delete()
    pk = services.create_pk(user=users["kabid2"], position=kasi, year=year)
    assert pk.status == "draft" and pk.version == 1
    assert pk.second_position.name == "Kepala Bidang Pemberdayaan Sosial"
    assert {i.indicator_name for i in pk.items.all()} == {
        "Persentase data fakir miskin yang diverifikasi dan divalidasi"
    }
    assert pk.budget_lines.filter(label__startswith="1.06.05.2.02.0001").exists()
    with pytest.raises(ValidationError):
        services.create_pk(user=users["kabid2"], position=kasi, year=year)


def test_pk_refused_without_cascade_or_for_staff(users, positions, year):
    with pytest.raises(ValidationError):
        services.create_pk(
            user=users["timsakip"], position=positions["Kepala Seksi Jaminan Sosial Keluarga"], year=year
        )
    with pytest.raises(ValidationError):
        services.create_pk(user=users["timsakip"], position=positions["Pekerja Sosial Ahli Muda"], year=year)
    with pytest.raises(PermissionDenied):
        services.create_pk(user=users["kabid"], position=positions["Kepala Seksi Penanganan Fakir Miskin"], year=year)


def test_sign_and_perubahan_versioned(users, dinas, year, login_of):
    draft = PerjanjianKinerja.objects.get(opd=dinas, year=year, position__name="Kepala Seksi Penanganan Fakir Miskin")
    signer = login_of(draft.first_employee)
    services.sign_pk(user=signer, pk=draft)
    draft = PerjanjianKinerja.objects.get(pk=draft.pk)
    assert draft.status == "ditandatangani"
    archive = selectors.archived_pk(draft)  # issued through the documents pipeline, immutable
    assert archive is not None and archive.subject == str(draft) and len(archive.sha256) == 64 and archive.docx_file
    assert archive.signed and archive.signer == draft.first_employee and archive.number
    with pytest.raises(ValidationError):
        services.sign_pk(user=signer, pk=draft)
    with pytest.raises(ValidationError):
        services.refresh_pk(user=users["kabid2"], pk=draft)
    with pytest.raises(ValidationError):
        services.create_pk_perubahan(user=users["kabid2"], pk=draft, reason=" ")
    new = services.create_pk_perubahan(
        user=users["kabid2"], pk=draft, reason="Perubahan anggaran (APBD Perubahan)", sign_date=date(year, 9, 30)
    )
    assert (new.version, new.supersedes_id, new.status) == (2, draft.pk, "draft")
    assert new.title == "PERJANJIAN KINERJA PERUBAHAN"
    with pytest.raises(ValidationError):
        services.create_pk_perubahan(user=users["kabid2"], pk=draft, reason="lagi")
    assert [p.pk for p in selectors.pk_items_for(dinas, year).filter(pk_doc__position=draft.position)] == [
        i.pk for i in new.items.all()
    ]


def test_pk_perubahan_proposed_when_the_official_changes(users, dinas, year, positions):
    pos = positions["Kepala Bidang Rehabilitasi Sosial"]
    current = Assignment.objects.get(position=pos, end_date__isnull=True)
    on = date(year, 6, 30)
    current.end_date = date(year, 6, 1)
    current.save()
    newcomer = Employee.objects.create(
        pemda=dinas.pemda, opd=dinas, name="PENGGANTI UJI", kind="pns", nip="198001012005011999"
    )
    Assignment.objects.create(employee=newcomer, position=pos, kind="plt", start_date=date(year, 6, 2))
    proposals = services.pk_perubahan_proposals(dinas, year, on=on)
    match = [p for p in proposals if p["pk"].position_id == pos.pk]
    assert match and "Plt. PENGGANTI UJI" in match[0]["reason"]
    new = services.create_pk_perubahan(
        user=users["timsakip"], pk=match[0]["pk"], reason=match[0]["reason"], sign_date=on
    )
    assert new.first_employee == newcomer and new.first_prefix == "Plt. "


def test_start_next_year_copies_targets_iki_and_pk_drafts(users, dinas, year):
    nxt = year + 1
    before_nodes = Kinerja.objects.filter(opd=dinas, year=year).count()
    summary = services.start_next_year(user=users["timsakip"], opd=dinas, year=year)
    assert summary["nodes"] == before_nodes
    assert Kinerja.objects.filter(opd=dinas, year=nxt).count() == before_nodes
    assert summary["pk"] >= 7
    assert PerjanjianKinerja.objects.filter(opd=dinas, year=nxt, status="draft").count() == summary["pk"]
    leaf = Kinerja.objects.filter(opd=dinas, year=nxt, position__name="Pekerja Sosial Ahli Muda").get()
    assert leaf.parent.year is None and leaf.indicators.get().targets.get(year=nxt).value is not None
    again = services.start_next_year(user=users["timsakip"], opd=dinas, year=year)
    assert again["nodes"] == 0 and again["pk"] == 0
    with pytest.raises(PermissionDenied):
        services.start_next_year(user=users["kabid"], opd=dinas, year=year)
    with pytest.raises(ValidationError):
        services.start_next_year(user=users["timsakip"], opd=dinas, year=2029)


def test_renaksi_quarters_keep_the_annual_target(users, dinas, year, node_of):
    ind = node_of("Kepala Bidang Rehabilitasi Sosial", 2).indicators.first()
    annual = Target.objects.get(indicator=ind, year=year).value
    services.set_quarters(user=users["kabid"], indicator=ind, year=year, quarters=["10", "30", "50", str(annual)])
    t = Target.objects.get(indicator=ind, year=year)
    assert t.value == annual and t.q2 == 30


def test_pk_signed_for_every_official_query(dinas, year):
    data = selectors.pk_signed_for_every_official(dinas, year)
    assert data["total"] > data["signed_count"] > 0
    assert data["officials"][0]["position"] == "Kepala Dinsospermasdes"
    assert any(m["position"] == "Kepala Seksi Penanganan Fakir Miskin" for m in data["missing"])


# --- rencana aksi: the quarters' upper bounds of a range target (docs/capaian.md §3) -----------------------------
@pytest.fixture
def ranged_pk_row(dinas, year):
    """The Kabid Rehabilitasi Sosial's PK of this year, its first max indicator's target made a range."""
    doc = PerjanjianKinerja.objects.get(opd=dinas, year=year, position__name="Kepala Bidang Rehabilitasi Sosial")
    item = next(
        it
        for it in doc.items.select_related("indicator")
        if it.indicator.polarity == "max" and not it.indicator.is_qualitative and not it.indicator.cumulative_targets
    )
    target = Target.objects.get(indicator=item.indicator, year=year)
    Target.objects.filter(pk=target.pk).update(value_max=target.value + 10)
    target.refresh_from_db()
    return doc, item, target


def _renaksi_post(item, quarters, bounds):
    key = f"ind{item.indicator_id}"
    data = {f"{key}-q{i}": v for i, v in enumerate(quarters, start=1)}
    data.update({f"{key}-q{i}_max": v for i, v in enumerate(bounds, start=1)})
    return data


def test_renaksi_offers_and_saves_the_quarter_upper_bounds(client_for, ranged_pk_row):
    doc, item, target = ranged_pk_row
    client = client_for("kabid")
    html = client.get(f"/perencanaan/pk/{doc.pk}/").content.decode()
    assert f'name="ind{item.indicator_id}-q1_max"' in html and "Batas atas triwulan (target rentang)" in html
    v = target.value
    quarters = [str(v)] * 4
    bounds = [str(v + 5)] * 4
    response = client.post(f"/perencanaan/pk/{doc.pk}/renaksi/", _renaksi_post(item, quarters, bounds))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.quarters == [v] * 4 and target.quarters_max == [v + 5] * 4
    html = client.get(f"/perencanaan/pk/{doc.pk}/").content.decode()
    assert f'name="ind{item.indicator_id}-q1_max" value="{int(v + 5)}"' in html


def test_renaksi_refuses_a_bound_below_its_quarter_and_saves_nothing(client_for, ranged_pk_row):
    doc, item, target = ranged_pk_row
    before = (target.quarters, target.quarters_max)
    v = target.value
    response = client_for("kabid").post(
        f"/perencanaan/pk/{doc.pk}/renaksi/",
        _renaksi_post(item, [str(v)] * 4, [str(v - 1), str(v + 1), str(v + 1), str(v + 1)]),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Batas atas TW I" in page and "lebih kecil dari target TW I" in page
    # The message stands under the indicator's row, the PK page stays with the values as typed.
    assert f'data-testid="pk-row-error-{item.indicator_id}"' in page and 'data-testid="pk-items"' in page
    assert f'name="ind{item.indicator_id}-q1_max" value="{v - 1}"' in page and "is-invalid" in page
    target.refresh_from_db()
    assert (target.quarters, target.quarters_max) == before


def test_renaksi_has_no_bounds_for_a_single_target(client_for, dinas, year):
    doc = PerjanjianKinerja.objects.get(opd=dinas, year=year, position__name="Kepala Bidang Rehabilitasi Sosial")
    Target.objects.filter(indicator__in=[i.indicator_id for i in doc.items.all()], year=year).update(
        value_max=None, q1_max=None, q2_max=None, q3_max=None, q4_max=None
    )
    assert not any(i.indicator.polarity == "stabil" for i in doc.items.select_related("indicator"))
    html = client_for("kabid").get(f"/perencanaan/pk/{doc.pk}/").content.decode()
    form = html.split('data-testid="pk-items"')[1].split("</form>")[0]
    assert "-q1_max" not in form and "-q1" in form
