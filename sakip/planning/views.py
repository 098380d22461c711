"""Planning screens. Thin: reads through selectors, writes through services."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.crud import ScopedListView
from sakip.core.formats import angka_input
from sakip.core.imports import import_view
from sakip.core.service_calls import FAILED, add_errors, call_service, run_action
from sakip.organization import selectors as org_selectors
from sakip.organization.models import OPD, Pemda, Position, Unit

from . import bands as B
from . import exports, filtersets, forms, printing, selectors, services, tables
from .checks import smart as smart_rules
from .importers import AnggaranKasImporter, IndicatorImporter
from .models import (
    BudgetItem,
    CapaianBands,
    Crosscutting,
    Indicator,
    Kinerja,
    Nomenclature,
    PerjanjianKinerja,
    Renstra,
    Target,
    TargetRevision,
)


# --- helpers -------------------------------------------------------------------------------------
def _year(request, default=None):
    try:
        year = int(request.GET.get("tahun") or default or date.today().year)
    except (TypeError, ValueError):
        year = date.today().year
    return max(2000, min(2100, year))


def _opd(request):
    """The OPD a page is about: ?opd= among the readable ones, else the user's, else the first with a Renstra."""
    opds = list(org_selectors.opds_for(request.user).order_by("name"))
    wanted = request.GET.get("opd")
    if wanted:
        opd = next((o for o in opds if str(o.pk) == wanted), None)
        if opd is None:
            raise Http404
        return opd, opds
    if request.user.opd_id and not P.is_pemda_reader(request.user):  # the Inspektorat looks at the OPDs it evaluates
        opd = next((o for o in opds if o.pk == request.user.opd_id), None)
        if opd is not None:
            return opd, opds
    with_renstra = set(Renstra.objects.values_list("opd_id", flat=True))
    opd = next((o for o in opds if o.pk in with_renstra), opds[0] if opds else None)
    if opd is None:
        raise Http404
    return opd, opds


def writable_unit_ids(user, opd_id):
    """None = the whole OPD (managers/admin); a set of unit ids (unit roles: their subtree); empty = nothing."""
    if P.can_write_scope(user, opd_id, None):
        return None
    if not (P.is_unit_role(user) and user.opd_id == opd_id and user.unit_id):
        return set()
    return {user.unit_id} | set(user.unit.descendants().values_list("pk", flat=True))


def _can(writable, unit_id):
    return writable is None or (unit_id is not None and unit_id in writable)


def _bad_request(request, exc, template="core/error.html"):
    return render(
        request, template, {"code": 400, "title": _("Data tidak valid"), "message": " ".join(exc.messages)}, status=400
    )


def _base_ctx(request, opd, opds, year, **extra):
    renstra = selectors.renstra_for(opd, year)
    ctx = {
        "opd": opd,
        "opds": opds,
        "year": year,
        "renstra": renstra,
        "years": renstra.years if renstra else [year],
        "current_year": date.today().year,
    }
    ctx.update(extra)
    return ctx


def _decorate(data, renstra, writable):
    """Per node: may the user edit it, and its indicators with one target cell per Renstra year (no query)."""
    for item in data["items"].values():
        item.can_edit = _can(writable, item.node.unit_id)
        rows = []
        for ind in item.node.indicators.all():
            by_year = {t.year: t for t in ind.targets.all()}
            cells = [by_year.get(y) if item.node.applies_to(y) else False for y in renstra.years]
            rows.append({"indicator": ind, "cells": cells, "smart": item.smart.get(ind.pk)})
        item.rows = rows


# --- index ---------------------------------------------------------------------------------------
@login_required
def index(request):
    opd, opds = _opd(request)
    year = _year(request)
    ctx = _base_ctx(request, opd, opds, year)
    renstra = ctx["renstra"]
    if renstra:
        coverage = selectors.cascade_coverage(opd, year)
        smart = selectors.smart_report(opd, year)
        pk = selectors.pk_signed_for_every_official(opd, year)
        ctx.update(
            {
                "coverage": coverage,
                "smart_ok": sum(1 for r in smart if r.ok),
                "smart_total": len(smart),
                "pk": pk,
                "stability": selectors.iku_stability(opd, year),
                "cross": selectors.crosscutting_shown(opd, year),
                "ikus": [
                    i
                    for i in Indicator.objects.filter(node__renstra=renstra, is_iku=True)
                    .select_related("node")
                    .prefetch_related("targets")
                ],
                "proposals": services.pk_perubahan_proposals(opd, year) if year >= date.today().year else [],
                "can_manage": services.can_manage_opd(request.user, opd.pk),
            }
        )
    ctx["all_renstra"] = Renstra.objects.filter(opd=opd).order_by("-start_year")
    return render(request, "planning/index.html", ctx)


# --- Renstra -------------------------------------------------------------------------------------
class RenstraList(ScopedListView):
    title = gettext_lazy("Renstra")
    subtitle = gettext_lazy("Rencana Strategis per OPD (lima tahun), terhubung ke RPJMD.")
    table_class = tables.RenstraTable
    export_name = "renstra"
    create_url_name = "planning:renstra_create"

    def can_create(self):
        return P.is_admin(self.request.user) or P.is_opd_manager(self.request.user)

    def get_queryset(self):
        return selectors.renstras_for(self.request.user)


@login_required
def renstra_create(request):
    P.check(P.is_admin(request.user) or P.is_opd_manager(request.user))
    form = forms.RenstraForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        renstra = call_service(
            form,
            services.create_renstra,
            user=request.user,
            opd=d["opd"],
            start_year=d["start_year"],
            end_year=d["end_year"],
            name=d["name"],
            rpjmd=d["rpjmd"],
            decree=d["decree"],
        )
        if renstra is not FAILED:
            return redirect("planning:renstra_detail", pk=renstra.pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Tambah Renstra"), "cancel_url": reverse("planning:renstras")},
        status=400 if form.errors else 200,
    )


@login_required
def renstra_detail(request, pk):
    """The Renstra tree editor: tujuan → sasaran → program/kegiatan results → IKI, with indicators and targets."""
    renstra = get_object_or_404(Renstra.objects.select_related("opd", "opd__pemda", "rpjmd"), pk=pk)
    P.require_view(request.user, renstra)
    year = _year(request, default=min(max(date.today().year, renstra.start_year), renstra.end_year))
    if not renstra.covers(year):
        year = renstra.start_year
    data = selectors.tree(renstra, year)
    writable = writable_unit_ids(request.user, renstra.opd_id)
    _decorate(data, renstra, writable)
    budget = (
        BudgetItem.objects.filter(renstra=renstra)
        .select_related("nomenclature", "unit", "kinerja")
        .prefetch_related("pagu")
        .order_by("nomenclature__code")
    )
    budget = list(budget)
    for b in budget:
        b.pagu_year = next((p for p in b.pagu.all() if p.year == year), None)
        b.can_kas = b.level == "program" and _can(writable, b.unit_id)
    return render(
        request,
        "planning/renstra_detail.html",
        {
            "renstra": renstra,
            "opd": renstra.opd,
            "year": year,
            "data": data,
            "writable": writable,
            "can_manage": writable is None,
            "can_add": writable is None or bool(writable),
            "budget": budget,
            "can_import_kas": any(b.can_kas for b in budget),
        },
    )


@login_required
@require_POST
def renstra_adopt(request, pk):
    renstra = get_object_or_404(Renstra, pk=pk)
    P.require_view(request.user, renstra)
    try:
        services.adopt_renstra(user=request.user, renstra=renstra)
    except ValidationError as exc:
        return _bad_request(request, exc)
    messages.success(request, _("Renstra ditetapkan. Perubahan IKU selanjutnya dicatat."))
    return redirect("planning:renstra_detail", pk=pk)


@login_required
@require_POST
def start_next_year(request, pk):
    renstra = get_object_or_404(Renstra.objects.select_related("opd"), pk=pk)
    P.require_view(request.user, renstra)
    year = _year(request)
    try:
        year = int(request.POST.get("year", year))
        summary = services.start_next_year(user=request.user, opd=renstra.opd, year=year)
    except ValidationError as exc:
        return _bad_request(request, exc)
    except ValueError:
        raise Http404 from None
    messages.success(
        request,
        _("Tahun %(y)s dimulai dari tahun %(p)s: %(t)s target, %(n)s kinerja, %(i)s indikator, %(k)s draf PK disalin.")
        % {
            "y": year + 1,
            "p": year,
            "t": summary["targets"],
            "n": summary["nodes"],
            "i": summary["indicators"],
            "k": summary["pk"],
        },
    )
    for note in summary["pk_skipped"]:
        messages.warning(request, note)
    target = selectors.renstra_for(renstra.opd, year + 1) or renstra
    return redirect(reverse("planning:renstra_detail", args=[target.pk]) + f"?tahun={year + 1}")


# --- nodes -----------------------------------------------------------------------------------------
def _node_form_view(request, renstra, node=None):
    initial = {}
    if node is None:
        parent_id = request.GET.get("parent")
        if parent_id:
            parent = get_object_or_404(Kinerja, pk=parent_id, renstra=renstra)
            level = min(parent.level + 1, 4)
            initial = {"parent": parent, "level": level, "year": parent.year}
            if level == Kinerja.Level.INDIVIDU:  # rencana hasil kerja/IKI are yearly
                initial["year"] = parent.year or _year(request)
    form = forms.NodeForm(request.POST or None, instance=node, initial=initial, user=request.user, renstra=renstra)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            if node is None:
                saved = call_service(form, services.create_node, user=request.user, renstra=renstra, **d)
            else:
                saved = call_service(form, services.update_node, user=request.user, node=node, **d)
            if saved is FAILED:
                status = 400
            else:
                node = saved
                messages.success(request, _("Kinerja tersimpan: %(n)s") % {"n": node.statement})
                return redirect(
                    reverse("planning:renstra_detail", args=[renstra.pk])
                    + (f"?tahun={node.year}" if node.year else "")
                    + f"#node-{node.pk}"
                )
        else:
            status = 400
    title = _("Ubah kinerja") if node else _("Tambah kinerja pada pohon kinerja")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "object": node,
            "cancel_url": reverse("planning:renstra_detail", args=[renstra.pk]),
        },
        status=status,
    )


@login_required
def node_create(request, renstra_pk):
    renstra = get_object_or_404(Renstra, pk=renstra_pk)
    P.require_view(request.user, renstra)
    P.check(
        bool(writable_unit_ids(request.user, renstra.opd_id)) or writable_unit_ids(request.user, renstra.opd_id) is None
    )
    return _node_form_view(request, renstra)


@login_required
def node_edit(request, pk):
    node = get_object_or_404(Kinerja.objects.select_related("renstra", "position"), pk=pk)
    P.require_view(request.user, node)
    P.check(services.can_edit_node(request.user, node))
    return _node_form_view(request, node.renstra, node)


@login_required
def node_delete(request, pk):
    node = get_object_or_404(Kinerja.objects.select_related("renstra"), pk=pk)
    P.require_view(request.user, node)
    P.check(services.can_edit_node(request.user, node))
    back = reverse("planning:renstra_detail", args=[node.renstra_id])
    if request.method == "POST":
        try:
            services.delete_node(user=request.user, node=node)
        except ValidationError as exc:
            return render(
                request, "core/confirm_delete.html", {"object": node, "error": " ".join(exc.messages)}, status=400
            )
        messages.success(request, _("Kinerja dihapus."))
        return redirect(back)
    return render(request, "core/confirm_delete.html", {"object": node})


# --- indicators -----------------------------------------------------------------------------------
def _indicator_form_view(request, node, indicator=None):
    form = forms.IndicatorForm(request.POST or None, instance=indicator, user=request.user, node=node)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = form.values()
            if indicator is None:
                name = values.pop("name")
                saved = call_service(form, services.create_indicator, user=request.user, node=node, name=name, **values)
            else:
                saved = call_service(
                    form,
                    services.update_indicator,
                    user=request.user,
                    indicator=indicator,
                    change_reason=form.cleaned_data.get("change_reason", ""),
                    **values,
                )
            if saved is FAILED:
                status = 400
            else:
                indicator = saved
                messages.success(request, _("Indikator tersimpan: %(n)s") % {"n": indicator.name})
                return redirect("planning:indicator_detail", pk=indicator.pk)
        else:
            status = 400
    title = _("Ubah indikator") if indicator else _("Tambah indikator")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "object": indicator or node,
            "cancel_url": reverse("planning:renstra_detail", args=[node.renstra_id]),
        },
        status=status,
    )


@login_required
def indicator_create(request, node_pk):
    node = get_object_or_404(Kinerja.objects.select_related("renstra", "opd", "position"), pk=node_pk)
    P.require_view(request.user, node)
    P.check(P.can_write_scope(request.user, node.opd_id, node.unit))
    return _indicator_form_view(request, node)


@login_required
def indicator_edit(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("node", "node__renstra", "node__opd"), pk=pk)
    P.require_view(request.user, indicator)
    P.check(services.can_edit_indicator(request.user, indicator))
    return _indicator_form_view(request, indicator.node, indicator)


@login_required
def indicator_delete(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("node"), pk=pk)
    P.require_view(request.user, indicator)
    P.check(services.can_edit_indicator(request.user, indicator))
    if request.method == "POST":
        try:
            services.delete_indicator(
                user=request.user, indicator=indicator, change_reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            return render(
                request, "core/confirm_delete.html", {"object": indicator, "error": " ".join(exc.messages)}, status=400
            )
        messages.success(request, _("Indikator dihapus."))
        return redirect("planning:renstra_detail", pk=indicator.node.renstra_id)
    return render(request, "core/confirm_delete.html", {"object": indicator})


@login_required
@require_POST
def target_revision_propose(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("node__renstra", "predicate_scale"), pk=pk)
    P.require_view(request.user, indicator)
    P.check(services.can_propose_target_revision(request.user, indicator))
    years = [indicator.node.year] if indicator.node.year else indicator.node.renstra.years
    form = forms.TargetRevisionForm(request.POST, years=years, indicator=indicator, prefix="rev")
    if form.is_valid():
        d = form.cleaned_data
        proposed = run_action(
            request,
            services.propose_target_revision,
            user=request.user,
            indicator=indicator,
            year=d["year"],
            reason=d["reason"],
            value=d.get("value"),
            value_max=d.get("value_max"),
            value_text=d.get("value_text", ""),
        )
        if proposed is not FAILED:
            messages.success(request, _("Usulan revisi target dikirim ke Kepala OPD."))
    else:
        messages.error(request, " ".join(m for msgs in form.errors.values() for m in msgs))
    return redirect("planning:indicator_detail", pk=indicator.pk)


@login_required
@require_POST
def target_revision_decide(request, pk):
    revision = get_object_or_404(TargetRevision.objects.select_related("target__indicator__node"), pk=pk)
    indicator = revision.target.indicator
    P.require_view(request.user, indicator)
    P.check(services.can_decide_target_revision(request.user, indicator))
    decided = run_action(
        request,
        services.decide_target_revision,
        user=request.user,
        revision=revision,
        approve=request.POST.get("decision") == "approve",
        note=request.POST.get("note", "")[:2000],
    )
    if decided is not FAILED:
        messages.success(request, _("Keputusan revisi target tersimpan."))
    return redirect("planning:indicator_detail", pk=indicator.pk)


@login_required
def indicator_detail(request, pk):
    """The manual IKU/indicator page: every field, targets per year and quarter (editable), SMART reasons,
    crosscutting."""
    indicator = get_object_or_404(
        Indicator.objects.select_related(
            "node",
            "node__renstra",
            "node__position",
            "node__unit",
            "pj_unit",
            "pj_position",
            "predicate_scale",
            "iku_pemda",
            "opd",
        ),
        pk=pk,
    )
    P.require_view(request.user, indicator)
    can_edit = services.can_edit_indicator(request.user, indicator)
    renstra = indicator.node.renstra
    years = [indicator.node.year] if indicator.node.year else renstra.years
    targets = {t.year: t for t in indicator.targets.all()}
    # Per-quarter upper bounds (docs/capaian.md §3) are offered for the years whose target is a range (or must be).
    ranged = set()
    if not indicator.is_qualitative and indicator.polarity != Indicator.Polarity.BINARY:
        for y in years:
            t = targets.get(y)
            if (
                indicator.polarity == Indicator.Polarity.STABIL
                or (t is not None and (t.value_max is not None or any(m is not None for m in t.quarters_max)))
                or request.POST.get(f"y{y}-value_max", "").strip()
            ):
                ranged.add(y)
    rows, errors = [], {}
    if request.method == "POST":
        P.check(can_edit)
        try:
            with transaction.atomic():
                for year in years:
                    form = forms.TargetRowForm(request.POST, prefix=f"y{year}")
                    rows.append((year, form))
                    if not form.is_valid():
                        errors[year] = [m for msgs in form.errors.values() for m in msgs]
                        continue
                    d = form.cleaned_data
                    if all(d[k] in (None, "") for k in (*form.NUMBERS, "value_text")) and year not in targets:
                        continue
                    try:
                        services.set_target(
                            user=request.user,
                            indicator=indicator,
                            year=year,
                            value=d["value"],
                            value_max=d["value_max"],
                            value_text=d["value_text"],
                            quarters=[d["q1"], d["q2"], d["q3"], d["q4"]],
                            quarters_max=[d[f"q{i}_max"] for i in range(1, 5)] if year in ranged else None,
                        )
                    except ValidationError as exc:
                        errors[year] = exc.messages
                        form.mark_invalid(getattr(exc, "error_dict", {}).keys())
                if errors:
                    raise ValidationError("rollback")
        except ValidationError:
            pass
        else:
            messages.success(request, _("Target tersimpan."))
            return redirect("planning:indicator_detail", pk=indicator.pk)
    else:
        for year in years:
            t = targets.get(year)
            init = {}
            if t:
                init = {k: angka_input(getattr(t, k)) for k in forms.TargetRowForm.NUMBERS}
                init["value_text"] = t.value_text
            form = forms.TargetRowForm(initial=init, prefix=f"y{year}")
            if not can_edit:
                for field in form.fields.values():
                    field.disabled = True
            rows.append((year, form))
    frozen_years = [y for y in years if services.target_is_frozen(targets.get(y), indicator)]
    revisions = list(
        TargetRevision.objects.filter(target__indicator=indicator).select_related("target", "proposed_by", "decided_by")
    )
    revision_form = None
    if frozen_years and services.can_propose_target_revision(request.user, indicator):
        revision_form = forms.TargetRevisionForm(years=frozen_years, indicator=indicator, prefix="rev")
    facts = selectors._facts(renstra, indicator, indicator.node)

    smart = smart_rules.check(facts)
    cross = indicator.crosscutting.select_related("unit", "unit__opd")
    chain, seen, node = [], set(), indicator.node.parent
    while node is not None and node.pk not in seen:
        chain.append(node)
        seen.add(node.pk)
        node = node.parent
    return render(
        request,
        "planning/indicator_detail.html",
        {
            "indicator": indicator,
            "node": indicator.node,
            "renstra": renstra,
            "rows": rows,
            "errors": errors,
            "can_edit": can_edit,
            "smart": smart,
            "cross": cross,
            "chain": chain,
            "changes": indicator.iku_changes.all(),
            "targets": targets,
            "ranged": ranged,
            "frozen_years": frozen_years,
            "revisions": revisions,
            "revision_form": revision_form,
            "can_decide_revision": services.can_decide_target_revision(request.user, indicator),
        },
        status=400 if errors else 200,
    )


class IndicatorList(ScopedListView):
    title = gettext_lazy("Daftar indikator")
    subtitle = gettext_lazy("IKU, indikator program/kegiatan dan IKI dengan status SMART.")
    table_class = tables.IndicatorTable
    filterset_class = filtersets.IndicatorFilter
    export_name = "indikator-kinerja"
    import_url_name = "planning:indicator_import"
    template_name = "planning/indicator_list.html"

    def can_create(self):
        return P.is_admin(self.request.user) or P.is_opd_manager(self.request.user) or P.is_unit_role(self.request.user)

    def get_queryset(self):
        self.year = _year(self.request)
        qs = (
            selectors.indicators_for(self.request.user)
            .filter(node__renstra__start_year__lte=self.year, node__renstra__end_year__gte=self.year)
            .filter(selectors.year_q(self.year, "node__"))
        )
        return qs.prefetch_related("targets", "predicate_scale__levels").order_by(
            "opd__name", "node__level", "node__order", "order", "pk"
        )

    def extra_context(self):
        return {"year": self.year}


# --- pohon kinerja -----------------------------------------------------------------------------------
@login_required
def pohon(request):
    opd, opds = _opd(request)
    year = _year(request)
    ctx = _base_ctx(request, opd, opds, year)
    if ctx["renstra"]:
        ctx["data"] = selectors.tree(ctx["renstra"], year)
    return render(request, "planning/pohon.html", ctx)


# --- crosscutting -----------------------------------------------------------------------------------
@login_required
def crosscutting(request):
    opd, opds = _opd(request)
    year = _year(request)
    ctx = _base_ctx(request, opd, opds, year)
    ctx["matrix"] = selectors.crosscutting_matrix(request.user, opd, year)
    # Rows may be another OPD's indicators this OPD contributes to: link and delete only what the user may
    # open and remove (the delete view answers 404/403 otherwise).
    for link in ctx["matrix"]["links"]:
        link.can_delete = services.can_edit_indicator(request.user, link.indicator)
    for row in ctx["matrix"]["rows"]:
        row["can_open"] = P.can_view_object(request.user, row["indicator"])
    writable = writable_unit_ids(request.user, opd.pk)
    ctx["writable"] = writable
    renstra = ctx["renstra"]
    if renstra and (writable is None or writable):
        indicators = (
            Indicator.objects.filter(node__renstra=renstra)
            .filter(selectors.year_q(year, "node__"))
            .select_related("node")
        )
        if writable is not None:
            indicators = indicators.filter(node__unit_id__in=writable)
        units = (
            Unit.objects.filter(opd__pemda_id=opd.pemda_id)
            .select_related("opd")
            .order_by("opd__akronim", "order", "name")
        )
        form = forms.CrosscuttingForm(request.POST or None, user=request.user, indicators=indicators, units=units)
        if request.method == "POST":
            if form.is_valid():
                d = form.cleaned_data
                added = call_service(
                    form,
                    services.add_crosscutting,
                    user=request.user,
                    indicator=d["indicator"],
                    unit=d["unit"],
                    role=d["role"],
                    description=d["description"],
                )
                if added is not FAILED:
                    messages.success(request, _("Crosscutting tersimpan."))
                    return redirect(reverse("planning:crosscutting") + f"?opd={opd.pk}&tahun={year}")
            ctx["form"] = form
            return render(request, "planning/crosscutting.html", ctx | {"form": form}, status=400)
        ctx["form"] = form
    elif request.method == "POST":
        raise PermissionDenied
    if request.GET.get("export") == "xlsx":
        return exports.crosscutting_xlsx(opd, year, ctx["matrix"])
    return render(request, "planning/crosscutting.html", ctx)


@login_required
@require_POST
def crosscutting_delete(request, pk):
    link = get_object_or_404(Crosscutting.objects.select_related("indicator", "indicator__node"), pk=pk)
    P.require_view(request.user, link)
    services.remove_crosscutting(user=request.user, link=link)
    messages.success(request, _("Crosscutting dihapus."))
    return redirect(reverse("planning:crosscutting") + f"?opd={link.opd_id}")


# --- checks report -----------------------------------------------------------------------------------
@login_required
def checks(request):
    opd, opds = _opd(request)
    year = _year(request)
    ctx = _base_ctx(request, opd, opds, year)
    ctx.update(
        {
            "coverage": selectors.cascade_coverage(opd, year),
            "smart": selectors.smart_report(opd, year),
            "stability": selectors.iku_stability(opd, year),
            "pk": selectors.pk_signed_for_every_official(opd, year),
            "cross": selectors.crosscutting_shown(opd, year),
        }
    )
    ctx["smart_bad"] = [r for r in ctx["smart"] if not r.ok]
    if request.GET.get("export") == "xlsx":
        return exports.checks_xlsx(ctx)
    if request.GET.get("format") == "pdf":
        pdf = printing.checks_pdf(ctx)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="laporan-pemeriksaan-perencanaan-{opd.akronim.lower()}-{year}.pdf"'
        )
        return response
    return render(request, "planning/checks.html", ctx)


# --- my IKI/SKP ---------------------------------------------------------------------------------------
@login_required
def my_iki(request):
    year = _year(request)
    employee = request.user.employee
    rows = selectors.my_iki(employee, year) if employee else []
    return render(
        request,
        "planning/my_iki.html",
        {
            "employee": employee,
            "rows": rows,
            "year": year,
            "years": range(date.today().year - 4, date.today().year + 2),
        },
    )


# --- Perjanjian Kinerja -------------------------------------------------------------------------------
class PkList(ScopedListView):
    title = gettext_lazy("Perjanjian Kinerja")
    subtitle = gettext_lazy("PK per jabatan per tahun, termasuk PK Perubahan.")
    table_class = tables.PkTable
    filterset_class = filtersets.PkFilter
    export_name = "perjanjian-kinerja"
    create_url_name = "planning:pk_create"
    create_label = gettext_lazy("Susun PK")
    template_name = "planning/pk_list.html"

    def can_create(self):
        return P.is_admin(self.request.user) or P.is_opd_manager(self.request.user) or P.is_unit_role(self.request.user)

    def get_queryset(self):
        return selectors.pk_for(self.request.user).order_by("-year", "opd__name", "position__order", "-version")

    def extra_context(self):
        year = _year(self.request)
        opd_id = self.request.user.opd_id
        proposals = []
        if opd_id:
            proposals = services.pk_perubahan_proposals(OPD.objects.get(pk=opd_id), year)
        return {"proposals": proposals}


@login_required
def pk_create(request):
    P.check(P.is_admin(request.user) or P.is_opd_manager(request.user) or P.is_unit_role(request.user))
    positions = (
        org_selectors.positions_for(request.user)
        .exclude(kind__in=[Position.Kind.PELAKSANA, Position.Kind.FUNGSIONAL, Position.Kind.KEPALA_DAERAH])
        .filter(opd__isnull=False)
    )
    form = forms.PkCreateForm(request.POST or None, positions=positions, initial={"year": _year(request)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            pk = call_service(
                form,
                services.create_pk,
                user=request.user,
                position=d["position"],
                year=d["year"],
                sign_date=d["sign_date"],
            )
            if pk is FAILED:
                status = 400
            else:
                messages.success(request, _("Draf PK disusun dari pohon kinerja."))
                return redirect("planning:pk_detail", pk=pk.pk)
        else:
            status = 400
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Susun Perjanjian Kinerja"), "cancel_url": reverse("planning:pk_list")},
        status=status,
    )


def _get_pk(request, pk):
    doc = get_object_or_404(
        PerjanjianKinerja.objects.select_related(
            "position",
            "position__unit",
            "position__pemda",
            "opd",
            "opd__pemda",
            "first_employee__golongan",
            "second_employee__golongan",
            "second_position",
            "supersedes",
        ),
        pk=pk,
    )
    P.require_view(request.user, doc)
    return doc


def _takes_quarter_bounds(indicator, target) -> bool:
    """A year whose target is a range (or must be: stabil) takes TW I–IV upper bounds (docs/capaian.md §3)."""
    if indicator.is_qualitative or indicator.polarity == Indicator.Polarity.BINARY:
        return False
    if indicator.polarity == Indicator.Polarity.STABIL:
        return True
    return target is not None and (target.value_max is not None or any(m is not None for m in target.quarters_max))


def _quarter_cells(target) -> list[dict]:
    """TW I–IV of a year's target for the rencana aksi table: number, target and upper bound."""
    q = target.quarters if target else [None] * 4
    q_max = target.quarters_max if target else [None] * 4
    return [{"n": i + 1, "label": services.QUARTER_NAMES[i], "value": q[i], "max": q_max[i]} for i in range(4)]


@login_required
def pk_detail(request, pk):
    return _pk_detail_page(request, _get_pk(request, pk))


def _pk_detail_page(request, doc, *, errors=None, typed=None, status=200):
    """The PK page; after a refused rencana aksi, with each indicator's message under its row and the values as
    typed (`errors`: indicator id → messages; `typed`: the POST), status 400."""
    errors, typed = errors or {}, typed
    can_edit = P.can_write_scope(request.user, doc.opd_id, doc.position.unit)
    items = list(doc.items.select_related("indicator", "indicator__node"))
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(indicator_id__in=[i.indicator_id for i in items], year=doc.year)
    }
    editable_units = writable_unit_ids(request.user, doc.opd_id)
    rows = [
        {
            "item": it,
            "target": targets.get(it.indicator_id),
            "can_edit": _can(editable_units, it.indicator.node.unit_id),
            "ranged": _takes_quarter_bounds(it.indicator, targets.get(it.indicator_id)),
            "quarters": _quarter_cells(targets.get(it.indicator_id)),
            "errors": errors.get(it.indicator_id, []),
        }
        for it in items
    ]
    if typed is not None:
        for row in rows:
            key = f"ind{row['item'].indicator_id}"
            for c in row["quarters"]:
                c["typed"] = typed.get(f"{key}-q{c['n']}")
                c["typed_max"] = typed.get(f"{key}-q{c['n']}_max")
    versions = PerjanjianKinerja.objects.filter(position=doc.position, year=doc.year).order_by("version")
    budget = list(doc.budget_lines.all())
    return render(
        request,
        "planning/pk_detail.html",
        {
            "doc": doc,
            "rows": rows,
            "budget": budget,
            "budget_total": sum((b.amount for b in budget), 0),
            "can_edit": can_edit,
            "versions": versions,
            "perubahan_form": forms.PkPerubahanForm(),
            "is_current": not hasattr(doc, "superseded_by"),
            "archive": selectors.archived_pk(doc) if doc.status == PerjanjianKinerja.Status.DITANDATANGANI else None,
            "can_sign": services.can_sign_pk(request.user, doc),
            "fingerprint": services.pk_fingerprint(doc) if doc.status == PerjanjianKinerja.Status.DRAFT else "",
        },
        status=status,
    )


class _RencanaAksiRefused(Exception):
    """Rolls back every row of a rencana aksi when one of them was refused."""


@login_required
@require_POST
def pk_action(request, pk, action):
    doc = _get_pk(request, pk)
    try:
        if action == "sign":
            if not request.POST.get("setuju"):
                raise ValidationError(_("Centang pernyataan bahwa Anda telah membaca PK ini sebelum menandatangani."))
            services.sign_pk(user=request.user, pk=doc, fingerprint=request.POST.get("fingerprint", ""))
            messages.success(request, _("PK ditandatangani secara elektronik, diberi nomor, dan diarsipkan."))
        elif action == "refresh":
            services.refresh_pk(user=request.user, pk=doc)
            messages.success(request, _("Draf PK diperbarui dari pohon kinerja."))
        elif action == "perubahan":
            form = forms.PkPerubahanForm(request.POST)
            if not form.is_valid():
                raise ValidationError([m for msgs in form.errors.values() for m in msgs])
            new = services.create_pk_perubahan(
                user=request.user, pk=doc, reason=form.cleaned_data["reason"], sign_date=form.cleaned_data["sign_date"]
            )
            messages.success(request, _("Draf PK Perubahan disusun."))
            return redirect("planning:pk_detail", pk=new.pk)
        elif action == "renaksi":
            items = doc.items.select_related("indicator", "indicator__node")
            errors = {}
            try:
                with transaction.atomic():  # all rows or none
                    for it in items:
                        key = f"ind{it.indicator_id}"
                        if f"{key}-q1" not in request.POST:
                            continue
                        if not services.can_edit_indicator(request.user, it.indicator):
                            continue
                        bounded = f"{key}-q1_max" in request.POST
                        try:
                            with transaction.atomic():
                                services.set_quarters(
                                    user=request.user,
                                    indicator=it.indicator,
                                    year=doc.year,
                                    quarters=[request.POST.get(f"{key}-q{i}") for i in range(1, 5)],
                                    quarters_max=[request.POST.get(f"{key}-q{i}_max") for i in range(1, 5)]
                                    if bounded
                                    else None,
                                )
                        except ValidationError as exc:
                            errors[it.indicator_id] = exc.messages
                    if errors:
                        raise _RencanaAksiRefused
            except _RencanaAksiRefused:
                messages.error(request, _("Rencana aksi tidak disimpan: perbaiki baris yang ditandai."))
                return _pk_detail_page(request, doc, errors=errors, typed=request.POST, status=400)
            messages.success(request, _("Rencana aksi (target triwulan) tersimpan."))
        else:
            raise Http404
    except ValidationError as exc:
        return _bad_request(request, exc)
    return redirect("planning:pk_detail", pk=doc.pk)


@login_required
def pk_download(request, pk, fmt):
    doc = _get_pk(request, pk)
    slug = f"pk-{doc.year}-{doc.position.display_short.lower().replace(' ', '-')}-v{doc.version}"
    archive = selectors.archived_pk(doc) if doc.status == PerjanjianKinerja.Status.DITANDATANGANI else None
    if archive is not None:
        # The signed PK is the archived copy (numbered, signed, hashed), never a new render.
        if fmt == "pdf":
            return redirect(archive.download_url)
        if fmt == "docx" and archive.docx_file:
            return redirect(archive.download_url + "?format=docx")
    if fmt == "pdf":
        response = HttpResponse(printing.pk_pdf(doc), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{slug}.pdf"'
        return response
    if fmt == "docx":
        response = HttpResponse(
            printing.pk_docx(doc),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{slug}.docx"'
        return response
    raise Http404


# --- budget items -------------------------------------------------------------------------------------
@login_required
def budget_add(request, renstra_pk):
    renstra = get_object_or_404(Renstra, pk=renstra_pk)
    P.require_view(request.user, renstra)
    P.check(
        writable_unit_ids(request.user, renstra.opd_id) is None or bool(writable_unit_ids(request.user, renstra.opd_id))
    )
    form = forms.BudgetItemForm(request.POST or None, renstra=renstra, initial={"year": _year(request)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                with transaction.atomic():
                    pagu = {d["year"]: d["amount"]} if d["year"] and d["amount"] is not None else {}
                    services.add_budget_item(
                        user=request.user,
                        renstra=renstra,
                        code=d["code"],
                        unit=d["unit"],
                        kinerja=d["kinerja"],
                        pagu=pagu,
                    )
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Program/kegiatan tersimpan."))
                return redirect(reverse("planning:renstra_detail", args=[renstra.pk]) + "#anggaran")
        else:
            status = 400
    return render(
        request,
        "planning/budget_form.html",
        {
            "form": form,
            "renstra": renstra,
            "title": _("Tambah program/kegiatan/sub kegiatan"),
            "nomenklatur": Nomenclature.objects.filter(level__in=["program", "kegiatan", "sub_kegiatan"]),
        },
        status=status,
    )


@login_required
def anggaran_kas(request, pk):
    """The pagu of a programme for a year with its anggaran kas per quarter (docs/rules.md §1)."""
    item = get_object_or_404(BudgetItem.objects.select_related("renstra", "nomenclature", "unit"), pk=pk)
    P.require_view(request.user, item.renstra)
    P.check(P.can_write_scope(request.user, item.opd_id, item.unit))
    if item.level != "program":
        raise Http404
    renstra = item.renstra
    year = _year(request, default=min(max(date.today().year, renstra.start_year), renstra.end_year))
    if not renstra.covers(year):
        raise Http404
    back = reverse("planning:renstra_detail", args=[renstra.pk]) + f"?tahun={year}#anggaran"
    current = item.pagu.filter(year=year).first()
    initial = {}
    if current is not None:
        initial["amount"] = angka_input(current.amount)
        for i, v in enumerate(current.kas, start=1):
            initial[f"kas_tw{i}"] = angka_input(v) if v is not None else ""
    form = forms.AnggaranKasForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            saved = call_service(
                form,
                services.set_anggaran_kas,
                user=request.user,
                item=item,
                year=year,
                amount=d["amount"],
                quarters=[d[f"kas_tw{i}"] for i in range(1, 5)],
            )
            if saved is FAILED:
                status = 400
            else:
                messages.success(request, _("Pagu dan anggaran kas %(y)s tersimpan.") % {"y": year})
                return redirect(back)
        else:
            status = 400
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": f"{item.nomenclature} — {year}",
            "title": _("Anggaran kas (rencana penarikan dana) per triwulan"),
            "cancel_url": back,
        },
        status=status,
    )


@login_required
def anggaran_kas_import(request, renstra_pk):
    renstra = get_object_or_404(Renstra, pk=renstra_pk)
    P.require_view(request.user, renstra)
    P.check(writable_unit_ids(request.user, renstra.opd_id) != set())
    return import_view(
        request,
        AnggaranKasImporter(request.user, renstra),
        back_url=reverse("planning:renstra_detail", args=[renstra.pk]) + "#anggaran",
    )


# --- category bands of the capaian (per Pemda, administrators) --------------------------------------
BAND_ROWS = 7


@login_required
def capaian_bands(request):
    """The capaian category bands of a Pemda: a screen for administrators (docs/capaian.md, categories)."""
    P.check(P.is_admin(request.user))
    pemdas = list(Pemda.objects.order_by("name"))
    if not pemdas:
        raise Http404
    wanted = request.GET.get("pemda") or request.POST.get("pemda")
    pemda = next((p for p in pemdas if str(p.pk) == str(wanted)), pemdas[0]) if wanted else pemdas[0]
    current = CapaianBands.objects.filter(pemda=pemda).first()
    saved = current.bands if current and current.bands else None
    rows = [(label, "" if lo is None else angka_input(lo)) for lo, label in (saved or B.default_rows())]
    errors = []
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("reset"):
                services.reset_bands(user=request.user, pemda=pemda)
                messages.success(request, _("Kategori capaian %(p)s kembali ke bawaan.") % {"p": pemda})
            else:
                posted = [
                    (request.POST.get(f"label_{i}", ""), request.POST.get(f"lower_{i}", ""))
                    for i in range(1, BAND_ROWS + 1)
                ]
                services.set_bands(user=request.user, pemda=pemda, rows=posted)
                messages.success(request, _("Kategori capaian %(p)s tersimpan.") % {"p": pemda})
        except ValidationError as exc:
            errors = exc.messages
            rows = posted
            status = 400
        else:
            return redirect(reverse("planning:capaian_bands") + f"?pemda={pemda.pk}")
    rows = list(rows)[:BAND_ROWS] + [("", "")] * (BAND_ROWS - len(rows))
    in_force = current.as_engine_bands() if saved else None
    return render(
        request,
        "planning/capaian_bands.html",
        {
            "pemdas": pemdas,
            "pemda": pemda,
            "rows": [(i, label, lower) for i, (label, lower) in enumerate(rows, start=1)],
            "errors": errors,
            "is_default": saved is None,
            "description": B.describe(in_force),
            "record": current,
        },
        status=status,
    )


# --- Excel -------------------------------------------------------------------------------------------
@login_required
def indicator_import(request):
    P.check(P.is_admin(request.user) or P.is_opd_manager(request.user) or P.is_unit_role(request.user))
    return import_view(request, IndicatorImporter(request.user), back_url=reverse("planning:indicators"))


@login_required
def export_all(request):
    opd, _opds = _opd(request)
    return exports.all_tables_xlsx(request.user, opd)
