"""The process an SOP drives (docs/rules.md "SOP dan proses"): declared on the register entry, set on the
create and identity forms and on the SOP page by whoever edits the SOP, shown on the SOP page."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.sop import services
from sakip.sop.models import ProcessKind, Sop, SopVersion

pytestmark = pytest.mark.django_db


def test_set_process_kind_needs_an_editor_and_a_known_kind(dinas, users):
    meeting = Sop.objects.get(opd=dinas, number="061.1/364")
    with pytest.raises(PermissionDenied):
        services.set_process_kind(user=users["inspektorat"], sop=meeting, process_kind=ProcessKind.REVIU_LKJIP)
    with pytest.raises(ValidationError) as exc:
        services.set_process_kind(user=users["sekretaris"], sop=meeting, process_kind="rapat")
    assert exc.value.message_dict == {"process_kind": ["Pilih proses yang dijalankan SOP ini dari daftar."]}
    assert Sop.objects.get(pk=meeting.pk).process_kind == ProcessKind.LAINNYA
    services.set_process_kind(user=users["sekretaris"], sop=meeting, process_kind=ProcessKind.PENYUSUNAN_LKJIP)
    meeting = Sop.objects.get(pk=meeting.pk)
    assert meeting.process_kind == ProcessKind.PENYUSUNAN_LKJIP
    last = meeting.history.order_by("-history_date").first()
    assert (
        last.history_change_reason == "Proses yang dijalankan diubah" and last.history_user_id == users["sekretaris"].pk
    )


def test_the_sop_page_shows_the_kind_and_offers_the_change_only_to_editors(dinas, client_for):
    version = SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/366", version=2)
    editor = client_for("timsakip").get(f"/sop/versi/{version.pk}/").content.decode()
    assert 'data-testid="process-kind-form"' in editor
    assert '<option value="pengukuran_kinerja" selected>Pengukuran kinerja</option>' in editor
    reader = client_for("inspektorat").get(f"/sop/versi/{version.pk}/").content.decode()
    assert 'data-testid="process-kind-form"' not in reader
    assert '<td data-testid="process-kind">Pengukuran kinerja</td>' in reader


def test_an_approved_sop_gets_its_kind_on_the_page_without_a_revision(dinas, client_for):
    version = SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/364", status="disahkan")
    url = f"/sop/versi/{version.pk}/proses/"
    assert client_for("inspektorat").post(url, {"process_kind": "reviu_lkjip"}).status_code in (403, 404)
    assert client_for("kabid").post(url, {"process_kind": "reviu_lkjip"}).status_code == 403
    response = client_for("sekretaris").post(url, {"process_kind": "tidak-ada"})
    assert response.status_code == 302 and Sop.objects.get(pk=version.sop_id).process_kind == ProcessKind.LAINNYA
    response = client_for("sekretaris").post(url, {"process_kind": "reviu_lkjip"}, follow=True)
    assert "SOP 061.1/364 kini menjalankan proses: Reviu LKjIP." in response.content.decode()
    assert Sop.objects.get(pk=version.sop_id).process_kind == ProcessKind.REVIU_LKJIP
    assert SopVersion.objects.get(pk=version.pk).status == "disahkan"


def test_create_and_identity_forms_set_the_kind(dinas, client_for):
    c = client_for("timsakip")
    data = {"opd": dinas.pk, "number": "061.1/811", "judul": "Reviu LKjIP", "jenis": "administratif"}
    data["jenis_kegiatan"] = "rutin"
    assert c.post("/sop/baru/", {**data, "process_kind": "bukan"}).status_code == 400
    assert not Sop.objects.filter(opd=dinas, number="061.1/811").exists()
    assert c.post("/sop/baru/", {**data, "process_kind": "reviu_lkjip"}).status_code == 302
    sop = Sop.objects.get(opd=dinas, number="061.1/811")
    assert sop.process_kind == ProcessKind.REVIU_LKJIP
    version = sop.versions.get()
    form = c.get(f"/sop/versi/{version.pk}/identitas/").content.decode()
    assert '<option value="reviu_lkjip" selected>Reviu LKjIP</option>' in form
    identity = {"judul": "Reviu LKjIP", "jenis": "administratif", "jenis_kegiatan": "rutin"}
    response = c.post(f"/sop/versi/{version.pk}/identitas/", {**identity, "process_kind": "pengukuran_kinerja"})
    assert response.status_code == 302
    assert Sop.objects.get(pk=sop.pk).process_kind == ProcessKind.PENGUKURAN_KINERJA
    # A create without the field (an older client) makes an SOP of kind "lainnya".
    assert c.post("/sop/baru/", {**data, "number": "061.1/812"}).status_code == 302
    assert Sop.objects.get(opd=dinas, number="061.1/812").process_kind == ProcessKind.LAINNYA


def test_the_data_migration_marks_the_measurement_sops_by_title(dinas, bappeda):
    Sop.objects.update(process_kind=ProcessKind.LAINNYA)
    migration = importlib.import_module("sakip.sop.migrations.0003_process_kind")
    migration.mark_measurement_sops(apps, None)
    marked = set(Sop.objects.filter(process_kind=ProcessKind.PENGUKURAN_KINERJA).values_list("opd_id", "number"))
    assert marked == {(dinas.pk, "061.1/366"), (bappeda.pk, "061.1/215")}
