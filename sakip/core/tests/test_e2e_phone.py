"""Browser: on a phone (390 px wide) no main page scrolls sideways (docs/ui.md) — wide tables sit in
`.table-responsive`, tabs scroll on their own line, codes and badges wrap. The pages are test_csp.py's main
pages (sakip/core/tests/pages.py) as the roles that use them, plus every SOP register entry and every LKE."""

import pytest

from sakip.core.tests.pages import main_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 390
# Elements wider than the page that are not inside a scrolling or clipping container: what pushes it wider.
CULPRITS = """() => { const W = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let p = el.parentElement, clipped = false;
    while (p) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) { clipped = true; break; }
      p = p.parentElement;
    }
    if (!clipped && ![...el.children].some(c => c.getBoundingClientRect().right > W + 1))
      out.push(el.tagName.toLowerCase() + '.' + String(el.className).slice(0, 40) + ': '
               + (el.textContent || '').trim().slice(0, 40));
  }
  return out.slice(0, 5); }"""


def phone_pages():
    from sakip.evaluation.models import Evaluation
    from sakip.sop.models import Sop

    pages = [(role, url) for role, url in main_pages() if not url.startswith("/admin/")]
    pages += [("admin", f"/sop/{pk}/") for pk in Sop.objects.order_by("pk").values_list("pk", flat=True)]
    evaluations = Evaluation.objects.order_by("pk").values_list("pk", flat=True)
    pages += [("admin", f"/evaluasi/{pk}/lke/") for pk in evaluations]
    return sorted(set(pages))


def test_no_main_page_is_wider_than_a_phone(login_page, live_server, page):
    page.set_viewport_size({"width": WIDTH, "height": 844})
    pages = phone_pages()
    assert len(pages) > 50
    too_wide, current = [], None
    for role, url in pages:
        if role != current:
            page.context.clear_cookies()
            login_page(role)
            current = role
        response = page.goto(live_server.url + url, wait_until="load")
        assert response.status == 200, (role, url, response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide.append((role, url, width, page.evaluate(CULPRITS)))
    assert too_wide == [], "\n".join(map(str, too_wide))
