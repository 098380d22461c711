import logging
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import audit, lockout, ratelimit
from .clientip import client_ip
from .forms import LoginForm
from .middleware import IDLE_EXPIRED_KEY
from .permissions import require_view

security_log = logging.getLogger("sakip.security")

SAKIP_APPS = ["organization", "planning", "measurement", "reporting", "evaluation", "sop", "documents", "portal"]


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    form_class = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Set by IdleTimeoutMiddleware when it signed the user out (sakip.core.middleware).
        context["idle_expired"] = self.request.session.pop(IDLE_EXPIRED_KEY, None)
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(self.request, "sakip_lockout", None) is not None:
            response.status_code = 429  # locked out (sakip.core.lockout): the message says for how long
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """ "Lupa kata sandi": Django's reset by e-mail. The page always says the same thing whether or not the
    address belongs to an account (no user enumeration); requests are rate-limited per client address
    (429) and, silently, per e-mail address (nobody's inbox can be flooded)."""

    template_name = "registration/sakip_password_reset_form.html"
    email_template_name = "registration/sakip_password_reset_email.txt"
    subject_template_name = "registration/sakip_password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        # The link uses the configured public address, never the request's Host header.
        return {"site_url": settings.SITE_URL.rstrip("/")}

    def post(self, request, *args, **kwargs):
        if not ratelimit.hit("password_reset", "a" + client_ip(request)):
            return ratelimit.refused(request, "password_reset")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().casefold()
        if not ratelimit.hit("password_reset_email", "e" + email):
            security_log.warning("password reset: too many requests for one address, not sent")
            return redirect(self.get_success_url())
        security_log.info("password reset requested from %s", client_ip(self.request))
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/sakip_password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner proved control of the e-mail address: their sign-in lockout ends.
        lockout.unlock(lockout.account_key("", form.user))
        security_log.info("password reset completed for user %s", form.user.pk)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("password_change_done")


@login_required
def password_change_done(request):
    messages.success(request, _("Kata sandi berhasil diubah."))
    return redirect("home")


def home_cards(user):
    """Each app may offer cards for the home page in `<app>/home.py: cards(user) -> list[dict]`."""
    cards = []
    for label in SAKIP_APPS:
        try:
            module = import_module(f"sakip.{label}.home")
        except ModuleNotFoundError:
            continue
        for card in module.cards(user) or []:
            # Templates read card.items: without the key it would resolve to dict.items().
            card.setdefault("items", [])
            card.setdefault("value", None)
            cards.append(card)
    return sorted(cards, key=lambda c: c.get("order", 50))


@login_required
def home(request):
    return render(request, "core/home.html", {"cards": home_cards(request.user)})


def stage_placeholder(request, title, description):
    """A SAKIP stage that is not built yet says so (no dead links)."""
    return render(request, "core/stage_placeholder.html", {"title": title, "description": description})


@login_required
@require_GET
def object_history(request, app_label, model, pk):
    """ "Riwayat": who changed what, before → after, for any domain model the user may see."""
    try:
        model_cls = apps.get_model(app_label, model)
    except LookupError:
        raise Http404 from None
    if not hasattr(model_cls, "history"):
        raise Http404
    obj = model_cls._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    require_view(request.user, obj)
    # A model may narrow visibility inside an OPD (e.g. a bidang's draft values before submission).
    user_can_view = getattr(obj, "user_can_view", None)
    if user_can_view is not None and not user_can_view(request.user):
        raise Http404
    entries = audit.entries_for(obj)
    if request.GET.get("export") == "xlsx":
        response = audit.export_xlsx(obj, entries)
        audit.history_exported.send(sender=model_cls, request=request, obj=obj)
        return response
    return render(
        request, "core/history.html", {"object": obj, "entries": entries, "model_name": model_cls._meta.verbose_name}
    )


def error_403(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "code": 403,
            "title": _("Akses ditolak"),
            "message": _("Anda tidak berwenang membuka halaman atau melakukan tindakan ini."),
        },
        status=403,
    )


def error_404(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "code": 404,
            "title": _("Tidak ditemukan"),
            "message": _("Halaman atau data yang Anda cari tidak ada atau tidak dapat Anda akses."),
        },
        status=404,
    )


def error_500(request):
    return render(
        request,
        "core/error.html",
        {
            "code": 500,
            "title": _("Terjadi kesalahan"),
            "message": _("Maaf, terjadi kesalahan pada sistem. Kesalahan ini telah dicatat; silakan coba lagi."),
        },
        status=500,
    )
