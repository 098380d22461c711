"""Writes of the Kabupaten's own plan: RPJMD, its tujuan/sasaran, the IKU Pemda with their yearly targets (the
PK Bupati) and which OPD indicators feed each IKU Pemda (docs/rules.md §10).

Who: the administrator and the Pemda's planners (role "Perencana Pemda", Bappeda) of that Pemda. Readers: the
planners, the Pemda's leadership (Pemda Viewer) and the Inspektorat. Every write is atomic and recorded in the
model's history (sakip.core.models.DomainModel).
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.core import roles as R

from .models import Indicator, Kinerja, PemdaIku, PemdaTarget, Rpjmd, RpjmdGoal
from .services import parse_number


def _roles(user):
    return user.role_names if getattr(user, "is_authenticated", False) else set()


def is_planner(user) -> bool:
    return bool(_roles(user) & R.PEMDA_PLANNERS)


def can_plan(user, pemda) -> bool:
    """May the user write the plan of this Pemda?"""
    if P.is_admin(user):
        return True
    return is_planner(user) and pemda is not None and user.pemda_id == pemda.pk


def can_read(user, pemda=None) -> bool:
    """May the user read the Pemda's plan? (pemda None: any Pemda of the user)"""
    if P.is_admin(user):
        return True
    if not (_roles(user) & (R.PEMDA_PLANNERS | R.PEMDA_READERS)):
        return False
    return pemda is None or user.pemda_id == pemda.pk


def register_permissions():
    """`perms.sakip.view_pemda_plan` for templates (the planning sub-navigation)."""
    if not rules.perm_exists("sakip.view_pemda_plan"):
        rules.add_perm("sakip.view_pemda_plan", rules.predicate(lambda user: can_read(user)))


def _check(user, pemda):
    if not can_plan(user, pemda):
        raise PermissionDenied(_("Hanya perencana Pemda (Bappeda) atau administrator yang dapat mengubah RPJMD."))


def _save(obj, user):
    obj._history_user = user
    try:
        with transaction.atomic():
            obj.full_clean()
            obj.save()
    except IntegrityError as exc:
        raise ValidationError(_("Data bertentangan dengan data lain (duplikat). Periksa kembali isian Anda.")) from exc
    return obj


@transaction.atomic
def save_rpjmd(*, user, pemda, rpjmd=None, name, start_year, end_year) -> Rpjmd:
    _check(user, pemda)
    if rpjmd is not None and rpjmd.pemda_id != pemda.pk:
        raise PermissionDenied
    errors = {}
    if start_year is None or not 2000 <= start_year <= 2100:
        errors["start_year"] = _("Tahun awal harus antara 2000 dan 2100.")
    if end_year is None or not 2000 <= end_year <= 2100:
        errors["end_year"] = _("Tahun akhir harus antara 2000 dan 2100.")
    if not errors and end_year < start_year:
        errors["end_year"] = _("Tahun akhir tidak boleh sebelum tahun awal.")
    if not errors and end_year - start_year > 9:
        errors["end_year"] = _("Periode RPJMD paling lama 10 tahun.")
    if not (name or "").strip():
        errors["name"] = _("Nama RPJMD wajib diisi.")
    if (
        not errors
        and Rpjmd.objects.filter(pemda=pemda, start_year=start_year).exclude(pk=getattr(rpjmd, "pk", None)).exists()
    ):
        errors["start_year"] = _("RPJMD %(pemda)s dengan tahun awal %(y)s sudah ada.") % {
            "pemda": pemda.short_name,
            "y": start_year,
        }
    if errors:
        raise ValidationError(errors)
    obj = rpjmd or Rpjmd(pemda=pemda)
    obj.name, obj.start_year, obj.end_year = name.strip(), start_year, end_year
    return _save(obj, user)


@transaction.atomic
def save_goal(*, user, rpjmd, goal=None, kind, parent=None, code, statement) -> RpjmdGoal:
    _check(user, rpjmd.pemda)
    errors = {}
    code, statement = (code or "").strip(), (statement or "").strip()
    if not code:
        errors["code"] = _("Kode wajib diisi.")
    if not statement:
        errors["statement"] = _("Pernyataan wajib diisi.")
    if kind == RpjmdGoal.Kind.SASARAN:
        if parent is None:
            errors["parent"] = _("Sasaran harus berada di bawah sebuah tujuan.")
        elif parent.rpjmd_id != rpjmd.pk or parent.kind != RpjmdGoal.Kind.TUJUAN:
            errors["parent"] = _("Pilih tujuan dari RPJMD ini.")
    elif kind == RpjmdGoal.Kind.TUJUAN:
        parent = None
    else:
        errors["kind"] = _("Pilih tujuan atau sasaran.")
    if goal is not None and goal.rpjmd_id != rpjmd.pk:
        raise PermissionDenied
    if goal is not None and goal.kind != kind and (goal.children.exists() or goal.ikus.exists()):
        errors["kind"] = _("Jenis tidak dapat diubah: masih ada sasaran atau IKU di bawahnya.")
    if code and RpjmdGoal.objects.filter(rpjmd=rpjmd, code=code).exclude(pk=getattr(goal, "pk", None)).exists():
        errors["code"] = _("Kode %(c)s sudah dipakai di RPJMD ini.") % {"c": code}
    if errors:
        raise ValidationError(errors)
    obj = goal or RpjmdGoal(rpjmd=rpjmd)
    obj.kind, obj.parent, obj.code, obj.statement = kind, parent, code, statement
    return _save(obj, user)


@transaction.atomic
def save_iku(
    *, user, goal, iku=None, code, name, satuan="", polarity="max", baseline=None, targets=None, realisasi=None
) -> PemdaIku:
    """An IKU Pemda of an RPJMD sasaran, its targets and its official realisasi {year: text or Decimal} for the
    RPJMD's years (blank = none that year). Numbers are parsed the Indonesian way; a bad one is refused at its
    field, nothing is saved."""
    rpjmd = goal.rpjmd
    _check(user, rpjmd.pemda)
    if iku is not None and iku.goal.rpjmd_id != rpjmd.pk:
        raise PermissionDenied
    errors = {}
    code, name = (code or "").strip(), (name or "").strip()
    if goal.kind != RpjmdGoal.Kind.SASARAN:
        errors["goal"] = _("IKU Pemda berada di bawah sebuah sasaran RPJMD.")
    if not code:
        errors["code"] = _("Kode wajib diisi.")
    elif PemdaIku.objects.filter(goal__rpjmd=rpjmd, code=code).exclude(pk=getattr(iku, "pk", None)).exists():
        errors["code"] = _("Kode %(c)s sudah dipakai di RPJMD ini.") % {"c": code}
    if not name:
        errors["name"] = _("Uraian indikator wajib diisi.")
    if polarity not in PemdaIku.Polarity.values:
        errors["polarity"] = _("Pilih polaritas.")
    parsed = {}
    for year in range(rpjmd.start_year, rpjmd.end_year + 1):
        values = []
        for key, label in (("target", _("Target %(y)s")), ("realisasi", _("Realisasi %(y)s"))):
            raw = ((targets if key == "target" else realisasi) or {}).get(year)
            try:
                values.append(parse_number(raw, label % {"y": year}, field=(PemdaTarget, "value"), allow_negative=True))
            except ValidationError as exc:
                errors[f"{key}_{year}"] = exc.messages
                values.append(None)
        parsed[year] = tuple(values)
    try:
        baseline = parse_number(baseline, _("Baseline"), field=(PemdaIku, "baseline"), allow_negative=True)
    except ValidationError as exc:
        errors["baseline"] = exc.messages
    if errors:
        raise ValidationError(errors)
    obj = iku or PemdaIku()
    obj.goal, obj.code, obj.name, obj.satuan = goal, code, name, (satuan or "").strip()
    obj.polarity, obj.baseline = polarity, baseline
    _save(obj, user)
    existing = {t.year: t for t in obj.targets.all()}
    for year, (value, real) in parsed.items():
        t = existing.get(year)
        if value is None and real is None:
            if t is not None:
                t._history_user = user
                t.delete()
        elif t is None or t.value != value or t.realisasi != real:
            t = t or PemdaTarget(iku=obj, year=year)
            t.value, t.realisasi = value, real
            _save(t, user)
    return obj


@transaction.atomic
def delete_goal(*, user, goal):
    _check(user, goal.rpjmd.pemda)
    if goal.children.exists() or goal.ikus.exists():
        raise ValidationError(_("Hapus dahulu sasaran dan IKU di bawahnya."))
    if Kinerja.objects.filter(rpjmd_goal=goal).exists():
        raise ValidationError(_("Masih ada kinerja Renstra OPD yang mengacu ke sini."))
    goal._history_user = user
    goal.delete()


@transaction.atomic
def delete_iku(*, user, iku):
    _check(user, iku.goal.rpjmd.pemda)
    if iku.opd_indicators.exists():
        raise ValidationError(
            _("IKU Pemda ini masih didukung %(n)s indikator OPD: lepaskan dahulu.") % {"n": iku.opd_indicators.count()}
        )
    iku._history_user = user
    iku.delete()


def candidate_indicators(iku):
    """The OPD IKU that may feed `iku`: IKU of the Pemda's OPDs whose Renstra overlaps the RPJMD period."""
    rpjmd = iku.goal.rpjmd
    return (
        Indicator.objects.filter(
            is_iku=True,
            opd__pemda_id=rpjmd.pemda_id,
            node__renstra__start_year__lte=rpjmd.end_year,
            node__renstra__end_year__gte=rpjmd.start_year,
        )
        .select_related("opd", "node", "node__renstra")
        .order_by("opd__name", "node__renstra__start_year", "order", "code", "pk")
    )


@transaction.atomic
def link_indicator(*, user, iku, indicator):
    """Record that an OPD IKU feeds this IKU Pemda (the indicator's "Mendukung IKU Pemda")."""
    _check(user, iku.goal.rpjmd.pemda)
    if not candidate_indicators(iku).filter(pk=indicator.pk).exists():
        raise ValidationError(
            {
                "indicator": _(
                    "Hanya IKU OPD %(pemda)s dengan Renstra dalam periode RPJMD ini yang dapat mendukung IKU Pemda."
                )
                % {"pemda": iku.goal.rpjmd.pemda.short_name}
            }
        )
    if indicator.iku_pemda_id not in (None, iku.pk):
        raise ValidationError(
            {
                "indicator": _("%(ind)s sudah mendukung IKU Pemda %(other)s: lepaskan dari sana dahulu.")
                % {"ind": indicator, "other": indicator.iku_pemda}
            }
        )
    indicator.iku_pemda = iku
    indicator._history_user = user
    indicator.save(update_fields=["iku_pemda", "updated_at"])
    return indicator


@transaction.atomic
def unlink_indicator(*, user, iku, indicator):
    _check(user, iku.goal.rpjmd.pemda)
    if indicator.iku_pemda_id != iku.pk:
        raise ValidationError(_("Indikator ini tidak mendukung IKU Pemda tersebut."))
    indicator.iku_pemda = None
    indicator._history_user = user
    indicator.save(update_fields=["iku_pemda", "updated_at"])
    return indicator
