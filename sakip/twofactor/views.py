"""Pages of two-factor sign-in: the second step after the password, and "Verifikasi dua langkah" on the user's
profile (enrol, recovery codes, disable). Writes go through sakip.twofactor.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import policy, services
from .forms import CodeForm, ConfirmForm, PasswordForm
from .models import TwoFactorEvent


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url("home")


def _add_errors(form, exc, field):
    for key, errors in (exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}).items():
        form.add_error(field if key in (None, "__all__") or key not in form.fields else key, errors)


@login_required
def verify(request):
    step = policy.pending(request)
    if step == policy.VERIFY and not policy.has_device(request.user):
        step = policy.refresh(request)  # the device was reset meanwhile
    if step is None:
        return redirect(_next_url(request))
    if step == policy.ENROL:
        return redirect("twofactor:setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = services.verify(request, form.cleaned_data["code"])
        if outcome.ok:
            if outcome.recovery_used:
                messages.warning(
                    request,
                    _(
                        "Anda masuk dengan kode pemulihan; tersisa %(n)d kode. Buat kode pemulihan baru di "
                        "halaman Verifikasi dua langkah bila tinggal sedikit."
                    )
                    % {"n": outcome.recovery_left},
                )
            return redirect(_next_url(request))
        form.add_error("code", outcome.message)
        if outcome.locked:
            status = 429
    return render(
        request,
        "twofactor/verify.html",
        {"form": form, "next": _next_url(request), "sakip_2fa_pending": True},
        status=status,
    )


@login_required
def setup(request):
    user = request.user
    pending = policy.pending(request)
    context = {"sakip_2fa_pending": bool(pending), "required": policy.is_required(user), "next": _next_url(request)}
    action = request.POST.get("action") if request.method == "POST" else None

    if action == "confirm":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                _device, codes = services.confirm_enrolment(request, form.cleaned_data["code"])
            except ValidationError as exc:
                _add_errors(form, exc, "code")
            else:
                messages.success(request, _("Verifikasi dua langkah aktif."))
                return _codes_page(request, codes, first=True)
        return _enrol_page(request, context, form)

    if not policy.has_device(user):
        return _enrol_page(request, context, ConfirmForm())

    regen_form = PasswordForm(request.POST if action == "regenerate" else None, prefix="regen")
    disable_form = PasswordForm(request.POST if action == "disable" else None, prefix="disable")
    if action == "regenerate" and regen_form.is_valid():
        try:
            codes = services.regenerate_recovery_codes(request, regen_form.cleaned_data["password"])
        except ValidationError as exc:
            _add_errors(regen_form, exc, "password")
        else:
            messages.success(request, _("Kode pemulihan baru dibuat; kode lama tidak berlaku lagi."))
            return _codes_page(request, codes, first=False)
    if action == "disable" and disable_form.is_valid():
        try:
            services.disable(request, disable_form.cleaned_data["password"])
        except ValidationError as exc:
            _add_errors(disable_form, exc, "password")
        else:
            messages.success(request, _("Verifikasi dua langkah dinonaktifkan."))
            return redirect("twofactor:setup")
    context.update(
        {
            "active": True,
            "device": policy.totp_device(user),
            "recovery_left": services.recovery_left(user),
            "regen_form": regen_form,
            "disable_form": disable_form,
            "events": TwoFactorEvent.objects.filter(user=user).select_related("actor")[:10],
        }
    )
    return render(request, "twofactor/setup.html", context)


def _enrol_page(request, context, form):
    try:
        device = services.start_enrolment(request.user)
    except ValidationError:
        return redirect("twofactor:setup")
    context.update(
        {
            "active": False,
            "form": form,
            "qr_svg": services.qr_svg(device),
            "secret": services.secret_text(device),
            "issuer": device._read_str_from_settings("OTP_TOTP_ISSUER") or "",
        }
    )
    return render(request, "twofactor/setup.html", context)


def _codes_page(request, codes, *, first):
    user = request.user
    lines = [
        _("Kode pemulihan sakip untuk %(user)s") % {"user": user.get_username()},
        _("Setiap kode hanya dapat dipakai sekali, bila aplikasi autentikator tidak tersedia."),
        "",
        *codes,
        "",
    ]
    return render(
        request,
        "twofactor/codes.html",
        {
            "codes": codes,
            "codes_text": "\r\n".join(lines),
            "filename": f"sakip-kode-pemulihan-{user.get_username()}.txt",
            "first": first,
            "next": _next_url(request),
        },
    )
