"""The browser defects of issue 11 stay fixed (docs/ui.md): Indonesian labels, one date format,
buttons only for who may use them, no predikat for an ungraded evaluation."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from sakip.core import audit
from sakip.organization.models import Assignment, Employee

pytestmark = pytest.mark.django_db


def text_of(response):
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dropdowns_have_an_indonesian_empty_choice(client_for):
    r = client_for("timsakip").get("/perencanaan/crosscutting/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Select an option" not in html
    assert "— Pilih —" in html


def test_history_shows_ya_tidak_and_indonesian_numbers(client_for):
    from sakip.planning.models import Indicator

    indicator = Indicator.objects.filter(baseline__isnull=False).first()
    r = client_for("admin").get(f"/riwayat/planning/indicator/{indicator.pk}/")
    assert r.status_code == 200
    text = text_of(r)
    assert not re.search(r"\b(True|False)\b", text)
    assert re.search(r"\b(Ya|Tidak)\b", text)


def test_history_display_formats_values():
    from sakip.planning.models import Indicator

    indicator = Indicator.objects.first()
    indicator.baseline = Decimal("62.0000")
    assert audit._display(indicator, "baseline") == "62"
    field = Indicator._meta.get_field("opd")
    assert audit.field_label(field) == "OPD"


def test_pk_list_header_is_opd_not_opd_lowercase(client_for):
    text = text_of(client_for("timsakip").get("/perencanaan/pk/"))
    assert "Opd" not in text.split()


def test_sop_procedure_shows_action_labels_not_codes(client_for):
    from sakip.sop.models import Step

    step = Step.objects.exclude(action="none").select_related("version").first()
    text = text_of(client_for("admin").get(f"/sop/versi/{step.version_id}/prosedur/"))
    assert "prepare_forms" not in text and "disposition" not in text
    assert "Menyiapkan formulir" in text


def test_sop_lint_shows_labels_not_codes(client_for):
    from sakip.sop import lint
    from sakip.sop.models import SopVersion

    for version in SopVersion.objects.all():
        r = client_for("timsakip").get(f"/sop/versi/{version.pk}/pemeriksaan/")
        codes = re.findall(r'data-code="([a-z-]+)"', r.content.decode())
        if codes:
            text = text_of(r)
            for code in codes:
                assert code in lint.CODE_LABELS
                assert str(lint.CODE_LABELS[code]) in text
            return
    pytest.fail("the demo has no SOP version with lint findings")


@pytest.mark.parametrize("username", ["pemda", "inspektorat"])
def test_sop_paste_and_import_tabs_hidden_from_readers(client_for, username):
    c = client_for(username)
    html = c.get("/sop/").content.decode()
    assert 'href="/sop/tempel/"' not in html and 'href="/sop/impor/"' not in html
    assert c.get("/sop/tempel/").status_code == 403  # the reason the tab is hidden


def test_sop_tabs_shown_to_writers(client_for):
    html = client_for("timsakip").get("/sop/").content.decode()
    assert 'href="/sop/tempel/"' in html and 'href="/sop/impor/"' in html


def test_crosscutting_delete_only_where_allowed(client_for, users):
    """Every delete form shown on the matrix works for that user (no 403/404), for every role."""
    from django.db import transaction

    for username in users:
        c = client_for(username)
        r = c.get("/perencanaan/crosscutting/")
        if r.status_code != 200:
            continue
        for action in re.findall(r'action="(/perencanaan/crosscutting/\d+/hapus/)"', r.content.decode()):
            with transaction.atomic():
                resp = c.post(action)
                transaction.set_rollback(True)
            assert resp.status_code not in (403, 404), (username, action)
        for href in set(re.findall(r'href="(/perencanaan/indikator/\d+/)"', r.content.decode())):
            assert c.get(href).status_code == 200, (username, href)


def test_agenda_cancel_links_only_for_who_may_cancel(client_for, users):
    for username in users:
        c = client_for(username)
        r = c.get("/dokumen/agenda/")
        if r.status_code != 200:
            continue
        for href in set(re.findall(r'href="(/dokumen/agenda/\d+/batalkan/)"', r.content.decode())):
            assert c.get(href).status_code == 200, (username, href)


def test_ungraded_evaluation_says_belum_dinilai(client_for):
    from sakip.evaluation.models import Evaluation

    ev = next(e for e in Evaluation.objects.all() if not e.sub_answers.exclude(answer="").exists())
    text = text_of(client_for("inspektorat").get(f"/evaluasi/{ev.pk}/"))
    assert "belum dinilai" in text
    assert "Sangat Kurang" not in text and "Predikat D" not in text


def test_login_error_does_not_repeat_words():
    r = Client().post("/masuk/", {"username": "kepala", "password": "salah"})
    text = text_of(r)
    assert "nama pengguna nama pengguna" not in text.lower()
    assert "tidak benar" in text


def test_lists_use_the_long_date_format(client_for):
    text = text_of(client_for("timsakip").get("/perencanaan/pk/"))
    assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", text)


def test_home_letters_card_is_not_contradictory(client_for, users):
    for username in users:
        text = text_of(client_for(username).get("/"))
        assert "Tidak ada surat yang menunggu Anda" not in text


def test_reassignment_list_has_no_former_officials(demo):
    from sakip.measurement.forms import ReassignForm
    from sakip.measurement.models import Period

    period = Period.objects.filter(opd=demo["dinas"]).first()
    offered = set(ReassignForm(period=period).fields["employees"].queryset)
    today = date.today()
    former = [
        e
        for e in Employee.objects.filter(opd=demo["dinas"], active=True)
        if Assignment.objects.filter(employee=e).exists()
        and not Assignment.objects.active_on(today).filter(employee=e).exists()
    ]
    assert former, "the demo has former officials (the Kepala of 2019–2022)"
    assert not offered & set(former)
