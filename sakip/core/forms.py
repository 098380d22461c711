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


class StyledModelForm(forms.ModelForm):
    """The base ModelForm of every app: Bootstrap classes on every widget; `user` scopes the choices."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"

    def scope_opd_field(self, name="opd"):
        if name in self.fields:
            self.fields[name].queryset = (
                P.readable_opds(self.user)
                if P.is_admin(self.user)
                else P.readable_opds(self.user).filter(pk=self.user.opd_id)
            )
