"""Browser journey: the Sekretaris starts TW I → an operator enters realisasi with a PDF → the Kabid
returns it with a note → fixed → validated → the Kepala approves and signs → the Dokumen
Pengukuran Kinerja PDF is in the archive with its number.

The SOP steps that the journey is not about (the Tim SAKIP's preparation, the other units' data,
the recap) are done through the same services the screens call."""

import re
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sakip.core.actors import system_user
from sakip.measurement import services as S
from sakip.measurement.minipdf import make_pdf
from sakip.measurement.models import Period, Task, UnitSubmission
from sakip.sop import actions as A

from .conftest import active, do_task, fill


def _users():
    from sakip.organization.models import User

    return {u.username: u for u in User.objects.select_related("employee")}


def _as(page, login_page, username):
    page.context.clear_cookies()
    return login_page(username)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_measurement_journey(page, live_server, login_page, tmp_path):
    year = timezone.localdate().year
    if Period.objects.filter(opd__akronim="Dinsospermasdes", year=year, triwulan=1).exists():
        year -= 1  # January–March: the demo's current period is this year's TW I
    # 1. The Sekretaris starts TW I.
    login_page("sekretaris")
    page.goto(f"{live_server.url}/pengukuran/")
    page.click("[data-testid=start-period]")
    page.select_option("#id_triwulan", "1")
    page.fill("#id_year", str(year))
    with page.expect_navigation():
        page.click("[data-testid=start-submit]")
    page.wait_for_selector("[data-testid=period-title]")
    assert "TW I" in page.text_content("[data-testid=period-title]")
    period = Period.objects.get(opd__akronim="Dinsospermasdes", year=year, triwulan=1)
    users = _users()
    # The Kepala's disposition and the Tim SAKIP's forms, distribution, invitation and meeting.
    for _ in range(5):
        do_task(users, active(period)[0])
    assert active(period)[0].action == A.COLLECT
    # The other units send and validate their data.
    for sub in UnitSubmission.objects.filter(period=period).exclude(unit__short_name="Rehsos"):
        fill(sub)
        S.submit_unit(user=system_user(), submission=sub)
        S.validate_unit(user=system_user(), submission=sub)
    rehsos = UnitSubmission.objects.get(period=period, unit__short_name="Rehsos")
    rows = list(rehsos.rows.order_by("order", "pk"))

    # 2. The operator enters realisasi (capaian shown as he types) with a PDF, and submits.
    _as(page, login_page, "operator")
    page.goto(f"{live_server.url}/pengukuran/formulir/{rehsos.pk}/")
    for i, row in enumerate(rows):
        field = page.locator(f"[data-testid=value-{row.pk}]")
        field.fill("12,5" if i == 0 else "30")
        # (not wait_for_function: Playwright evaluates its string with eval, which the page's CSP refuses)
        expect(page.locator(f"#cap-{row.pk}")).to_contain_text("pratinjau")
        page.click(f"[data-testid=save-{row.pk}]")
        page.wait_for_selector(f"#row-{row.pk} [data-testid=row-notice]")
    first = rows[0]
    assert "%" in page.text_content(f"#cap-{first.pk} [data-testid=capaian-value]")
    evidence = tmp_path / "bukti-rehsos.pdf"
    evidence.write_bytes(make_pdf(["Rekap layanan rehabilitasi sosial TW I"]))
    page.set_input_files(f"[data-testid=file-{first.pk}]", str(evidence))
    page.click(f"[data-testid=upload-{first.pk}]")
    page.wait_for_selector(f"#row-{first.pk} a:has-text('bukti-rehsos.pdf')")
    budget = rehsos.budget_rows.first()
    page.fill(f"[data-testid=budget-value-{budget.pk}]", "250.000.000")
    page.press(f"[data-testid=budget-value-{budget.pk}]", "Enter")
    page.wait_for_selector(f"#budget-{budget.pk} .text-success")
    with page.expect_navigation():
        page.click("[data-testid=submit-unit]")
    assert UnitSubmission.objects.get(pk=rehsos.pk).state == UnitSubmission.State.DIAJUKAN

    # 3. The Kabid returns it with a note.
    _as(page, login_page, "kabid")
    page.goto(f"{live_server.url}/pengukuran/formulir/{rehsos.pk}/")
    page.fill("[data-testid=return-reason-input]", "Realisasi indikator pertama harus 25, lihat register layanan.")
    with page.expect_navigation():
        page.click("[data-testid=return-unit]")
    page.wait_for_selector("[data-testid=return-reason]")
    assert UnitSubmission.objects.get(pk=rehsos.pk).state == UnitSubmission.State.DIKEMBALIKAN

    # 4. The operator fixes it and submits again.
    _as(page, login_page, "operator")
    page.goto(f"{live_server.url}/pengukuran/formulir/{rehsos.pk}/")
    assert "harus 25" in page.text_content("[data-testid=return-reason]")
    page.fill(f"[data-testid=value-{first.pk}]", "25")
    page.click(f"[data-testid=save-{first.pk}]")
    page.wait_for_selector(f"#row-{first.pk} [data-testid=row-notice]")
    with page.expect_navigation():
        page.click("[data-testid=submit-unit]")

    # 5. The Kabid validates.
    _as(page, login_page, "kabid")
    page.goto(f"{live_server.url}/pengukuran/formulir/{rehsos.pk}/")
    with page.expect_navigation():
        page.click("[data-testid=validate-unit]")
    assert UnitSubmission.objects.get(pk=rehsos.pk).state == UnitSubmission.State.DIVALIDASI
    # The recap, the Sekretaris' check and his request for approval.
    users = _users()
    for _ in range(3):
        do_task(users, active(period)[0])
    sign = active(period)[0]
    assert sign.action == A.SIGN

    # 6. The Kepala approves and signs.
    _as(page, login_page, "kepala")
    page.goto(f"{live_server.url}/pengukuran/tugas/{sign.pk}/")
    # Signing with eyes open: the draft is embedded and downloadable, with its pre-sign checklist.
    frame = page.locator("[data-testid=draft-preview]")
    frame.scroll_into_view_if_needed()
    assert frame.is_visible()
    src = frame.get_attribute("src")
    assert src == f"/pelaporan/periode/{period.pk}/dokumen.pdf?konsep=1"
    assert page.get_attribute("[data-testid=draft-pdf]", "href") == src
    pdf = page.request.get(f"{live_server.url}{src}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    assert pdf.headers.get("x-frame-options") == "SAMEORIGIN"
    checklist = page.text_content("[data-testid=presign-checklist]")
    for title in ("Dibandingkan dengan target tahunan", "Tanpa bukti dukung", "Capaian di atas 150%", "Efisiensi"):
        assert title in checklist
    # The lazily loaded PDF viewer above can shift the page while it opens: click until the box is ticked.
    agree = page.locator("#id_setuju")
    for _ in range(10):
        agree.scroll_into_view_if_needed()
        agree.click()
        if agree.is_checked():
            break
        page.wait_for_timeout(500)
    assert agree.is_checked()
    with page.expect_navigation(timeout=120_000):
        page.click("[data-testid=task-submit]")
    page.wait_for_selector("[data-testid=dpk-archived]")
    banner = page.text_content("[data-testid=dpk-archived]")
    number = re.search(r"Nomor (\S+)", banner).group(1)
    # Numbered in the register of the year it is signed (today), whatever year the period measures.
    assert number.startswith("050/") and number.endswith(f"/{timezone.localdate().year}")

    # 7. The document is in the archive with its number; its PDF says what it is.
    with page.expect_navigation():
        page.click("[data-testid=dpk-archived] a")
    assert number in page.content()
    period = Period.objects.select_related("dpk_document").get(pk=period.pk)
    doc = period.dpk_document
    assert doc.number == number and doc.signed and doc.doc_type.code == "dokumen_pengukuran"
    with doc.file.open("rb") as fh:
        data = fh.read()
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "DOKUMEN PENGUKURAN KINERJA TRIWULAN I" in text and number in text
    assert set(UnitSubmission.objects.filter(period=period).values_list("state", flat=True)) == {
        UnitSubmission.State.DIKUNCI
    }
    assert Task.objects.get(pk=sign.pk).status == Task.Status.SELESAI
    page.screenshot(path=str(tmp_path / "archive.png"), full_page=True)
