"""A page answered for a user outside a web request: the task worker replays a list view as the user who
asked for its export (sakip.core.exports), with the same address and filters, so the file has the same scope
and the same rows as the list that user sees.

The request is a plain `HttpRequest` set up as the web server would for a GET of `path?query` from
`remote_addr` to the site's own host (SITE_URL), signed in as `user`; it runs the view, not the middleware
(the user, the htmx details and the resolver match are set here instead).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import resolve
from django_htmx.middleware import HtmxDetails


def get_request(path: str, query: QueryDict, *, user, remote_addr: str | None) -> HttpRequest:
    site = urlsplit(settings.SITE_URL)
    scheme = site.scheme or "http"
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.GET = query.copy()
    request.META = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query.urlencode(),
        "REMOTE_ADDR": remote_addr or "127.0.0.1",
        "SERVER_NAME": site.hostname or "127.0.0.1",
        "SERVER_PORT": str(site.port or (443 if scheme == "https" else 80)),
        "HTTP_HOST": site.netloc or "127.0.0.1",
        "wsgi.url_scheme": scheme,
    }
    request.user = user
    request.htmx = HtmxDetails(request)
    return request


def run_view(request: HttpRequest):
    """The response of the view `request.path_info` resolves to (Resolver404 when none does)."""
    match = resolve(request.path_info)
    request.resolver_match = match
    return match.func(request, *match.args, **match.kwargs)
