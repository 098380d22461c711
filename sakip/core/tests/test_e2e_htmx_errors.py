"""A failed htmx request is shown to the user, never swallowed (issue 10 item 5, core/static/core/htmx-errors.js):
an error answer (here 404) and a request that never reaches the server each put an Indonesian alert on the page.
Runs on the login page (base.html, no demo data needed), in Chromium under the site's strict CSP."""

import pytest
from playwright.sync_api import expect

PROBE = """(url) => {
    const b = document.createElement('button');
    b.type = 'button'; b.id = 'probe'; b.textContent = 'probe';
    b.setAttribute('hx-get', url); b.setAttribute('hx-swap', 'none');
    document.body.prepend(b); window.htmx.process(b);
}"""


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_failed_htmx_requests_show_an_alert(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/masuk/")
    page.evaluate(PROBE, "/tidak-ada-halaman-ini/")
    page.click("#probe")
    alert = page.locator("[data-testid=htmx-error]").last
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("tidak ditemukan")
    expect(alert).to_contain_text("HTTP 404")
    # the server cannot be reached: the request is aborted before it leaves the browser
    page.route("**/putus/", lambda route: route.abort())
    page.evaluate("() => document.getElementById('probe').remove()")
    page.evaluate(PROBE, "/putus/")
    page.click("#probe")
    expect(page.locator("[data-testid=htmx-error]")).to_have_count(2)
    network = page.locator("[data-testid=htmx-error]").last
    expect(network).to_be_visible()
    expect(network).to_contain_text("Tidak dapat menghubungi server")
    assert "HTTP" not in network.text_content()
