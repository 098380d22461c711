"""The profile page where a user creates and revokes personal API tokens."""

from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama token"), max_length=80)
    scope = forms.ChoiceField(label=gettext_lazy("Cakupan"), choices=ApiToken.Scope.choices, initial="read")
    expires_on = forms.DateField(
        label=gettext_lazy("Berlaku sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Kosongkan bila tidak kedaluwarsa (paling lama dua tahun bila diisi)."),
    )

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("Tanggal berakhir harus di masa depan."))
        return value

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data.get("expires_on")
        expires_at = (
            timezone.make_aware(datetime.combine(expires_on, time(23, 59, 59))) if expires_on is not None else None
        )
        try:
            token, new_token = services.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=expires_at,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                target = "expires_on" if field == "expires_at" else field
                form.add_error(target if target in form.fields else None, errors)
        else:
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": selectors.tokens_of(request.user), "new_token": new_token, "title": _("Token API")},
    )


@login_required
@require_POST
def revoke(request, pk):
    token = get_object_or_404(selectors.tokens_of(request.user), pk=pk)
    services.revoke_token(user=request.user, token=token)
    messages.success(request, _("Token %(name)s dicabut.") % {"name": token.name})
    return redirect("api_tokens")
