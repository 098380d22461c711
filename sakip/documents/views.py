"""Documents pages: archive, letters, agenda surat keluar, retention, classification codes,
document types, certificates, background jobs. Thin: reads via selectors, writes via services."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.crud import ScopedListView
from sakip.core.ratelimit import upload_limited
from sakip.core.service_calls import FAILED, call_service, run_action

from . import filtersets, forms, selectors, services, tables
from .docx import letter_docx as build
from .models import ArchivedDocument, DocumentType, GenerationJob, Klasifikasi, Letter, NumberRecord


def can_write_any(user):
    return P.is_admin(user) or P.is_opd_manager(user) or P.is_unit_role(user)


# --- Archive ------------------------------------------------------------------------------------
class ArchiveList(ScopedListView):
    title = gettext_lazy("Arsip dokumen")
    subtitle = gettext_lazy("Setiap dokumen yang diterbitkan sakip: bernomor, ber-hash SHA-256, tidak pernah ditimpa.")
    table_class = tables.ArchiveTable
    filterset_class = filtersets.ArchiveFilter
    export_name = "arsip-dokumen"

    def get_queryset(self):
        return selectors.archive_for(self.request.user)


index = ArchiveList.as_view()


@login_required
def archive_detail(request, pk):
    doc = get_object_or_404(
        selectors.archive_for(request.user).select_related(
            "certificate", "previous", "number_record", "signer_position"
        ),
        pk=pk,
    )
    versions = ArchivedDocument.objects.filter(pk__in=_version_ids(doc)).select_related("doc_type").order_by("version")
    return render(
        request,
        "documents/archive_detail.html",
        {
            "doc": doc,
            "versions": versions,
            "lampiran": doc.lampiran.select_related("doc_type"),
            "attached_to": doc.attached_to.select_related("doc_type"),
            "source": doc.source if doc.source_type_id else None,
            "phase": doc.retention_phase(),
        },
    )


def _version_ids(doc):
    ids, node = {doc.pk}, doc
    while node.previous_id and node.previous_id not in ids:
        ids.add(node.previous_id)
        node = node.previous
    frontier = [doc.pk]
    while frontier:
        nxt = list(ArchivedDocument.objects.filter(previous_id__in=frontier).values_list("pk", flat=True))
        frontier = [i for i in nxt if i not in ids]
        ids.update(frontier)
    return ids


@login_required
def archive_download(request, pk):
    doc = get_object_or_404(ArchivedDocument.objects.select_related("doc_type"), pk=pk)
    P.require_view(request.user, doc)
    fmt = request.GET.get("format")
    if fmt == "docx":
        if not doc.docx_file:
            return HttpResponse(_("Dokumen ini tidak memiliki versi DOCX."), status=404)
        return FileResponse(
            doc.docx_file.open("rb"),
            as_attachment=True,
            filename=f"{doc.doc_type.code}-{doc.verification_code}.docx",
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    return FileResponse(
        doc.file.open("rb"),
        content_type=doc.content_type,
        as_attachment=request.GET.get("inline") != "1",
        filename=f"{doc.doc_type.code}-{doc.verification_code}.pdf",
    )


class RetentionList(ScopedListView):
    title = gettext_lazy("Retensi arsip")
    subtitle = gettext_lazy(
        "Dokumen yang masa retensi aktif atau seluruh masa retensinya telah berakhir (per hari ini)."
    )
    table_class = tables.RetentionTable
    filterset_class = filtersets.ArchiveFilter
    export_name = "retensi-arsip"

    def get_queryset(self):
        return selectors.retention_due(self.request.user)


# --- Agenda surat keluar --------------------------------------------------------------------------
class AgendaList(ScopedListView):
    title = gettext_lazy("Agenda surat keluar")
    subtitle = gettext_lazy(
        "Nomor surat per OPD per tahun: terbit, terdaftar dari luar sakip, atau dibatalkan beserta alasannya."
    )
    table_class = tables.AgendaTable
    filterset_class = filtersets.AgendaFilter
    export_name = "agenda-surat-keluar"
    create_url_name = "documents:number_register"
    create_label = gettext_lazy("Daftarkan nomor dari luar sakip")

    def can_create(self):
        return services.can_register_external(self.request.user, self.request.user.opd_id)

    def get_queryset(self):
        return selectors.agenda_for(self.request.user)


@login_required
def number_register(request):
    P.check(services.can_register_external(request.user, request.user.opd_id))
    form = forms.ExternalNumberForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            record = call_service(
                form,
                services.register_external_number,
                user=request.user,
                opd=d["opd"],
                doc_type=d["doc_type"],
                number=d["number"],
                date=d["date"],
                subject=d["subject"],
                recipient=d["recipient"],
                unit=request.user.unit,
            )
            if record is FAILED:
                status = 400
            else:
                messages.success(request, _("Nomor %(number)s tercatat di agenda.") % {"number": record.number})
                return redirect("documents:agenda")
        else:
            status = 400
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Daftarkan nomor dari luar sakip"), "cancel_url": reverse("documents:agenda")},
        status=status,
    )


@login_required
def number_cancel(request, pk):
    record = get_object_or_404(NumberRecord.objects.select_related("opd", "doc_type"), pk=pk)
    P.require_view(request.user, record)
    P.check(P.can_write_scope(request.user, record.opd_id, record.unit))
    form = forms.NumberCancelForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            done = call_service(
                form, services.cancel_number, user=request.user, record=record, reason=form.cleaned_data["reason"]
            )
            if done is FAILED:
                status = 400
            else:
                messages.success(request, _("Nomor %(number)s dibatalkan.") % {"number": record.number})
                return redirect("documents:agenda")
        else:
            status = 400
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": record,
            "title": _("Batalkan nomor %(number)s") % {"number": record.number},
            "cancel_url": reverse("documents:agenda"),
        },
        status=status,
    )


# --- Letters ------------------------------------------------------------------------------------
class LetterList(ScopedListView):
    title = gettext_lazy("Surat")
    subtitle = gettext_lazy("Konsep surat → paraf koordinasi → nomor → tanda tangan elektronik → arsip.")
    table_class = tables.LetterTable
    filterset_class = filtersets.LetterFilter
    export_name = "surat"
    create_url_name = "documents:letter_create"
    create_label = gettext_lazy("Buat surat")

    def can_create(self):
        return can_write_any(self.request.user)

    def get_queryset(self):
        return selectors.letters_for(self.request.user)


@login_required
def letter_edit(request, pk=None):
    letter = None
    if pk is not None:
        letter = get_object_or_404(Letter, pk=pk)
        P.require_view(request.user, letter)
        P.check(P.can_write_scope(request.user, letter.opd_id, letter.unit))
    else:
        P.check(can_write_any(request.user))
    initial = {}
    if letter is None and request.GET.get("jenis"):
        dtype = DocumentType.objects.filter(code=request.GET["jenis"], is_letter=True).first()
        if dtype:
            initial = {"doc_type": dtype.pk, "klasifikasi": dtype.default_klasifikasi_id}
    form = forms.LetterForm(request.POST or None, instance=letter, user=request.user, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            obj = form.save(commit=False)
            obj = call_service(
                form, services.save_letter, user=request.user, letter=obj, lampiran=form.cleaned_data.get("lampiran")
            )
            if obj is FAILED:
                status = 400
            else:
                messages.success(request, _("Surat tersimpan."))
                return redirect("documents:letter_detail", pk=obj.pk)
        else:
            status = 400
    codes = {str(pk): code for pk, code in DocumentType.objects.filter(is_letter=True).values_list("pk", "code")}
    return render(
        request,
        "documents/letter_form.html",
        {
            "form": form,
            "object": letter,
            "doc_type_codes": codes,
            "title": _("Ubah surat") if letter else _("Buat surat"),
            "cancel_url": reverse("documents:letter_detail", args=[letter.pk])
            if letter
            else reverse("documents:letters"),
        },
        status=status,
    )


@login_required
def letter_detail(request, pk):
    letter = get_object_or_404(
        selectors.letters_for(request.user).select_related("on_behalf_of", "unit", "drafter_position"), pk=pk
    )
    user = request.user
    can_write = P.can_write_scope(user, letter.opd_id, letter.unit)
    signature, signature_error = None, ""
    try:
        signature = services.signature_block(letter.signer_position, letter.date, on_behalf_of=letter.on_behalf_of)
    except ValidationError as exc:
        signature_error = " ".join(exc.messages)
    required = services.required_paraf_positions(letter)
    parafs = {p.position_id: p for p in letter.parafs.select_related("employee", "position")}
    paraf_rows = [{"position": p, "paraf": parafs.get(p.pk)} for p in required]
    my_position = services._current_position(user.employee, date.today()) if user.employee_id else None
    open_state = letter.state in (Letter.State.DRAFT, Letter.State.NUMBERED)
    can_sign = bool(signature and open_state and (P.is_admin(user) or user.employee_id == signature["employee"].pk))
    jobs = (
        GenerationJob.objects.filter(params__context__letter_id=letter.pk).order_by("-pk")[:3]
        if letter.state != Letter.State.SIGNED
        else []
    )
    return render(
        request,
        "documents/letter_detail.html",
        {
            "letter": letter,
            "signature": signature,
            "signature_error": signature_error,
            "paraf_rows": paraf_rows,
            "can_write": can_write and open_state,
            "can_paraf": bool(
                open_state
                and my_position
                and my_position.pk in {p.pk for p in required}
                and my_position.pk not in parafs
            ),
            "can_number": can_write and letter.state == Letter.State.DRAFT and letter.doc_type.numbered,
            "can_sign": can_sign,
            "missing": services.missing_parafs(letter) if open_state else [],
            "jobs": jobs,
            "lampiran": letter.lampiran.select_related("doc_type"),
        },
    )


def _letter_action(request, pk, action):
    letter = get_object_or_404(Letter, pk=pk)
    P.require_view(request.user, letter)
    result = run_action(request, action, letter)
    if result is FAILED:
        return redirect("documents:letter_detail", pk=letter.pk)
    return result


@login_required
@require_POST
def letter_paraf(request, pk):
    def act(letter):
        services.add_paraf(user=request.user, letter=letter, note=request.POST.get("note", ""))
        messages.success(request, _("Paraf koordinasi tercatat."))
        return redirect("documents:letter_detail", pk=letter.pk)

    return _letter_action(request, pk, act)


@login_required
@require_POST
def letter_number(request, pk):
    def act(letter):
        letter = services.number_letter(user=request.user, letter=letter)
        messages.success(request, _("Surat diberi nomor %(number)s.") % {"number": letter.number})
        return redirect("documents:letter_detail", pk=letter.pk)

    return _letter_action(request, pk, act)


@login_required
@require_POST
def letter_sign(request, pk):
    def act(letter):
        result = services.sign_letter(
            user=request.user, letter=letter, background=request.POST.get("background") == "1"
        )
        if isinstance(result, GenerationJob):
            messages.info(request, _("Dokumen sedang dibuat di latar belakang."))
        else:
            messages.success(
                request,
                _("Surat ditandatangani secara elektronik dan diarsipkan (kode verifikasi %(code)s).")
                % {"code": result.code_display},
            )
        return redirect("documents:letter_detail", pk=letter.pk)

    return _letter_action(request, pk, act)


@login_required
@require_POST
def letter_cancel(request, pk):
    def act(letter):
        services.cancel_letter(user=request.user, letter=letter, reason=request.POST.get("reason", ""))
        messages.success(request, _("Surat dibatalkan."))
        return redirect("documents:letter_detail", pk=letter.pk)

    return _letter_action(request, pk, act)


@login_required
def letter_preview(request, pk):
    letter = get_object_or_404(Letter.objects.select_related("opd", "doc_type", "signer_position"), pk=pk)
    P.require_view(request.user, letter)
    try:
        archive_copy = request.GET.get("arsip") == "1" and letter.state == Letter.State.SIGNED
        pdf = services.letter_pdf_preview(letter, archive_copy=archive_copy)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "pertinggal" if archive_copy else "konsep"
    response["Content-Disposition"] = f'inline; filename="{name}-{letter.pk}.pdf"'
    return response


@login_required
def letter_docx(request, pk):
    letter = get_object_or_404(Letter.objects.select_related("opd", "doc_type", "signer_position"), pk=pk)
    P.require_view(request.user, letter)
    try:
        data = build(letter, {**services.letter_context(letter), "draft": True}, letter.number)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="surat-{letter.pk}.docx"'
    return response


# --- Jobs ----------------------------------------------------------------------------------------
@login_required
def job_status(request, pk):
    job = get_object_or_404(selectors.jobs_for(request.user), pk=pk)
    if job.status == GenerationJob.Status.DONE:
        services.attach_job_result(job)
    return render(request, "documents/includes/job_status.html", {"job": job})


# --- Reference data and settings ---------------------------------------------------------------
class KlasifikasiList(ScopedListView):
    title = gettext_lazy("Kode klasifikasi arsip")
    subtitle = gettext_lazy(
        "Permendagri 78/2012 dan contoh Permendagri 83/2022; skema disimpan di samping setiap kode."
    )
    table_class = tables.KlasifikasiTable
    filterset_class = filtersets.KlasifikasiFilter
    export_name = "klasifikasi-arsip"
    paginate_by = 50

    def get_queryset(self):
        return Klasifikasi.objects.all()


@login_required
def doc_types(request):
    types = DocumentType.objects.select_related("default_klasifikasi")
    return render(request, "documents/doc_types.html", {"types": types, "can_edit": P.is_admin(request.user)})


@login_required
def doc_type_edit(request, pk):
    P.check(P.is_admin(request.user))
    obj = get_object_or_404(DocumentType, pk=pk)
    form = forms.DocumentTypeForm(request.POST or None, instance=obj, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Jenis dokumen tersimpan."))
        return redirect("documents:doc_types")
    return render(
        request,
        "core/form.html",
        {"form": form, "object": obj, "title": _("Ubah jenis dokumen"), "cancel_url": reverse("documents:doc_types")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def certificates(request):
    P.check(P.can_manage_org(request.user))
    certs = selectors.certificates_for(request.user)
    return render(request, "documents/certificates.html", {"certs": certs})


@login_required
@upload_limited
def certificate_add(request):
    P.check(P.can_manage_org(request.user))
    form = forms.CertificateForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data.get("p12_file")
            if not upload:
                form.add_error("p12_file", _("Unggah berkas PKCS#12."))
            else:
                saved = call_service(
                    form,
                    services.save_pkcs12,
                    user=request.user,
                    employee=form.cleaned_data["employee"],
                    p12_bytes=upload.read(),
                    passphrase=form.cleaned_data.get("passphrase") or "",
                    passphrase_env=form.cleaned_data.get("passphrase_env") or "",
                )
                if saved is not FAILED:
                    messages.success(request, _("Sertifikat tersimpan."))
                    return redirect("documents:certificates")
        status = 400
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Pasang sertifikat PKCS#12"), "cancel_url": reverse("documents:certificates")},
        status=status,
    )
