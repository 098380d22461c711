"""Sign-in forms: the lockout's Indonesian message instead of "wrong password" while locked."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm


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
    pass


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    pass
