"""Cross-agency replay (docs/security.md, "Agencies stay apart").

The demo agency's own users crawl every page they can reach and collect each URL that names an object
(a `pk`-like URL argument) and each form that posts to one. Users of another OPD of the same Pemda —
its Kepala, Tim SAKIP, a Kabid and an operator — then replay every one of them: a GET must answer 403
or 404 (never the page, never a 500), a POST must be refused and leave every table's history
unchanged. The test fails when a view forgets its scope check.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import Resolver404, resolve

from sakip.core import roles as R
from sakip.organization.models import OPD, Unit, User

pytestmark = pytest.mark.django_db

VICTIMS = ["kepala", "timsakip", "kabid", "operator"]
# Links a crawl must not follow: signing out, the admin (superusers only) and static files.
SKIP = re.compile(r"^/(static|media|admin|keluar|logout|accounts/logout|i18n)/|/keluar/?$|/logout/?$")
OBJECT_ARG = re.compile(r"(^|_)(pk|id)$")
MAX_PAGES_PER_USER = 400
MAX_PER_PATTERN = 2  # two objects of each kind are enough to catch a missing check
# Objects every user of the Pemda reads by design, with the reason.
SHARED = {
    "evaluasi/templat/<int:pk>/": "the LKE form of PermenPAN-RB 88/2021 is national, the same for every OPD",
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for attr in ("hx-get",):
            if a.get(attr):
                self.links.append(a[attr])
        if a.get("hx-post"):
            self.forms.append({"action": a["hx-post"], "fields": {}})
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        if self._form is not None and tag in ("input", "select", "textarea") and a.get("name"):
            if a.get("type") not in ("file",) and a["name"] != "csrfmiddlewaretoken":
                self._form["fields"][a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _object_pattern(path):
    """The URL pattern's route when the path names an object, else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if not any(OBJECT_ARG.search(k) for k in match.kwargs):
        return None
    return match.route


def _local(base, href):
    href = urldefrag(href)[0]
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.netloc not in ("testserver", ""):
            return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    return path


def crawl(client):
    """(object GET paths by pattern, object POST forms by pattern) reachable from the home page."""
    seen, queue = set(), deque(["/"])
    gets, posts = {}, {}
    while queue and len(seen) < MAX_PAGES_PER_USER:
        path = queue.popleft()
        if path in seen or SKIP.search(path):
            continue
        seen.add(path)
        pattern = _object_pattern(path)
        if pattern:
            bucket = gets.setdefault(pattern, [])
            if len(bucket) >= MAX_PER_PATTERN:
                continue
            bucket.append(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.links:
            target = _local(path, href)
            if target and target not in seen:
                queue.append(target)
        for form in parser.forms:
            target = _local(path, form["action"]) or path
            form_pattern = _object_pattern(target)
            if form_pattern and not SKIP.search(target):
                bucket = posts.setdefault(form_pattern, [])
                if len(bucket) < MAX_PER_PATTERN and all(f["path"] != target for f in bucket):
                    bucket.append({"path": target, "fields": form["fields"]})
    return gets, posts


@pytest.fixture
def intruders(demo, settings):
    """Users of another OPD of the same Pemda, one per OPD role, signed in completely: the second factor a Kepala
    OPD needs (sakip.twofactor) is not what this test is about, so it is not required of them here."""
    settings.SAKIP_2FA_REQUIRED_ROLES = []
    opd = OPD.objects.create(pemda=demo["pemda"], name="Dinas Uji Coba", akronim="DinUji", kind=OPD.Kind.DINAS)
    unit = Unit.objects.create(opd=opd, name="Bidang Uji", kind="bidang")
    made = {}
    for username, role, with_unit in [
        ("uji_kepala", R.KEPALA_OPD, False),
        ("uji_timsakip", R.TIM_SAKIP, False),
        ("uji_kabid", R.KEPALA_UNIT, True),
        ("uji_operator", R.OPERATOR, True),
    ]:
        user = User.objects.create_user(username, password="x-" + username, opd=opd, pemda=demo["pemda"])
        if with_unit:
            user.unit = unit
            user.save()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        made[username] = user
    return made


def _history_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical")}


def test_another_opd_replays_nothing(intruders, client_for):
    gets, posts = {}, {}
    for victim in VICTIMS:
        g, p = crawl(client_for(victim))
        for pattern, paths in g.items():
            bucket = gets.setdefault(pattern, [])
            bucket.extend(x for x in paths if x not in bucket and len(bucket) < MAX_PER_PATTERN)
        for pattern, forms in p.items():
            bucket = posts.setdefault(pattern, [])
            bucket.extend(f for f in forms if len(bucket) < MAX_PER_PATTERN)
    # The crawl must reach the agency's objects of every stage, or the replay proves nothing.
    prefixes = {p.split("/")[0] for p in gets}
    assert len(gets) >= 40, sorted(gets)
    for stage in ("organisasi", "perencanaan", "pengukuran", "sop", "dokumen", "riwayat"):
        assert any(p.startswith(stage) for p in prefixes), (stage, sorted(prefixes))
    assert len(posts) >= 10, sorted(posts)

    print(f"replaying {sum(map(len, gets.values()))} GET and {sum(map(len, posts.values()))} POST object URLs")
    before = _history_counts()
    leaks = []
    for username, user in intruders.items():
        client = Client()
        client.force_login(user)
        for pattern, paths in gets.items():
            if pattern in SHARED:
                continue
            for path in paths:
                status = client.get(path).status_code
                if status not in (403, 404):
                    leaks.append(("GET", username, path, status))
        for forms in posts.values():
            for form in forms:
                status = client.post(form["path"], form["fields"]).status_code
                if status not in (403, 404, 405):
                    leaks.append(("POST", username, form["path"], status))
    assert leaks == [], "\n".join(map(str, leaks))
    assert _history_counts() == before
