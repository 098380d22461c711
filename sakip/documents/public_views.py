"""The public verification page: /verifikasi/<kode>/ (no login). Shows the number, date, signer and
hash of an archived document and checks an uploaded PDF against it."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sakip.core.ratelimit import rate_limited

from . import signing
from .models import ArchivedDocument
from .services import verify_pdf


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas PDF yang akan diperiksa"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > settings.SAKIP_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (maksimal %(mb)s MB).")
                % {"mb": settings.SAKIP_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        data = f.read()
        if not signing.is_pdf(data):
            raise forms.ValidationError(
                _("Berkas yang diunggah bukan PDF. Unggah berkas PDF dokumen yang ingin diperiksa.")
            )
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode verifikasi"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "ABCD-2345", "autocomplete": "off"}),
    )


@require_http_methods(["GET", "POST"])
@rate_limited("verify", methods=("GET", "POST"))
def verify_home(request):
    code_form = CodeForm(request.GET or None)
    if code_form.is_bound and code_form.is_valid():
        return redirect("verifikasi:verify", code=signing.normalize_code(code_form.cleaned_data["code"]))
    form = UploadForm(request.POST or None, request.FILES or None)
    result, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            result = verify_pdf(form.cleaned_data["file"])
        else:
            status = 400
    return render(
        request,
        "documents/public/verify.html",
        {"document": None, "form": form, "code_form": code_form, "result": result},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@rate_limited("verify", methods=("GET", "POST"))
def verify(request, code):
    normalized = signing.normalize_code(code)
    if normalized != code:
        return redirect("verifikasi:verify", code=normalized)
    document = (
        ArchivedDocument.objects.select_related("opd", "opd__pemda", "doc_type", "signer")
        .filter(verification_code=normalized)
        .first()
    )
    if document is None:
        return render(
            request,
            "documents/public/verify.html",
            {"document": None, "unknown_code": code, "form": None, "code_form": CodeForm()},
            status=404,
        )
    form = UploadForm(request.POST or None, request.FILES or None)
    result, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            result = verify_pdf(form.cleaned_data["file"], expected=document)
        else:
            status = 400
    newer = document.next_versions.order_by("-version").first()
    return render(
        request,
        "documents/public/verify.html",
        {"document": document, "form": form, "result": result, "newer": newer, **signing_times(document)},
        status=status,
    )


def signing_times(document) -> dict:
    """The trusted timestamp on the archived file's signature (RFC 3161, None without one) and whether the signature
    was applied after the document's date — said plainly on the page (docs/documents.md "Trusted timestamps")."""
    if not document.signed:
        return {"timestamp": None, "signed_later": False}
    with document.file.storage.open(document.file.name, "rb") as fh:
        stamp = signing.signature_timestamp(fh.read())
    applied = stamp or document.signed_at
    signed_later = applied is not None and timezone.localtime(applied).date() > document.date
    return {"timestamp": stamp, "signed_later": signed_later, "applied_at": applied}
