"""The gate of two-factor sign-in: a session that still owes its second step reaches that step and nothing else.

After the password, a user with a device may open only the code page (twofactor:verify); a user whose role
requires two-factor sign-in and who has no device only the enrolment page (twofactor:setup); both may sign out
and switch the language. Every other page redirects there (an htmx request gets HX-Redirect); the API treats
such a session as anonymous (a personal token still works). Installed after django_otp's OTPMiddleware, which
sets `request.user.is_verified()`."""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import policy

ALWAYS_OPEN = {"logout", "set_language"}
OPEN_FOR = {
    policy.VERIFY: {"twofactor:verify"},
    policy.ENROL: {"twofactor:setup"},
}


class TwoFactorGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = policy.pending(request)
        if step is None:
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in ALWAYS_OPEN or name in OPEN_FOR[step]:
            return None
        if request.path_info.startswith("/api/"):
            # Not signed in as far as the API is concerned: the session has not given its second factor.
            request.user = AnonymousUser()
            return None
        target = reverse("twofactor:verify" if step == policy.VERIFY else "twofactor:setup")
        if request.method == "GET" and name not in ("login", "home"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
