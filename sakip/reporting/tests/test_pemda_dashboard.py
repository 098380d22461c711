"""The Pemda-wide dashboard (issue 17 item 4): who sees it, what it shows, the Excel export and a
query count that does not grow with the number of OPDs."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sakip.measurement import figures as F
from sakip.measurement import selectors as M
from sakip.measurement.models import Period, Realisasi, UnitSubmission
from sakip.organization.models import OPD, Unit
from sakip.planning.models import Indicator
from sakip.reporting import pemda as PD
from sakip.reporting.models import Lkjip

URL = "/pelaporan/pemda/"


def _expected_iku(opd, year):
    """The IKU average of the locked annual/TW IV measurement, computed with the engine directly."""
    period = (
        Period.objects.filter(opd=opd, year=year, triwulan__in=(0, 4))
        .exclude(status=Period.Status.DIBATALKAN)
        .order_by("triwulan")
        .first()
    )
    rows, figs = M.period_figures(period)
    return F.average([figs[r.pk] for r in rows if r.indicator.is_iku])[0]


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("pemda", 200),
        ("inspektorat", 200),
        ("admin", 200),
        ("bappeda", 200),  # Kepala of Bappedalitbang and Perencana Pemda (docs/rules.md §10)
        ("kepala", 403),
        ("timsakip", 403),
        ("operator", 403),
    ],
)
def test_permission_matrix(client_for, username, status):
    assert client_for(username).get(URL + "?tahun=2022").status_code == status
    assert client_for(username).get(URL + "?tahun=2022&export=xlsx").status_code == status


def test_anonymous_goes_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_drill_down_matrix(client_for, demo):
    url = reverse("reporting:pemda_opd", args=[demo["dinas"].pk]) + "?tahun=2022"
    assert client_for("pemda").get(url).status_code == 200
    assert client_for("operator").get(url).status_code == 403
    assert client_for("pemda").get(reverse("reporting:pemda_opd", args=[999999])).status_code == 404


def test_home_card_only_for_pemda_roles(client_for):
    assert "Dasbor Pemda" in client_for("pemda").get("/").content.decode()
    assert "Dasbor Pemda" in client_for("inspektorat").get("/").content.decode()
    assert "Dasbor Pemda" not in client_for("operator").get("/").content.decode()
    assert "Dasbor Pemda" in client_for("bappeda").get("/").content.decode()  # the Pemda planner
    assert "Dasbor Pemda" not in client_for("kepala").get("/").content.decode()


def test_rows_show_every_opd_with_its_figures(client_for, demo, users):
    dinas, bappeda = demo["dinas"], demo["bappeda"]
    data = PD.overview(users["pemda"], demo["pemda"], 2022)
    by_opd = {r["opd"].pk: r for r in data["rows"]}
    assert set(by_opd) == set(
        OPD.objects.filter(pemda=demo["pemda"]).exclude(kind="inspektorat").values_list("pk", flat=True)
    )
    row = by_opd[dinas.pk]
    assert row["iku"]["percent"] == _expected_iku(dinas, 2022)
    assert (
        row["iku"]["n"]
        == Realisasi.objects.filter(submission__period=row["iku"]["period"], indicator__is_iku=True).count()
    )
    assert row["pk"] is not None and row["pk"].position.is_opd_head and row["pk"].year == 2022
    assert [c["state"] for c in row["quarters"]] == ["done"] * 4  # the demo's 2022 TW I–IV are finished
    assert row["lkjip"] == Lkjip.objects.get(opd=dinas, year=2022)
    assert row["lkjip_date"] == row["lkjip"].document.date
    # Bappeda measures nothing in sakip: no capaian, no PK, no quarters — shown as such, not as zero.
    other = by_opd[bappeda.pk]
    assert other["iku"]["percent"] is None and other["pk"] is None
    assert [c["state"] for c in other["quarters"]] == ["none"] * 4
    # Its 2022 evaluation is final: score, predikat and the change from 2021.
    assert other["lke"]["score"] is not None and other["lke"]["change"] is not None
    html = client_for("pemda").get(URL + "?tahun=2022").content.decode()
    assert dinas.akronim in html and bappeda.akronim in html
    assert 'id="pemda-data"' in html  # the chart's data


def test_recommendations_open_and_overdue(demo, users):
    from sakip.evaluation.models import Evaluation, Recommendation

    today = timezone.localdate()
    qs = Recommendation.objects.filter(
        finding__evaluation__opd=demo["dinas"],
        state__in=Recommendation.OPEN_STATES,
        finding__evaluation__state__in=Evaluation.CLOSED_STATES,
    )
    row = next(r for r in PD.overview(users["pemda"], demo["pemda"], 2022)["rows"] if r["opd"] == demo["dinas"])
    assert row["open"] == qs.count() > 0
    assert row["overdue"] == qs.filter(due_date__lt=today).count()


def test_sorting(users, demo):
    asc = [r["opd"].name for r in PD.overview(users["pemda"], demo["pemda"], 2022, sort="opd")["rows"]]
    desc = [
        r["opd"].name for r in PD.overview(users["pemda"], demo["pemda"], 2022, sort="opd", descending=True)["rows"]
    ]
    assert asc == sorted(asc, key=str.lower) and desc == list(reversed(asc))
    # An OPD without a figure sorts last both ways.
    for descending in (False, True):
        rows = PD.overview(users["pemda"], demo["pemda"], 2022, sort="iku", descending=descending)["rows"]
        assert rows[0]["opd"] == demo["dinas"] and rows[-1]["iku"]["percent"] is None


def test_sort_links_and_unknown_sort(client_for):
    html = client_for("pemda").get(URL + "?tahun=2022&urut=iku&arah=turun").content.decode()
    assert 'aria-sort="descending"' in html and "urut=iku&amp;arah=naik" in html
    assert client_for("pemda").get(URL + "?tahun=abc&urut=%3Cscript%3E").status_code == 200


def test_excel_export_neutralises_formulas(client_for, demo):
    OPD.objects.filter(pk=demo["bappeda"].pk).update(name='=HYPERLINK("http://x")')
    response = client_for("pemda").get(URL + "?tahun=2022&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    names = [row[0] for row in values]
    assert demo["dinas"].name in names
    assert '\'=HYPERLINK("http://x")' in names
    dinas_row = values[names.index(demo["dinas"].name)]
    assert Decimal(str(dinas_row[1])).quantize(Decimal("0.01")) == _expected_iku(demo["dinas"], 2022).quantize(
        Decimal("0.01")
    )


def _extra_opds(pemda, count, start):
    """OPDs with a locked annual 2022 measurement (one IKU row each), a running TW I and an LKjIP draft."""
    source = Period.objects.filter(year=2022, triwulan=4).first()
    iku = Indicator.objects.filter(is_iku=True).first()
    now = timezone.now()
    for n in range(start, start + count):
        opd = OPD.objects.create(pemda=pemda, name=f"Dinas Uji {n}", akronim=f"DU{n}")
        unit = Unit.objects.create(opd=opd, name="Sekretariat", kind=Unit.Kind.SEKRETARIAT)
        for tw in (0, 1):
            period = Period.objects.create(
                opd=opd,
                year=2022,
                triwulan=tw,
                sop_version=source.sop_version,
                start_date=date(2022, 1, 3),
                started_at=now,
            )
            sub = UnitSubmission.objects.create(period=period, unit=unit)
            Realisasi.objects.create(
                submission=sub, indicator=iku, name=iku.name, target_year=Decimal(100), value=Decimal(80 + n)
            )
            if tw == 0:
                UnitSubmission.objects.filter(pk=sub.pk).update(state=UnitSubmission.State.DIKUNCI)
        Lkjip.objects.create(opd=opd, year=2022)


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL + "?tahun=2022")
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_query_count_constant_in_the_number_of_opds(client_for, demo):
    client = client_for("pemda")
    _extra_opds(demo["pemda"], 1, 1)
    client.get(URL + "?tahun=2022")  # warm the per-process caches (LKE spec, content types)
    few, html = _count(client)
    assert "DU1" in html
    _extra_opds(demo["pemda"], 2, 2)
    many, html = _count(client)
    assert "DU2" in html and "DU3" in html
    assert many == few
    # The extra OPDs' figures are real: 81 of 100 → 81 %.
    rows = {r["opd"].akronim: r for r in PD.overview(_user("pemda"), demo["pemda"], 2022)["rows"]}
    assert rows["DU1"]["iku"]["percent"] == Decimal("81.00")
    assert [c["state"] for c in rows["DU3"]["quarters"]] == ["running", "none", "none", "none"]


def _user(username):
    from sakip.organization.models import User

    return User.objects.get(username=username)
