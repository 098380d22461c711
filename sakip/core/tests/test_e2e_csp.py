"""Browser: the main pages, as the roles that use them, run under the Content-Security-Policy without one
violation (Chromium logs "… violates the following Content Security Policy directive …" on the console for
every refused script, handler or style), including the charts' tooltips and the Django admin."""

import pytest

from sakip.core.tests.pages import main_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = ("kepala", "operator", "timsakip", "inspektorat", "sekretaris", "pemda", "admin")


def watch(page):
    """Console messages about the policy, plus the DOM's securitypolicyviolation events (same thing, counted
    by the browser itself), for the current URL."""
    found = []
    page.on(
        "console",
        lambda m: found.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: found.append(f"{page.url}: script error {e}"))
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));"
    )
    return found


def dom_violations(page):
    return [f"{page.url}: {v}" for v in page.evaluate("window.__csp || []")]


def hover_charts(page):
    for chart in page.locator("[id^=chart-]").all():
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        for dx in (0.3, 0.6):
            page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * 0.5)
            page.wait_for_timeout(150)


def test_main_pages_have_no_csp_violations(login_page, live_server, page):
    found = watch(page)
    pages = [(role, url) for role, url in main_pages() if role in ROLES]
    assert len(pages) > 40
    seen_roles = []
    for role in ROLES:
        page.context.clear_cookies()
        login_page(role)
        for who, url in pages:
            if who != role:
                continue
            response = page.goto(live_server.url + url, wait_until="networkidle")
            assert response.status == 200, (role, url, response.status)
            assert "script-src 'self'" in response.headers["content-security-policy"]
            if page.locator("[id^=chart-]").count():
                hover_charts(page)
            found += dom_violations(page)
        seen_roles.append(role)
    assert seen_roles == list(ROLES)
    assert found == [], "\n".join(found)


def test_behaviours_moved_out_of_inline_handlers_still_work(login_page, live_server, page):
    """The select that submits its form, the confirm before a form is sent, the tree's open/close buttons and the
    progress bars' widths — now in core/behaviours.js instead of on*= attributes."""
    found = watch(page)
    login_page("kepala")
    from sakip.core.tests.pages import demo_objects

    o = demo_objects()
    page.goto(f"{live_server.url}/perencanaan/renstra/{o['renstra'].pk}/")
    select = page.locator("select[name=tahun]").first
    years = select.locator("option").all_text_contents()
    with page.expect_navigation():
        select.select_option(years[-1])
    assert f"tahun={years[-1]}" in page.url

    page.goto(f"{live_server.url}/perencanaan/pohon-kinerja/")
    closed = "[...document.querySelectorAll('.pk-node')].filter((d) => !d.open).length"
    page.get_by_role("button", name="Tutup semua").click()
    assert page.evaluate(closed) > 0
    page.get_by_role("button", name="Buka semua").click()
    assert page.evaluate(closed) == 0

    # the confirm before "start the next year": "no" sends nothing, "yes" sends the form
    page.goto(f"{live_server.url}/perencanaan/renstra/{o['renstra'].pk}/")
    questions = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    url = page.url
    page.get_by_test_id("start-next-year").click()
    page.wait_for_timeout(300)
    assert questions == ["Salin target, IKI dan draf PK ke tahun berikutnya?"]
    assert page.url == url
    page.once("dialog", lambda d: (questions.append(d.message), d.accept()))
    with page.expect_navigation():
        page.get_by_test_id("start-next-year").click()
    assert len(questions) == 2

    page.goto(f"{live_server.url}/pengukuran/")
    widths = page.evaluate("[...document.querySelectorAll('.progress-bar[data-width]')].map((e) => e.style.width)")
    assert widths and all(w.endswith("%") for w in widths)
    found += dom_violations(page)
    assert found == [], "\n".join(found)
