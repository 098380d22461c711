from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The second step: the app's 6-digit code, or a recovery code."""

    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=32,
        help_text=_("Kode 6 angka dari aplikasi autentikator, atau salah satu kode pemulihan Anda."),
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg text-center",
                "autocomplete": "one-time-code",
                "autofocus": True,
            }
        ),
    )


class ConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Kode 6 angka dari aplikasi"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi Anda"),
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "current-password"}),
    )
