"""Sign-in forms: the lockout's Indonesian message instead of "wrong password" while locked."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy

from . import permissions as P


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


def date_inputs(form) -> None:
    """Date fields as `<input type="date">` with the ISO value the browser expects."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.DateInput):
            field.widget.input_type = "date"
            field.widget.format = "%Y-%m-%d"


class StyledModelForm(forms.ModelForm):
    """The base ModelForm of every app: `user` scopes the choices; dates are picked in the browser's date
    input. Its look is the form renderer's (sakip.core.renderers), like every other form's."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        date_inputs(self)

    def scope_opd_field(self, name="opd"):
        if name in self.fields:
            self.fields[name].queryset = (
                P.readable_opds(self.user)
                if P.is_admin(self.user)
                else P.readable_opds(self.user).filter(pk=self.user.opd_id)
            )
