"""SOP screens. Thin: reads through selectors, writes through services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.crud import ScopedListView
from sakip.core.excel import workbook_response
from sakip.core.ratelimit import rate_limited
from sakip.core.service_calls import FAILED, call_service, run_action
from sakip.organization import selectors as org_selectors

from . import diff as diff_module
from . import filtersets, forms, printing, readers, selectors, services, tables
from . import lint as L
from .docx_export import sop_docx
from .models import Lane, Monitoring, Sop, SopReview, SopVersion
from .parsing import TableError, parse_table


def _version(request, pk) -> SopVersion:
    try:
        version = selectors.version_detail(pk)
    except SopVersion.DoesNotExist:
        raise Http404 from None
    P.require_view(request.user, version)
    return version


def _can(request, version):
    user = request.user
    return {
        "edit": version.is_editable and services.can_edit_sop(user, version.sop),
        "manage": services.can_edit_sop(user, version.sop),
        "approve": services.can_approve(user, version.sop),
    }


def _version_context(request, version, tab, **extra):
    sop = version.sop
    versions = list(sop.versions.all().order_by("-version"))
    ctx = {
        "version": version,
        "sop": sop,
        "versions": versions,
        "tab": tab,
        "can": _can(request, version),
        "process_kind_form": forms.ProcessKindForm(initial={"process_kind": sop.process_kind}),
        "in_force": version.in_force_on(date.today()),
        "today": date.today(),
        "open_version": next(
            (v for v in versions if v.status in (SopVersion.Status.DRAFT, SopVersion.Status.DIAJUKAN)), None
        ),
    }
    ctx.update(extra)
    return ctx


# --- register -------------------------------------------------------------------------------------
class SopList(ScopedListView):
    title = gettext_lazy("Register SOP")
    subtitle = gettext_lazy(
        "SOP Administrasi Pemerintahan (Permendagri 52/2011): nomor, versi berlaku, status dan hasil pemeriksaan."
    )
    table_class = tables.SopTable
    filterset_class = filtersets.SopFilter
    export_name = "register-sop"
    create_url_name = "sop:create"
    template_name = "sop/index.html"

    def get_queryset(self):
        return selectors.sops_for(self.request.user).prefetch_related("versions")

    def can_create(self):
        return P.is_admin(self.request.user) or P.is_opd_manager(self.request.user) or P.is_unit_role(self.request.user)

    def extra_context(self):
        return {"can_create": self.can_create()}


index = SopList.as_view()


@login_required
def create(request):
    P.check(P.is_admin(request.user) or P.is_opd_manager(request.user) or P.is_unit_role(request.user))
    form = forms.SopCreateForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            opd, unit, nomor = data.pop("opd"), data.pop("unit"), data.pop("number")
            judul = data.pop("judul")
            version = call_service(
                form, services.create_sop, user=request.user, opd=opd, unit=unit, number=nomor, judul=judul, **data
            )
            if version is not FAILED:
                messages.success(
                    request,
                    _(
                        "SOP %(nomor)s dibuat sebagai draf. Lanjutkan dengan menempel tabel prosedur atau "
                        "menambah langkah."
                    )
                    % {"nomor": version.sop.number},
                )
                return redirect("sop:steps", pk=version.pk)
        status = 400
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("SOP baru"), "cancel_url": reverse("sop:index")},
        status=status,
    )


@login_required
def sop_detail(request, pk):
    sop = get_object_or_404(Sop.objects.prefetch_related("versions"), pk=pk)
    P.require_view(request.user, sop)
    version = selectors.current_version(sop)
    if version is None:
        raise Http404
    return redirect("sop:version", pk=version.pk)


# --- one version ----------------------------------------------------------------------------------
@login_required
def version_detail(request, pk):
    version = _version(request, pk)
    findings = selectors.lint(version)
    return render(
        request,
        "sop/version_detail.html",
        _version_context(
            request,
            version,
            "identitas",
            findings=findings,
            counts=_counts(findings),
            archived=services.archived_documents(version),
            lists={
                name: version.list_of(name)
                for name in (
                    "dasar_hukum",
                    "kualifikasi_pelaksana",
                    "keterkaitan",
                    "peralatan",
                    "peringatan",
                    "pencatatan",
                )
            },
        ),
    )


def _counts(findings):
    return {sev: sum(1 for f in findings if f.severity == sev) for sev in (L.ERROR, L.WARNING, L.INFO)}


@login_required
def procedure(request, pk):
    version = _version(request, pk)
    proc = selectors.procedure(version)
    svg = printing.flowchart_svgs(version, paginate=False)[0] if proc.steps else ""
    return render(
        request,
        "sop/procedure.html",
        _version_context(
            request, version, "prosedur", svg=svg, proc=proc, lanes=sorted(version.lanes.all(), key=lambda x: x.order)
        ),
    )


@login_required
def worksheet(request, pk):
    version = _version(request, pk)
    return render(
        request,
        "sop/worksheet.html",
        _version_context(request, version, "lembar-kerja", ws=selectors.worksheet(version)),
    )


@login_required
def lint_view(request, pk):
    version = _version(request, pk)
    findings = selectors.lint(version)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "number": version.sop.number,
                "version": version.version,
                "clean": L.is_clean(findings),
                "findings": [f.as_dict() for f in findings],
            }
        )
    return render(
        request,
        "sop/lint.html",
        _version_context(
            request, version, "pemeriksaan", findings=findings, counts=_counts(findings), clean=L.is_clean(findings)
        ),
    )


@login_required
def identity_edit(request, pk):
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop))
    if not version.is_editable:
        messages.error(
            request,
            _("Versi ini sudah %(s)s; ubah melalui revisi (versi baru).") % {"s": version.get_status_display().lower()},
        )
        return redirect("sop:version", pk=version.pk)
    form = forms.IdentityForm(request.POST or None, instance=version, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in services.IDENTITY_FIELDS}
            saved = call_service(
                form,
                services.update_identity,
                user=request.user,
                version=version,
                data=data,
                keterkaitan_sop=form.cleaned_data["keterkaitan_sop"],
                unit=form.cleaned_data.get("unit"),
                process_kind=form.cleaned_data.get("process_kind") or None,
            )
            if saved is not FAILED:
                messages.success(request, _("Identitas SOP tersimpan."))
                return redirect("sop:version", pk=version.pk)
        status = 400
    return render(
        request, "sop/identity_form.html", _version_context(request, version, "identitas", form=form), status=status
    )


def _lane_initial(version):
    return [
        {"label": lane.label, "mapping": lane.mapping, "position": lane.position_id, "tim_role": lane.tim_role}
        for lane in sorted(version.lanes.all(), key=lambda x: x.order)
    ]


def _step_initial(version):
    lanes = sorted(version.lanes.all(), key=lambda x: x.order)
    index = {lane.pk: i for i, lane in enumerate(lanes)}
    return [
        {
            "number": s.number,
            "uraian": s.uraian,
            "kind": s.kind,
            "lanes": [index[lane.pk] for lane in s.lanes.all() if lane.pk in index],
            "ya_ke": s.ya_ke,
            "tidak_ke": s.tidak_ke,
            "kelengkapan": s.kelengkapan,
            "waktu": s.waktu,
            "waktu_satuan": s.waktu_satuan,
            "output": s.output,
            "keterangan": s.keterangan,
            "keterangan_sop": s.keterangan_sop_id,
            "action": s.action,
            "utama": s.utama,
        }
        for s in sorted(version.steps.all(), key=lambda s: s.number)
    ]


def _current_lane_specs(version):
    return [
        {"label": lane.label, "mapping": lane.mapping, "position": lane.position, "tim_role": lane.tim_role}
        for lane in sorted(version.lanes.all(), key=lambda x: x.order)
    ]


@login_required
def steps_edit(request, pk):
    """Lanes (actors and their mapping) and steps of a draft, in two forms on one page."""
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop))
    if not version.is_editable:
        messages.error(
            request,
            _("Versi ini sudah %(s)s; ubah melalui revisi (versi baru).") % {"s": version.get_status_display().lower()},
        )
        return redirect("sop:procedure", pk=version.pk)
    opd = version.sop.opd
    lanes = sorted(version.lanes.all(), key=lambda x: x.order)
    lane_choices = [(i, lane.label) for i, lane in enumerate(lanes)]
    sops = Sop.objects.filter(opd=opd).exclude(pk=version.sop_id)
    section = request.POST.get("section") if request.method == "POST" else None
    lane_formset = forms.LaneFormSet(
        request.POST if section == "lanes" else None,
        initial=_lane_initial(version),
        prefix="lane",
        form_kwargs={"opd": opd},
    )
    step_formset = forms.StepFormSet(
        request.POST if section == "steps" else None,
        initial=_step_initial(version),
        prefix="step",
        form_kwargs={"lane_choices": lane_choices, "sops": sops},
    )
    errors = []
    if section == "lanes" and lane_formset.is_valid():
        specs, kept = [], []
        for i, f in enumerate(lane_formset.forms):
            data = f.cleaned_data
            if not data or data.get("DELETE") or not (data.get("label") or "").strip():
                continue
            specs.append(
                {
                    "label": data["label"],
                    "mapping": data["mapping"],
                    "position": data.get("position"),
                    "tim_role": data.get("tim_role") or "",
                }
            )
            kept.append(i)
        remap = {old: new for new, old in enumerate(kept)}
        step_specs = []
        for spec in _step_initial(version):
            spec["lanes"] = [remap[i] for i in spec["lanes"] if i in remap]
            spec["keterangan_sop"] = next((s for s in sops if s.pk == spec["keterangan_sop"]), None)
            step_specs.append(spec)
        try:
            services.save_procedure(user=request.user, version=version, lanes=specs, steps=step_specs)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Pelaksana tersimpan."))
            return redirect("sop:steps", pk=version.pk)
    elif section == "steps" and step_formset.is_valid():
        specs = []
        for order, f in enumerate(step_formset.forms):
            data = f.cleaned_data
            if not data or data.get("DELETE") or not (data.get("uraian") or "").strip():
                continue
            spec = {
                k: data.get(k)
                for k in (
                    "uraian",
                    "kind",
                    "ya_ke",
                    "tidak_ke",
                    "kelengkapan",
                    "waktu",
                    "waktu_satuan",
                    "output",
                    "keterangan",
                    "keterangan_sop",
                    "action",
                    "utama",
                )
            }
            spec["lanes"] = data.get("lanes") or []
            spec["number"] = data.get("number") or 900 + order
            spec["_order"] = (spec["number"], order)
            specs.append(spec)
        specs.sort(key=lambda s: s.pop("_order"))
        try:
            services.save_procedure(user=request.user, version=version, lanes=_current_lane_specs(version), steps=specs)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Langkah tersimpan."))
            return redirect("sop:procedure", pk=version.pk)
    elif section:
        errors = [_("Periksa isian yang ditandai.")]
    status = 400 if section else 200
    return render(
        request,
        "sop/steps_form.html",
        _version_context(
            request,
            version,
            "prosedur",
            lane_formset=lane_formset,
            step_formset=step_formset,
            errors=errors,
            lanes=lanes,
        ),
        status=status,
    )


# --- transitions ----------------------------------------------------------------------------------
@login_required
@require_POST
def submit(request, pk):
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop))
    done = run_action(request, services.submit, user=request.user, version=version)
    if done is not FAILED:
        messages.success(request, _("SOP diajukan untuk disahkan Kepala OPD."))
    return redirect("sop:version", pk=version.pk)


@login_required
@require_POST
def return_to_draft(request, pk):
    version = _version(request, pk)
    P.check(services.can_approve(request.user, version.sop) or services.can_edit_sop(request.user, version.sop))
    done = run_action(
        request, services.return_to_draft, user=request.user, version=version, alasan=request.POST.get("alasan", "")
    )
    if done is not FAILED:
        messages.success(request, _("SOP dikembalikan menjadi draf."))
    return redirect("sop:version", pk=version.pk)


@login_required
def approve(request, pk):
    version = _version(request, pk)
    P.check(services.can_approve(request.user, version.sop))
    findings = selectors.lint(version)
    form = forms.ApproveForm(
        request.POST or None, initial={"signed_on": date.today(), "effective_on": version.effective_on}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if form.cleaned_data.get("effective_on"):  # filled now: that finding is settled
                findings = [f for f in findings if f.field != "effective_on"]
            if not L.is_clean(findings) and not request.POST.get("acknowledge"):
                form.add_error(
                    None,
                    _(
                        "Pemeriksaan menemukan %(n)s kesalahan/peringatan. Centang pernyataan bahwa "
                        "temuan telah dibaca, atau kembalikan SOP untuk diperbaiki."
                    )
                    % {"n": sum(1 for f in findings if f.severity != L.INFO)},
                )
            else:
                approved = call_service(
                    form,
                    services.approve,
                    user=request.user,
                    version=version,
                    signed_on=form.cleaned_data["signed_on"],
                    effective_on=form.cleaned_data.get("effective_on"),
                )
                if approved is not FAILED:
                    messages.success(request, _("SOP disahkan."))
                    return redirect("sop:version", pk=version.pk)
    return render(
        request,
        "sop/approve.html",
        _version_context(request, version, "identitas", form=form, findings=findings, clean=L.is_clean(findings)),
        status=status,
    )


@login_required
def revoke(request, pk):
    version = _version(request, pk)
    P.check(services.can_approve(request.user, version.sop))
    form = forms.RevokeForm(request.POST or None, initial={"on": date.today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved = call_service(
                form,
                services.revoke,
                user=request.user,
                version=version,
                on=form.cleaned_data["on"],
                alasan=form.cleaned_data["alasan"],
            )
            if saved is not FAILED:
                messages.success(request, _("SOP dicabut."))
                return redirect("sop:version", pk=version.pk)
    return render(request, "sop/revoke.html", _version_context(request, version, "identitas", form=form), status=status)


@login_required
@require_POST
def revise(request, pk):
    sop = get_object_or_404(Sop, pk=pk)
    P.require_view(request.user, sop)
    P.check(services.can_edit_sop(request.user, sop))
    version = run_action(
        request,
        services.new_revision,
        user=request.user,
        sop=sop,
        revision_note=request.POST.get("revision_note", ""),
    )
    if version is FAILED:
        return redirect("sop:sop_detail", pk=sop.pk)
    messages.success(request, _("Revisi dibuat sebagai versi %(v)s (draf).") % {"v": version.version})
    return redirect("sop:version", pk=version.pk)


@login_required
@require_POST
def process_kind(request, pk):
    """Set the process the SOP drives (a fact of the register entry; no revision needed)."""
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop))
    form = forms.ProcessKindForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih proses yang dijalankan SOP ini dari daftar."))
        return redirect("sop:version", pk=version.pk)
    sop = run_action(
        request,
        services.set_process_kind,
        user=request.user,
        sop=version.sop,
        process_kind=form.cleaned_data["process_kind"],
    )
    if sop is not FAILED:
        messages.success(
            request,
            _("SOP %(n)s kini menjalankan proses: %(k)s.") % {"n": sop.number, "k": sop.get_process_kind_display()},
        )
    return redirect("sop:version", pk=version.pk)


@login_required
@require_POST
def archive(request, pk):
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop) or services.can_approve(request.user, version.sop))
    doc = run_action(request, services.archive_version, user=request.user, version=version)
    if doc is not FAILED:
        messages.success(
            request,
            _("SOP diarsipkan sebagai dokumen %(n)s (kode verifikasi %(c)s).")
            % {"n": doc.number or doc.subject, "c": doc.verification_code},
        )
    return redirect("sop:version", pk=version.pk)


@login_required
@require_POST
def delete_draft(request, pk):
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop))
    sop_pk = version.sop_id
    sop_deleted = run_action(request, services.delete_draft, user=request.user, version=version)
    if sop_deleted is FAILED:
        return redirect("sop:version", pk=version.pk)
    messages.success(request, _("Draf dihapus."))
    return redirect("sop:index") if sop_deleted else redirect("sop:sop_detail", pk=sop_pk)


# --- documents --------------------------------------------------------------------------------------
@login_required
def download(request, pk, fmt):
    version = _version(request, pk)
    issued = services.archived_documents(version) if version.is_approved and fmt in ("pdf", "docx") else []
    if issued:
        # An approved SOP is its archived, signed copy, never a new render.
        doc = issued[0]
        if fmt == "pdf":
            return redirect(doc.download_url + ("?inline=1" if request.GET.get("inline") else ""))
        if doc.docx_file:
            return redirect(doc.download_url + "?format=docx")
    if fmt == "pdf":
        data, mime = printing.sop_pdf(version), "application/pdf"
    elif fmt == "docx":
        data, mime = sop_docx(version), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "svg":
        data, mime = printing.flowchart_svg(version).encode(), "image/svg+xml"
    else:
        raise Http404
    response = HttpResponse(data, content_type=mime)
    disposition = "inline" if fmt == "pdf" and request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{printing.file_name(version, fmt)}"'
    return response


@login_required
def diff(request, pk):
    sop = get_object_or_404(Sop.objects.select_related("opd"), pk=pk)
    P.require_view(request.user, sop)
    versions = {v.version: v for v in selectors.version_queryset().filter(sop=sop)}
    if len(versions) < 2:
        messages.info(request, _("SOP ini baru memiliki satu versi."))
        return redirect("sop:sop_detail", pk=sop.pk)
    numbers = sorted(versions)
    try:
        a = int(request.GET.get("a") or numbers[-2])
        b = int(request.GET.get("b") or numbers[-1])
    except ValueError:
        a, b = numbers[-2], numbers[-1]
    if a not in versions or b not in versions:
        raise Http404
    result = diff_module.compare(versions[a], versions[b])
    return render(
        request,
        "sop/diff.html",
        _version_context(
            request, versions[b], "versi", old=versions[a], new=versions[b], result=result, numbers=numbers
        ),
    )


# --- import -------------------------------------------------------------------------------------
def _preview_lanes(table, opd):
    return (
        services.lane_specs(opd, table.lanes)
        if opd
        else [{"label": label, "mapping": Lane.Mapping.NONE} for label in table.lanes]
    )


def _apply_marks(request, table):
    """Lane marks chosen on the preview (the paste lost them) override the parsed ones."""
    if request.POST.get("marks") != "1":
        return
    for i, step in enumerate(table.steps):
        chosen = request.POST.getlist(f"lane-{i}")
        step.lanes = sorted({int(x) for x in chosen if x.isdigit() and int(x) < len(table.lanes)})


@login_required
def paste(request):
    """Paste a procedure table copied from Word/Excel → preview (steps, lanes, minutes) → save."""
    target = None
    if request.GET.get("versi") or request.POST.get("versi"):
        target = _version(request, request.GET.get("versi") or request.POST.get("versi"))
        P.check(services.can_edit_sop(request.user, target.sop))
        if not target.is_editable:
            messages.error(
                request,
                _("Versi ini sudah %(s)s; buat revisi untuk mengubah prosedurnya.")
                % {"s": target.get_status_display().lower()},
            )
            return redirect("sop:procedure", pk=target.pk)
    else:
        P.check(P.is_admin(request.user) or P.is_opd_manager(request.user) or P.is_unit_role(request.user))
    form = forms.PasteForm(request.POST or None, user=request.user, target=target)
    ctx = {"form": form, "target": target, "title": _("Tempel tabel prosedur")}
    if request.method != "POST":
        return render(request, "sop/paste.html", ctx)
    if not form.is_valid():
        return render(request, "sop/paste.html", ctx, status=400)
    try:
        table = parse_table(form.cleaned_data["tabel"])
    except TableError as exc:
        ctx["abort"] = str(exc)
        return render(request, "sop/paste.html", ctx, status=400)
    _apply_marks(request, table)
    opd = target.sop.opd if target else form.cleaned_data["opd"]
    existing = services.find_sop(opd, form.cleaned_data["number"]) if target is None else target.sop
    ctx.update(
        {
            "table": table,
            "lanes": _preview_lanes(table, opd),
            "existing": existing,
            "total": table.total_minutes,
            "unmarked": sum(1 for s in table.steps if not s.lanes),
        }
    )
    if request.POST.get("action") != "save" or table.errors:
        return render(request, "sop/paste.html", ctx, status=400 if table.errors else 200)
    try:
        if target is not None:
            steps = services._step_specs(table, opd)
            lanes = services.lane_specs(opd, table.lanes)
            services.save_procedure(user=request.user, version=target, lanes=lanes, steps=steps)
            version = target
        else:
            version = services.import_table(
                user=request.user,
                opd=opd,
                unit=form.cleaned_data.get("unit"),
                number=form.cleaned_data["number"],
                judul=form.cleaned_data.get("judul", ""),
                table=table,
                source="tempel",
            )
    except ValidationError as exc:
        ctx["save_errors"] = exc.messages
        return render(request, "sop/paste.html", ctx, status=400)
    messages.success(
        request,
        _("Tabel prosedur tersimpan: %(n)s langkah, %(lanes)s pelaksana.")
        % {"n": len(table.steps), "lanes": len(table.lanes)},
    )
    return redirect("sop:procedure", pk=version.pk)


@login_required
@rate_limited("upload")
def import_file(request):
    """Import an SOP from a DOCX in the standard layout or the Excel template: preview → save."""
    P.check(P.is_admin(request.user) or P.is_opd_manager(request.user) or P.is_unit_role(request.user))
    if request.GET.get("templat"):
        return readers.template_response()
    form = forms.FileImportForm(request.POST or None, request.FILES or None, user=request.user)
    ctx = {"form": form, "title": _("Impor SOP dari berkas")}
    if request.method != "POST":
        return render(request, "sop/import_file.html", ctx)
    token = request.POST.get("token")
    if not form.is_valid() and not token:
        return render(request, "sop/import_file.html", ctx, status=400)
    try:
        if token:
            path = readers.stored_upload(request, token)
            imported = readers.read_path(path)
            form = forms.FileImportForm(request.POST, user=request.user)
            form.fields["berkas"].required = False
            if not form.is_valid():
                return render(request, "sop/import_file.html", {**ctx, "form": form}, status=400)
        else:
            upload = form.cleaned_data["berkas"]
            token, path = readers.store_upload(request, upload)
            imported = readers.read_path(path)
    except readers.ReadError as exc:
        ctx["abort"] = str(exc)
        return render(request, "sop/import_file.html", ctx, status=400)
    _apply_marks(request, imported.table) if imported.table else None
    opd = form.cleaned_data["opd"]
    nomor = (form.cleaned_data.get("number") or imported.number or "").strip()
    judul = (form.cleaned_data.get("judul") or imported.judul or "").strip()
    table = imported.table
    ctx.update(
        {
            "imported": imported,
            "table": table,
            "nomor": nomor,
            "judul": judul,
            "token": token,
            "lanes": _preview_lanes(table, opd) if table else [],
            "existing": services.find_sop(opd, nomor) if nomor else None,
            "total": table.total_minutes if table else 0,
            "unmarked": sum(1 for s in table.steps if not s.lanes) if table else 0,
        }
    )
    problems = []
    if not nomor:
        problems.append(_("Nomor SOP tidak ditemukan di berkas; isi kolom Nomor SOP."))
    if imported.error:
        problems.append(imported.error)
    ctx["problems"] = problems
    if request.POST.get("action") != "save" or problems or (table and table.errors):
        return render(
            request, "sop/import_file.html", ctx, status=400 if (problems or (table and table.errors)) else 200
        )
    try:
        version = services.import_table(
            user=request.user,
            opd=opd,
            unit=form.cleaned_data.get("unit"),
            number=nomor,
            judul=judul,
            table=table,
            identity=imported.identity,
            keterkaitan=imported.keterkaitan,
            source=imported.kind,
        )
    except ValidationError as exc:
        ctx["save_errors"] = exc.messages
        return render(request, "sop/import_file.html", ctx, status=400)
    readers.discard_upload(request, token)
    messages.success(
        request,
        _("SOP %(nomor)s diimpor sebagai draf versi %(v)s.") % {"nomor": version.sop.number, "v": version.version},
    )
    return redirect("sop:version", pk=version.pk)


# --- OPD report ---------------------------------------------------------------------------------------
@login_required
def lint_report(request):
    opds = list(org_selectors.opds_for(request.user).order_by("name"))
    wanted = request.GET.get("opd")
    opd = None
    if wanted:
        opd = next((o for o in opds if str(o.pk) == wanted), None)
        if opd is None:
            raise Http404
    elif request.user.opd_id:
        opd = next((o for o in opds if o.pk == request.user.opd_id), None)
    if opd is None:
        with_sops = set(Sop.objects.values_list("opd_id", flat=True))
        opd = next((o for o in opds if o.pk in with_sops), opds[0] if opds else None)
    if opd is None:
        raise Http404
    rows = selectors.lint_opd(opd)
    if request.GET.get("export") == "xlsx":
        data = [
            (
                sop.number,
                version.judul,
                version.version,
                str(version.display_status()),
                f.severity,
                f.code,
                f.where,
                f.message,
                f.fix,
            )
            for sop, version, findings in rows
            for f in findings
        ]
        return workbook_response(
            f"pemeriksaan-sop-{opd.akronim}",
            [
                (
                    "Temuan",
                    ["Nomor", "Judul", "Versi", "Status", "Tingkat", "Kode", "Letak", "Temuan", "Saran perbaikan"],
                    data,
                )
            ],
            title=f"Pemeriksaan SOP {opd.name}",
        )
    summary = [
        {
            "sop": sop,
            "version": version,
            "findings": findings,
            "counts": _counts(findings),
            "clean": L.is_clean(findings),
        }
        for sop, version, findings in rows
    ]
    return render(
        request, "sop/lint_report.html", {"opd": opd, "opds": opds, "rows": summary, "title": _("Pemeriksaan SOP OPD")}
    )


# --- monitoring and evaluation ---------------------------------------------------------------------
@login_required
def monev(request, pk):
    version = _version(request, pk)
    monitorings = list(
        Monitoring.objects.filter(version__sop=version.sop)
        .select_related("version")
        .prefetch_related("items")
        .order_by("-date")
    )
    evaluations = list(SopReview.objects.filter(version__sop=version.sop).select_related("version").order_by("-date"))
    return render(
        request,
        "sop/monev.html",
        _version_context(request, version, "monev", monitorings=monitorings, evaluations=evaluations),
    )


@login_required
def monitoring_edit(request, pk):
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop))
    if not version.is_approved:
        messages.error(request, _("Monitoring hanya untuk SOP yang sudah disahkan."))
        return redirect("sop:monev", pk=version.pk)
    period = request.GET.get("periode") or request.POST.get("period") or str(date.today().year)
    existing = Monitoring.objects.filter(version=version, period=period).prefetch_related("items").first()
    steps = sorted(version.steps.all(), key=lambda s: s.number)
    items = {i.number: i for i in existing.items.all()} if existing else {}
    initial_items = [
        {
            "number": s.number,
            "assessment": items[s.number].assessment if s.number in items else "",
            "note": items[s.number].note if s.number in items else "",
            "action_needed": items[s.number].action_needed if s.number in items else "",
        }
        for s in steps
    ]
    head = forms.MonitoringForm(
        request.POST or None,
        initial={
            "period": period,
            "date": existing.date if existing else date.today(),
            "assessor": existing.assessor if existing else "",
            "note": existing.note if existing else "",
        },
    )
    formset = forms.MonitoringItemFormSet(request.POST or None, initial=initial_items, prefix="item")
    status = 200
    if request.method == "POST":
        status = 400
        if head.is_valid() and formset.is_valid():
            by_number = {s.number: s for s in steps}
            specs = [
                {
                    "number": f.cleaned_data["number"],
                    "procedure": by_number[f.cleaned_data["number"]].uraian
                    if f.cleaned_data["number"] in by_number
                    else "",
                    "assessment": f.cleaned_data.get("assessment", ""),
                    "note": f.cleaned_data.get("note", ""),
                    "action_needed": f.cleaned_data.get("action_needed", ""),
                }
                for f in formset.forms
                if f.cleaned_data
            ]
            saved = call_service(
                head,
                services.save_monitoring,
                user=request.user,
                version=version,
                period=head.cleaned_data["period"],
                on=head.cleaned_data["date"],
                assessor=head.cleaned_data["assessor"],
                note=head.cleaned_data["note"],
                items=specs,
            )
            if saved is not FAILED:
                messages.success(request, _("Monitoring tersimpan."))
                return redirect("sop:monev", pk=version.pk)
    rows = list(zip(steps, formset.forms))
    return render(
        request,
        "sop/monitoring_form.html",
        _version_context(request, version, "monev", head=head, formset=formset, rows=rows),
        status=status,
    )


@login_required
def review_edit(request, pk):
    version = _version(request, pk)
    P.check(services.can_edit_sop(request.user, version.sop))
    if not version.is_approved:
        messages.error(request, _("Evaluasi penerapan hanya untuk SOP yang sudah disahkan."))
        return redirect("sop:monev", pk=version.pk)
    period = request.GET.get("periode") or request.POST.get("period") or str(date.today().year)
    existing = SopReview.objects.filter(version=version, period=period).first()
    initial = {"period": period, "date": date.today()}
    if existing:
        initial.update(
            {
                "date": existing.date,
                "assessor": existing.assessor,
                "note": existing.note,
                "conclusion": existing.conclusion,
            }
        )
        for name, _label in SopReview.QUESTIONS:
            value = getattr(existing, name)
            initial[name] = "" if value is None else ("ya" if value else "tidak")
    form = forms.SopReviewForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved = call_service(
                form,
                services.save_review,
                user=request.user,
                version=version,
                period=form.cleaned_data["period"],
                on=form.cleaned_data["date"],
                answers=form.answers(),
                assessor=form.cleaned_data["assessor"],
                note=form.cleaned_data["note"],
                conclusion=form.cleaned_data["conclusion"],
            )
            if saved is not FAILED:
                messages.success(request, _("Evaluasi penerapan tersimpan."))
                return redirect("sop:monev", pk=version.pk)
    return render(
        request, "sop/review_form.html", _version_context(request, version, "monev", form=form), status=status
    )
