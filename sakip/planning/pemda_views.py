"""Screens of the Kabupaten's own plan (issue 14 item 4; docs/rules.md §10): RPJMD, tujuan/sasaran, IKU Pemda
with the yearly targets of the PK Bupati, and which OPD IKU feed each IKU Pemda. Writes through
`pemda_services`; the planners of the Pemda (Bappeda) and the administrator write, the Pemda Viewer and the
Inspektorat read, an OPD's own users get 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.service_calls import FAILED, call_service, run_action
from sakip.organization.models import Pemda

from . import pemda_forms as forms
from . import pemda_services as S
from .models import Indicator, PemdaIku, Rpjmd, RpjmdGoal


def _pemda(request):
    pemda = request.user.pemda or (Pemda.objects.order_by("pk").first() if P.is_admin(request.user) else None)
    if pemda is None:
        raise Http404
    return pemda


def _read(request, pemda):
    if not S.can_read(request.user, pemda):
        raise PermissionDenied


def _rpjmd(request, pk):
    rpjmd = get_object_or_404(Rpjmd.objects.select_related("pemda"), pk=pk)
    if not P.is_admin(request.user) and request.user.pemda_id != rpjmd.pemda_id:
        raise Http404
    _read(request, rpjmd.pemda)
    return rpjmd


@login_required
def index(request):
    pemda = _pemda(request)
    _read(request, pemda)
    rpjmds = list(
        Rpjmd.objects.filter(pemda=pemda)
        .annotate(n_goals=Count("goals", distinct=True), n_iku=Count("goals__ikus", distinct=True))
        .order_by("-start_year")
    )
    return render(
        request,
        "planning/pemda/index.html",
        {"pemda": pemda, "rpjmds": rpjmds, "can_plan": S.can_plan(request.user, pemda)},
    )


def _form_page(request, form, title, cancel, obj=None, extra=None):
    return render(
        request,
        "planning/pemda/form.html",
        {"form": form, "title": title, "cancel_url": cancel, "object": obj, **(extra or {})},
        status=400 if form.is_bound else 200,
    )


@login_required
def rpjmd_edit(request, pk=None):
    rpjmd = _rpjmd(request, pk) if pk else None
    pemda = rpjmd.pemda if rpjmd else _pemda(request)
    if not S.can_plan(request.user, pemda):
        raise PermissionDenied
    cancel = rpjmd.get_absolute_url() if rpjmd else reverse("planning:pemda_index")
    initial = {"name": rpjmd.name, "start_year": rpjmd.start_year, "end_year": rpjmd.end_year} if rpjmd else {}
    form = forms.RpjmdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, S.save_rpjmd, user=request.user, pemda=pemda, rpjmd=rpjmd, **form.cleaned_data)
        if saved is not FAILED:
            messages.success(request, _("Data tersimpan: %(obj)s") % {"obj": saved})
            return redirect(saved.get_absolute_url())
    return _form_page(request, form, _("Ubah RPJMD") if rpjmd else _("Tambah RPJMD"), cancel, rpjmd)


@login_required
def rpjmd_detail(request, pk):
    rpjmd = _rpjmd(request, pk)
    feeders = Indicator.objects.select_related("opd").order_by("opd__name", "order", "code", "pk")
    goals = list(
        RpjmdGoal.objects.filter(rpjmd=rpjmd).prefetch_related(
            Prefetch("ikus", queryset=PemdaIku.objects.prefetch_related("targets", Prefetch("opd_indicators", feeders)))
        )
    )
    tujuan = [g for g in goals if g.kind == RpjmdGoal.Kind.TUJUAN]
    sasaran_of = {}
    for g in goals:
        if g.kind == RpjmdGoal.Kind.SASARAN:
            sasaran_of.setdefault(g.parent_id, []).append(g)
    years = list(range(rpjmd.start_year, rpjmd.end_year + 1))
    tree = []
    for t in tujuan:
        rows = []
        for s in sasaran_of.get(t.pk, []):
            ikus = []
            for iku in s.ikus.all():
                by_year = {x.year: x for x in iku.targets.all()}
                ikus.append(
                    {"iku": iku, "targets": [by_year.get(y) for y in years], "feeders": list(iku.opd_indicators.all())}
                )
            rows.append({"sasaran": s, "ikus": ikus})
        tree.append({"tujuan": t, "sasaran": rows})
    return render(
        request,
        "planning/pemda/rpjmd_detail.html",
        {
            "rpjmd": rpjmd,
            "tree": tree,
            "years": years,
            "orphans": [g for g in goals if g.kind == RpjmdGoal.Kind.SASARAN and g.parent_id is None],
            "can_plan": S.can_plan(request.user, rpjmd.pemda),
        },
    )


@login_required
def goal_edit(request, rpjmd_pk=None, pk=None):
    goal = get_object_or_404(RpjmdGoal.objects.select_related("rpjmd", "rpjmd__pemda"), pk=pk) if pk else None
    rpjmd = goal.rpjmd if goal else _rpjmd(request, rpjmd_pk)
    if goal:
        _rpjmd(request, rpjmd.pk)
    if not S.can_plan(request.user, rpjmd.pemda):
        raise PermissionDenied
    initial = (
        {"kind": goal.kind, "parent": goal.parent_id, "code": goal.code, "statement": goal.statement}
        if goal
        else {"kind": request.GET.get("jenis", RpjmdGoal.Kind.TUJUAN), "parent": request.GET.get("tujuan")}
    )
    form = forms.GoalForm(request.POST or None, initial=initial, rpjmd=rpjmd)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, S.save_goal, user=request.user, rpjmd=rpjmd, goal=goal, **form.cleaned_data)
        if saved is not FAILED:
            messages.success(request, _("Data tersimpan: %(obj)s") % {"obj": saved})
            return redirect(rpjmd.get_absolute_url())
    title = _("Ubah tujuan/sasaran RPJMD") if goal else _("Tambah tujuan/sasaran RPJMD")
    return _form_page(request, form, title, rpjmd.get_absolute_url(), goal)


@login_required
@require_POST
def goal_delete(request, pk):
    goal = get_object_or_404(RpjmdGoal.objects.select_related("rpjmd", "rpjmd__pemda"), pk=pk)
    rpjmd = _rpjmd(request, goal.rpjmd_id)
    if run_action(request, S.delete_goal, user=request.user, goal=goal) is not FAILED:
        messages.success(request, _("Dihapus: %(obj)s") % {"obj": goal})
    return redirect(rpjmd.get_absolute_url())


@login_required
def iku_edit(request, goal_pk=None, pk=None):
    iku = (
        get_object_or_404(PemdaIku.objects.select_related("goal", "goal__rpjmd").prefetch_related("targets"), pk=pk)
        if pk
        else None
    )
    goal = iku.goal if iku else get_object_or_404(RpjmdGoal.objects.select_related("rpjmd"), pk=goal_pk)
    rpjmd = _rpjmd(request, goal.rpjmd_id)
    if not S.can_plan(request.user, rpjmd.pemda):
        raise PermissionDenied
    form = forms.IkuForm(request.POST or None, rpjmd=rpjmd, iku=iku)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("code", "name", "satuan", "polarity", "baseline")}
        saved = call_service(
            form,
            S.save_iku,
            user=request.user,
            goal=goal,
            iku=iku,
            targets=form.targets(),
            realisasi=form.realisasi(),
            **data,
        )
        if saved is not FAILED:
            messages.success(request, _("Data tersimpan: %(obj)s") % {"obj": saved})
            return redirect("planning:pemda_iku", saved.pk)
    title = _("Ubah IKU Pemda") if iku else _("Tambah IKU Pemda")
    return _form_page(request, form, title, rpjmd.get_absolute_url(), iku, {"goal": goal})


@login_required
def iku_detail(request, pk):
    iku = get_object_or_404(
        PemdaIku.objects.select_related("goal", "goal__parent", "goal__rpjmd").prefetch_related("targets"), pk=pk
    )
    rpjmd = _rpjmd(request, iku.goal.rpjmd_id)
    can_plan = S.can_plan(request.user, rpjmd.pemda)
    candidates = S.candidate_indicators(iku)
    form = forms.LinkForm(request.POST or None, candidates=candidates.exclude(iku_pemda=iku))
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        if form.is_valid():
            done = call_service(
                form, S.link_indicator, user=request.user, iku=iku, indicator=form.cleaned_data["indicator"]
            )
            if done is not FAILED:
                messages.success(request, _("%(ind)s kini mendukung %(iku)s.") % {"ind": done, "iku": iku.code})
                return redirect("planning:pemda_iku", iku.pk)
    feeders = list(
        iku.opd_indicators.select_related("opd", "node", "node__renstra")
        .prefetch_related("targets")
        .order_by("opd__name", "node__renstra__start_year", "order", "code", "pk")
    )
    readable = P.readable_opd_ids(request.user)
    years = list(range(rpjmd.start_year, rpjmd.end_year + 1))
    by_year = {t.year: t for t in iku.targets.all()}
    rows = []
    for ind in feeders:
        own = {t.year: t for t in ind.targets.all()}
        rows.append(
            {
                "indicator": ind,
                "readable": readable is None or ind.opd_id in readable,
                "targets": [own.get(y) for y in years],
            }
        )
    return render(
        request,
        "planning/pemda/iku_detail.html",
        {
            "iku": iku,
            "rpjmd": rpjmd,
            "years": years,
            "targets": [by_year.get(y) for y in years],
            "rows": rows,
            "form": form if can_plan else None,
            "can_plan": can_plan,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def iku_unlink(request, pk, indicator_pk):
    iku = get_object_or_404(PemdaIku.objects.select_related("goal__rpjmd__pemda"), pk=pk)
    _rpjmd(request, iku.goal.rpjmd_id)
    indicator = get_object_or_404(Indicator, pk=indicator_pk)
    if run_action(request, S.unlink_indicator, user=request.user, iku=iku, indicator=indicator) is not FAILED:
        messages.success(request, _("%(ind)s tidak lagi mendukung %(iku)s.") % {"ind": indicator, "iku": iku.code})
    return redirect("planning:pemda_iku", iku.pk)


@login_required
@require_POST
def iku_delete(request, pk):
    iku = get_object_or_404(PemdaIku.objects.select_related("goal__rpjmd__pemda"), pk=pk)
    rpjmd = _rpjmd(request, iku.goal.rpjmd_id)
    if run_action(request, S.delete_iku, user=request.user, iku=iku) is not FAILED:
        messages.success(request, _("Dihapus: %(obj)s") % {"obj": iku})
        return redirect(rpjmd.get_absolute_url())
    return redirect("planning:pemda_iku", iku.pk)
