"""Sign-in forms: the lockout's Indonesian message instead of "wrong password" while locked."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy


class LockoutMessageMixin:
    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            lock = getattr(self.request, "sakip_lockout", None) if self.request is not None else None
            if lock is not None:
                raise forms.ValidationError(lock.message(), code="locked") from None
            raise


class LoginForm(LockoutMessageMixin, AuthenticationForm):
    # Django's Indonesian catalogue says "Masukkan nama pengguna %(username)s …" with the field's label
    # "nama pengguna": the page read "nama pengguna nama pengguna". One plain sentence instead.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy(
            "Nama pengguna (atau NIP) atau kata sandi tidak benar. Huruf besar/kecil pada kata sandi berpengaruh."
        ),
    }


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    pass
