"""Issue 12 item 8 (UU 27/2022 PDP): exports of personal data are logged with who and when, and Pemda-level
people (the Bupati) are visible only to users whose scope covers the Pemda."""

import pytest
from django.test import Client
from django.urls import reverse

from sakip.organization.models import Employee, PersonalDataExport, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def bupati(demo):
    person = Employee.objects.filter(opd__isnull=True, pemda=demo["pemda"]).first()
    assert person is not None, "the demo has a Pemda-level person (the Bupati)"
    return person


def test_employee_excel_export_is_logged_with_who_when_and_how_many(client_for, users):
    kepala = client_for("kepala")
    assert kepala.get(reverse("organization:employees")).status_code == 200
    assert not PersonalDataExport.objects.exists()  # reading the page is not an export
    response = kepala.get(reverse("organization:employees"), {"export": "xlsx", "q": ""})
    assert response.status_code == 200
    entry = PersonalDataExport.objects.get()
    assert entry.user == users["kepala"] and entry.username == "kepala"
    assert entry.channel == PersonalDataExport.Channel.EXCEL
    assert entry.opd_id == users["kepala"].opd_id
    assert entry.row_count == Employee.objects.filter(opd_id=users["kepala"].opd_id).count()
    assert "export=xlsx" in entry.query
    assert entry.created_at is not None
    # The audit trail records the entry itself (who created it).
    record = entry.history.get()
    assert record.history_type == "+"


def test_api_reads_of_employees_are_logged(users, demo):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users["sekretaris"])
    listed = api.get("/api/v1/organisation/employees/")
    assert listed.status_code == 200
    one = listed.json()["results"][0]["id"]
    assert api.get(f"/api/v1/organisation/employees/{one}/").status_code == 200
    entries = list(PersonalDataExport.objects.order_by("pk"))
    assert [e.channel for e in entries] == ["api", "api"]
    assert entries[0].row_count == len(listed.json()["results"]) and entries[1].row_count == 1
    assert all(e.user == users["sekretaris"] for e in entries)
    # A read of another OPD's person is a 404 and logs nothing.
    other = Employee.objects.filter(opd=demo["bappeda"]).first()
    assert api.get(f"/api/v1/organisation/employees/{other.pk}/").status_code == 404
    assert PersonalDataExport.objects.count() == 2


def test_an_employee_history_export_is_logged(client_for, users):
    person = Employee.objects.filter(opd_id=users["kepala"].opd_id).first()
    url = reverse("object_history", args=["organization", "employee", person.pk])
    assert client_for("kepala").get(url, {"export": "xlsx"}).status_code == 200
    entry = PersonalDataExport.objects.get()
    assert entry.channel == PersonalDataExport.Channel.HISTORY and str(person) in entry.what


def test_only_administrators_see_the_export_log(client_for):
    client_for("kepala").get(reverse("organization:employees"), {"export": "xlsx"})
    url = reverse("organization:personal_data_exports")
    admin = client_for("admin")
    page = admin.get(url)
    assert page.status_code == 200 and "kepala" in page.content.decode()
    assert 'href="%s"' % url in admin.get(reverse("organization:employees")).content.decode()
    for name in ("kepala", "sekretaris", "operator", "inspektorat", "pemda", "bappeda"):
        c = client_for(name)
        assert c.get(url).status_code == 403, name
        assert 'href="%s"' % url not in c.get(reverse("organization:employees")).content.decode(), name


@pytest.mark.parametrize("username", ["kepala", "sekretaris", "timsakip", "kabid", "operator", "bappeda"])
def test_the_bupati_is_hidden_from_opd_users(client_for, bupati, username):
    c = client_for(username)
    assert c.get(reverse("organization:employee_detail", args=[bupati.pk])).status_code == 404
    assert c.get(reverse("object_history", args=["organization", "employee", bupati.pk])).status_code == 404
    assert c.get(reverse("organization:employee_edit", args=[bupati.pk])).status_code == 404
    listed = c.get(reverse("organization:employees"), {"per_page": 500}).content.decode()
    assert bupati.name not in listed

    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(User.objects.get(username=username))
    assert api.get(f"/api/v1/organisation/employees/{bupati.pk}/").status_code == 404
    ids = {row["id"] for row in api.get("/api/v1/organisation/employees/", {"page_size": 500}).json()["results"]}
    assert bupati.pk not in ids


@pytest.mark.parametrize("username", ["admin", "pemda", "inspektorat"])
def test_the_bupati_is_visible_to_users_whose_scope_covers_the_pemda(client_for, bupati, username):
    c = client_for(username)
    page = c.get(reverse("organization:employee_detail", args=[bupati.pk]))
    assert page.status_code == 200 and bupati.name in page.content.decode()
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(User.objects.get(username=username))
    assert api.get(f"/api/v1/organisation/employees/{bupati.pk}/").status_code == 200


def test_a_pemda_reader_of_another_pemda_does_not_see_the_bupati(bupati, demo):
    from django.contrib.auth.models import Group

    from sakip.core import roles
    from sakip.organization.models import Pemda
    from sakip.organization.privacy import can_view_employee

    other = Pemda.objects.create(name="Cilacap (uji)")
    reader = User.objects.create(username="pemda-lain", pemda=other)
    reader.groups.add(Group.objects.get(name=roles.PEMDA_VIEWER))
    assert not can_view_employee(reader, bupati)
    c = Client()
    c.force_login(reader)
    assert c.get(reverse("organization:employee_detail", args=[bupati.pk])).status_code == 404
