"""/api/docs/: Swagger UI from drf-spectacular-sidecar (served as static files, no CDN).

The page has no inline script: static/api/swagger-init.js reads the schema URL and the CSRF token
from data attributes, so the page works under a strict Content-Security-Policy.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie


@login_required
@ensure_csrf_cookie
def swagger(request):
    return render(request, "api/docs.html")
