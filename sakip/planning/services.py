"""Writes of the planning app. Keyword-only, atomic, permission-checked; bad input raises
ValidationError with Indonesian messages and nothing is half-saved."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import numbers
from sakip.core import permissions as P
from sakip.core import roles as R
from sakip.core.actors import person, require_actor
from sakip.core.formats import angka, tanggal
from sakip.documents import services as D
from sakip.organization.models import Assignment, Position, Unit, signer_title

from . import bands, printing
from .models import (
    LEVEL_FOR_POSITION_KIND,
    BudgetItem,
    CapaianBands,
    Crosscutting,
    IkuChange,
    Indicator,
    Kinerja,
    Nomenclature,
    Pagu,
    PerjanjianKinerja,
    PkBudget,
    PkItem,
    Renstra,
    Target,
    TargetRevision,
    configuration_errors,
)

# --- the realisasi hook (the Measurement app plugs in here) ---------------------------------------
_REALISASI_CHECKS: list[Callable] = []


def register_realisasi_check(callback: Callable) -> Callable:
    """Register `callback(indicator) -> bool`; usable as a decorator. Measurement registers one
    so that an indicator with realisasi cannot be deleted."""
    if callback not in _REALISASI_CHECKS:
        _REALISASI_CHECKS.append(callback)
    return callback


def unregister_realisasi_check(callback: Callable) -> None:
    if callback in _REALISASI_CHECKS:
        _REALISASI_CHECKS.remove(callback)


_REALISASI_VALUES: list[Callable] = []


def register_realisasi_values(callback: Callable) -> Callable:
    """Register `callback(indicator) -> [(label, Decimal)]`: the numeric realisasi recorded for an indicator,
    each with a label naming where it is ("TW I 2026, Bidang Rehabilitasi Sosial"). Measurement registers one so
    that switching the indicator's number rules (allow_negative off, whole numbers on) re-checks them."""
    if callback not in _REALISASI_VALUES:
        _REALISASI_VALUES.append(callback)
    return callback


def recorded_realisasi_values(indicator) -> list[tuple[str, Decimal]]:
    out = []
    for callback in list(_REALISASI_VALUES):
        out.extend(callback(indicator))
    return out


def _listing(labels, limit=5) -> str:
    """ "TW I 2026, TW II 2026 dan 3 lainnya" — a short list of the places a message names."""
    labels = list(dict.fromkeys(labels))
    if len(labels) <= limit:
        return "; ".join(labels)
    return _("%(l)s dan %(n)s lainnya") % {"l": "; ".join(labels[:limit]), "n": len(labels) - limit}


def indicator_has_realisasi(indicator) -> bool:
    """True when any registered callback says so, or any reverse relation named like "realisasi"
    (e.g. a Measurement model with ForeignKey(Indicator, related_name="realisasi")) has rows."""
    for callback in list(_REALISASI_CHECKS):
        if callback(indicator):
            return True
    for rel in indicator._meta.related_objects:
        accessor = rel.get_accessor_name() or ""
        names = {accessor, rel.name or "", rel.related_model._meta.model_name}
        if any("realisasi" in (n or "").lower() for n in names):
            manager = getattr(indicator, accessor, None)
            if manager is None:
                continue
            if rel.one_to_one:
                return True
            if manager.exists():
                return True
    return False


# --- parsing ----------------------------------------------------------------------------------------
def parse_number(
    value, field_label: str, *, allow_blank=True, field=None, allow_negative=False, whole=False, satuan=""
) -> Decimal | None:
    """ "6,5" / "6.5" / "1.234,5" / 6.5 → Decimal; blank → None; anything else → ValidationError.

    `field` = (Model, "name"): the number must fit that DecimalField's digits (sakip.core.numbers; without it
    the common 18 digits / 4 decimals), so nothing reaches the database that it cannot hold.
    Negative numbers only with `allow_negative` (an indicator that may be negative, docs/capaian.md §1);
    `whole`: the indicator's satuan counts things, a fraction is refused ("Satuan orang harus bilangan bulat")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_blank:
            return None
        raise ValidationError(_("%(f)s wajib diisi.") % {"f": field_label})
    if isinstance(value, bool):
        raise ValidationError(_("%(f)s harus berupa angka.") % {"f": field_label})
    if isinstance(value, (int, Decimal)):
        dec = Decimal(value)
    elif isinstance(value, float):
        dec = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")
        elif "," in text:
            text = text.replace(",", ".")
        elif text.count(".") > 1:  # 125.000.000: dots as thousands separators
            text = text.replace(".", "")
        try:
            dec = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_('%(f)s "%(v)s" bukan angka.') % {"f": field_label, "v": value}) from None
    if not dec.is_finite():
        raise ValidationError(_('%(f)s "%(v)s" bukan angka.') % {"f": field_label, "v": value})
    if dec < 0 and not allow_negative:
        raise ValidationError(_("%(f)s tidak boleh negatif.") % {"f": field_label})
    if whole and dec != dec.to_integral_value():
        raise ValidationError(whole_number_message(field_label, dec, satuan))
    if field is None:
        numbers.check_digits(dec, 18, 4)
    else:
        numbers.check_field(dec, *field)
    return dec


def whole_number_message(field_label, value, satuan="") -> str:
    shown = angka(value.normalize())
    if (satuan or "").strip():
        return _("Satuan %(s)s harus bilangan bulat (%(f)s: %(v)s).") % {
            "s": satuan.strip(),
            "f": field_label,
            "v": shown,
        }
    return _("%(f)s harus bilangan bulat (%(v)s).") % {"f": field_label, "v": shown}


def number_rules(indicator) -> dict:
    """The parse_number keywords of an indicator's values (negatives allowed? whole numbers?)."""
    return {
        "allow_negative": indicator.allow_negative,
        "whole": indicator.is_whole_number and not indicator.is_qualitative,
        "satuan": indicator.satuan,
    }


# --- permissions ------------------------------------------------------------------------------------
def _require_edit(user, obj):
    if not P.can_view_object(user, obj):
        raise PermissionDenied
    if not P.can_edit_object(user, obj):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data ini."))


def can_edit_node(user, node) -> bool:
    return P.can_edit_object(user, node)


def can_edit_indicator(user, indicator) -> bool:
    return P.can_write_scope(user, indicator.opd_id, indicator.node.unit)


def can_manage_opd(user, opd_id) -> bool:
    """OPD-wide planning data (Renstra, tujuan, sasaran strategis, PK signing): managers of the OPD."""
    return P.can_write_scope(user, opd_id, None)


# --- Renstra ----------------------------------------------------------------------------------------
@transaction.atomic
def create_renstra(
    *, user, opd, start_year: int, end_year: int, name: str = "Rencana Strategis", rpjmd=None, decree: str = ""
) -> Renstra:
    require_actor(user)
    if not can_manage_opd(user, opd.pk):
        raise PermissionDenied
    if Renstra.objects.filter(opd=opd, start_year__lte=end_year, end_year__gte=start_year).exists():
        raise ValidationError({"start_year": _("Periode ini tumpang tindih dengan Renstra lain OPD ini.")})
    renstra = Renstra(opd=opd, start_year=start_year, end_year=end_year, name=name, rpjmd=rpjmd, decree=decree)
    renstra.full_clean(exclude=["status"])
    renstra.save()
    return renstra


@transaction.atomic
def adopt_renstra(*, user, renstra: Renstra, on: date | None = None, decree: str = "") -> Renstra:
    require_actor(user)
    if not can_manage_opd(user, renstra.opd_id):
        raise PermissionDenied
    if renstra.status != Renstra.Status.DRAFT:
        raise ValidationError(_("Renstra ini sudah ditetapkan."))
    renstra.adopt()
    renstra.adopted_on = on or date.today()
    if decree:
        renstra.decree = decree
    renstra.save()
    return renstra


def renstra_for(opd, year) -> Renstra | None:
    return Renstra.objects.filter(opd=opd, start_year__lte=year, end_year__gte=year).order_by("-start_year").first()


# --- cascade nodes --------------------------------------------------------------------------------
def _would_cycle(node: Kinerja, parent: Kinerja | None) -> bool:
    seen = set()
    current = parent
    while current is not None:
        if node.pk and current.pk == node.pk:
            return True
        if current.pk in seen:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


def _validate_node(node: Kinerja):
    errors = {}
    renstra = node.renstra
    if node.position.opd_id != renstra.opd_id:
        errors["position"] = _("Jabatan pemilik harus jabatan di OPD Renstra ini.")
    allowed = LEVEL_FOR_POSITION_KIND.get(node.position.kind, ())
    if node.level not in allowed:
        errors["position"] = _('Jabatan %(p)s (%(k)s) tidak memiliki kinerja tingkat "%(l)s".') % {
            "p": node.position,
            "k": node.position.get_kind_display(),
            "l": node.get_level_display(),
        }
    if node.year is not None and not renstra.covers(node.year):
        errors["year"] = _("Tahun %(y)s di luar periode Renstra %(a)s–%(b)s.") % {
            "y": node.year,
            "a": renstra.start_year,
            "b": renstra.end_year,
        }
    parent = node.parent
    if node.level >= Kinerja.Level.PROGRAM and parent is None:
        errors["parent"] = _("Kinerja tingkat ini harus diturunkan dari kinerja atasan.")
    if parent is not None:
        if parent.renstra_id != node.renstra_id:
            errors["parent"] = _("Kinerja atasan harus dari Renstra yang sama.")
        elif node.pk and _would_cycle(node, parent):
            errors["parent"] = _("Pilihan kinerja atasan membentuk lingkaran pada pohon kinerja.")
        elif parent.level >= node.level:
            errors["parent"] = _("Kinerja atasan harus berada satu jenjang di atas (tingkat %(l)s).") % {
                "l": node.level - 1
            }
        elif parent.year is not None and node.year != parent.year:
            errors["year"] = _("Kinerja turunan dari kinerja tahun %(y)s harus untuk tahun yang sama.") % {
                "y": parent.year
            }
    if node.parent_indicator_id is not None:
        if parent is None or node.parent_indicator.node_id != parent.pk:
            errors["parent_indicator"] = _("Indikator yang didukung harus indikator kinerja atasan.")
    if errors:
        raise ValidationError(errors)


NODE_FIELDS = ("parent", "parent_indicator", "level", "position", "code", "statement", "year", "rpjmd_goal", "order")


@transaction.atomic
def create_node(
    *,
    user,
    renstra: Renstra,
    level: int,
    position: Position,
    statement: str,
    parent: Kinerja | None = None,
    parent_indicator: Indicator | None = None,
    code: str = "",
    year: int | None = None,
    rpjmd_goal=None,
    order: int = 0,
) -> Kinerja:
    require_actor(user)
    node = Kinerja(
        renstra=renstra,
        level=level,
        position=position,
        statement=(statement or "").strip(),
        parent=parent,
        parent_indicator=parent_indicator,
        code=code,
        year=year,
        rpjmd_goal=rpjmd_goal,
        order=order,
        opd_id=renstra.opd_id,
        unit_id=position.unit_id,
    )
    if not node.statement:
        raise ValidationError({"statement": _("Pernyataan kinerja wajib diisi.")})
    _validate_node(node)
    _require_edit(user, node)
    node.save()
    return node


@transaction.atomic
def update_node(*, user, node: Kinerja, **changes) -> Kinerja:
    require_actor(user)
    _require_edit(user, node)
    node = Kinerja.objects.select_for_update().get(pk=node.pk)
    for key, value in changes.items():
        if key not in NODE_FIELDS:
            raise ValueError(key)
        setattr(node, key, value)
    node.unit_id = node.position.unit_id
    _validate_node(node)
    _require_edit(user, node)  # the new owner must stay in the user's scope
    node.save()
    return node


@transaction.atomic
def delete_node(*, user, node: Kinerja) -> None:
    require_actor(user)
    _require_edit(user, node)
    if node.children.exists():
        raise ValidationError(
            _('"%(n)s" masih memiliki kinerja turunan; hapus atau pindahkan dulu turunannya.') % {"n": node.statement}
        )
    for indicator in node.indicators.all():
        delete_indicator(user=user, indicator=indicator)
    node.delete()


# --- indicators -------------------------------------------------------------------------------------
INDICATOR_FIELDS = (
    "code",
    "name",
    "satuan",
    "definition",
    "formula",
    "data_source",
    "pj_unit",
    "pj_position",
    "polarity",
    "aggregation",
    "cumulative_targets",
    "allow_negative",
    "whole_number",
    "baseline",
    "baseline_year",
    "standard",
    "standard_source",
    "precision",
    "is_iku",
    "iku_pemda",
    "predicate_scale",
    "order",
)
IKU_TRACKED = ("name", "satuan", "formula", "polarity", "is_iku")


def _validate_indicator(ind: Indicator, *, before: tuple | None = None):
    """`before` = (allow_negative, is_whole_number) as stored: a switch of either re-checks the realisasi."""
    errors = {}
    if not (ind.name or "").strip():
        errors["name"] = _("Uraian indikator wajib diisi.")
    if ind.is_iku and ind.node.level > Kinerja.Level.SASARAN:
        errors["is_iku"] = _("IKU hanya pada tingkat tujuan/sasaran strategis (Kepala OPD).")
    if ind.pj_unit_id and ind.pj_unit.opd_id != ind.node.opd_id:
        errors["pj_unit"] = _("Unit penanggung jawab harus unit OPD ini.")
    if ind.pj_position_id and ind.pj_position.opd_id != ind.node.opd_id:
        errors["pj_position"] = _("Jabatan penanggung jawab harus jabatan OPD ini.")
    if ind.precision is not None and ind.precision > 4:
        errors["precision"] = _("Presisi paling banyak 4 angka desimal.")
    # docs/capaian.md, "Konfigurasi indikator": the aggregation must fit the indicator, and the targets and
    # realisasi already recorded must fit its number rules.
    errors.update(
        configuration_errors(
            polarity=ind.polarity, aggregation=ind.aggregation, qualitative=ind.predicate_scale_id is not None
        )
    )
    if ind.pk:
        errors.update(_recorded_values_errors(ind, before=before))
    if errors:
        raise ValidationError(errors)


def _recorded_values_errors(ind: Indicator, *, before: tuple | None = None) -> dict:
    """A configuration change that the indicator's recorded targets/realisasi contradict (range on binary,
    negative values without allow_negative, fractions on a whole-number satuan) → {field: message}.

    The realisasi come from the hook measurement registers (`register_realisasi_values`), each naming its
    period and unit, so the message says which rows to correct first (docs/capaian.md, "Konfigurasi indikator")."""
    errors = {}
    targets = list(Target.objects.filter(indicator_id=ind.pk))
    if ind.polarity == Indicator.Polarity.BINARY and any(
        t.value_max is not None or any(q is not None for q in t.quarters_max) for t in targets
    ):
        errors["polarity"] = _(
            "Indikator ini sudah memiliki target rentang (batas atas); indikator biner tidak memakai target "
            "rentang. Kosongkan dulu batas atasnya."
        )
    numbers_of = [(t.year, getattr(t, f)) for t in targets for f in Target.NUMBER_FIELDS]
    numbers_of = [(y, v) for y, v in numbers_of if v is not None and v.is_finite()]
    checks_negative = not ind.allow_negative
    checks_whole = ind.is_whole_number and not ind.is_qualitative
    # The realisasi are re-checked when the rule switches (allow_negative off, whole numbers on): a value the old
    # rule let through would be refused on its next save and be printed against a rule it breaks.
    was_negative, was_whole = before if before is not None else (True, False)
    realisasi = []
    if (checks_negative and was_negative) or (checks_whole and not was_whole):
        realisasi = [(label, v) for label, v in recorded_realisasi_values(ind) if v is not None and v.is_finite()]
    if checks_negative:
        messages = []
        years = sorted({y for y, v in numbers_of if v < 0})
        if years:
            messages.append(
                _("Target tahun %(y)s bernilai negatif: indikator ini harus tetap ditandai dapat bernilai negatif.")
                % {"y": ", ".join(str(y) for y in years)}
            )
        rows = [label for label, v in realisasi if v < 0]
        if rows:
            messages.append(
                _(
                    "Realisasi %(r)s bernilai negatif: indikator ini harus tetap ditandai dapat bernilai negatif, "
                    "atau perbaiki dulu realisasinya."
                )
                % {"r": _listing(rows)}
            )
        if messages:
            errors["allow_negative"] = messages
    if checks_whole:
        messages = []
        who = (_("satuan %(s)s") % {"s": ind.satuan.strip()}) if (ind.satuan or "").strip() else _("indikator ini")
        years = sorted({y for y, v in numbers_of if v != v.to_integral_value()})
        if years:
            messages.append(
                _(
                    "Target tahun %(y)s berisi pecahan, padahal %(s)s harus bilangan bulat: "
                    'perbaiki targetnya atau pilih "boleh desimal".'
                )
                % {"y": ", ".join(str(y) for y in years), "s": who}
            )
        rows = [f"{label} ({angka(v.normalize())})" for label, v in realisasi if v != v.to_integral_value()]
        if rows:
            messages.append(
                _(
                    "Realisasi %(r)s berisi pecahan, padahal %(s)s harus bilangan bulat: "
                    'perbaiki dulu realisasinya atau pilih "boleh desimal".'
                )
                % {"r": _listing(rows), "s": who}
            )
        if messages:
            errors["whole_number"] = messages
    return errors


def _coerce_indicator_values(values: dict, indicator: Indicator | None = None) -> dict:
    out = dict(values)
    if "baseline" in out:
        allow_negative = bool(out.get("allow_negative", indicator.allow_negative if indicator else False))
        try:
            out["baseline"] = parse_number(
                out["baseline"], _("Baseline"), field=(Indicator, "baseline"), allow_negative=allow_negative
            )
        except ValidationError as exc:
            raise ValidationError({"baseline": exc.messages}) from None
    if out.get("polarity") and out["polarity"] not in Indicator.Polarity.values:
        raise ValidationError({"polarity": _("Polaritas tidak dikenal: %(v)s.") % {"v": out["polarity"]}})
    if out.get("aggregation") and out["aggregation"] not in Indicator.Aggregation.values:
        raise ValidationError({"aggregation": _("Agregasi tidak dikenal: %(v)s.") % {"v": out["aggregation"]}})
    return out


@transaction.atomic
def create_indicator(*, user, node: Kinerja, name: str, **values) -> Indicator:
    require_actor(user)
    values = _coerce_indicator_values(values)
    unknown = set(values) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(", ".join(sorted(unknown)))
    ind = Indicator(node=node, opd_id=node.opd_id, name=(name or "").strip(), **values)
    if not ind.pj_unit_id and not ind.pj_position_id:
        ind.pj_position = node.position
        ind.pj_unit_id = node.unit_id
    _validate_indicator(ind)
    if not can_edit_indicator(user, ind):
        raise PermissionDenied(_("Anda hanya dapat menambah indikator pada kinerja unit Anda."))
    ind.save()
    renstra = node.renstra
    if ind.is_iku and renstra.status == Renstra.Status.DITETAPKAN:
        IkuChange.objects.create(
            renstra=renstra,
            indicator=ind,
            indicator_label=ind.name,
            field="is_iku",
            old_value="",
            new_value="IKU baru",
            reason=values.get("change_reason", ""),
            changed_on=date.today(),
        )
    return ind


@transaction.atomic
def update_indicator(*, user, indicator: Indicator, change_reason: str = "", **values) -> Indicator:
    require_actor(user)
    if not can_edit_indicator(user, indicator):
        raise PermissionDenied(_("Anda hanya dapat mengubah indikator unit Anda."))
    values = _coerce_indicator_values(values, indicator)
    ind = Indicator.objects.select_for_update(of=("self",)).select_related("node__renstra").get(pk=indicator.pk)
    before = {f: getattr(ind, f) for f in IKU_TRACKED}
    rules_before = (ind.allow_negative, ind.is_whole_number and not ind.is_qualitative)
    for key, value in values.items():
        if key not in INDICATOR_FIELDS:
            raise ValueError(key)
        setattr(ind, key, value)
    _validate_indicator(ind, before=rules_before)
    ind.save()
    renstra = ind.node.renstra
    if renstra.status == Renstra.Status.DITETAPKAN and (before["is_iku"] or ind.is_iku):
        for f in IKU_TRACKED:
            old, new = before[f], getattr(ind, f)
            if old != new:
                show = (lambda v: "IKU" if v else "bukan IKU") if f == "is_iku" else str
                IkuChange.objects.create(
                    renstra=renstra,
                    indicator=ind,
                    indicator_label=ind.name,
                    field=f,
                    old_value=show(old),
                    new_value=show(new),
                    reason=change_reason,
                    changed_on=date.today(),
                )
    return ind


@transaction.atomic
def delete_indicator(*, user, indicator: Indicator, change_reason: str = "") -> None:
    require_actor(user)
    if not can_edit_indicator(user, indicator):
        raise PermissionDenied(_("Anda hanya dapat menghapus indikator unit Anda."))
    if indicator_has_realisasi(indicator):
        raise ValidationError(
            _(
                'Indikator "%(n)s" tidak dapat dihapus karena sudah memiliki realisasi. Nonaktifkan '
                "melalui PK Perubahan atau ubah targetnya."
            )
            % {"n": indicator.name}
        )
    if indicator.pk_items.exists():
        raise ValidationError(
            _('Indikator "%(n)s" sudah tercantum dalam Perjanjian Kinerja; ubah melalui PK Perubahan.')
            % {"n": indicator.name}
        )
    if indicator.derived_nodes.exists():
        raise ValidationError(
            _('Indikator "%(n)s" masih didukung oleh kinerja turunan; pindahkan dulu turunannya.')
            % {"n": indicator.name}
        )
    renstra = indicator.node.renstra
    if indicator.is_iku and renstra.status == Renstra.Status.DITETAPKAN:
        IkuChange.objects.create(
            renstra=renstra,
            indicator=None,
            indicator_label=indicator.name,
            field="deleted",
            old_value="IKU",
            new_value="dihapus",
            reason=change_reason,
            changed_on=date.today(),
        )
    indicator.delete()


# --- targets ---------------------------------------------------------------------------------------
def _target_years(indicator: Indicator) -> list[int]:
    node = indicator.node
    if node.year is not None:
        return [node.year]
    return node.renstra.years


QUARTER_NAMES = ("I", "II", "III", "IV")


def _validated_target(indicator: Indicator, year, value, value_max, value_text, quarters, quarters_max=None):
    """Parse and check one year's target values; returns (year, parsed, value_text, quarters, quarters_max)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _('Tahun "%(y)s" bukan tahun yang sah.') % {"y": year}}) from None
    years = _target_years(indicator)
    if year not in years:
        raise ValidationError(
            {
                "year": _("Tahun %(y)s di luar periode target indikator ini (%(a)s–%(b)s).")
                % {"y": year, "a": years[0], "b": years[-1]}
            }
        )
    errors = {}
    parsed = {}
    rules = number_rules(indicator)
    for key, raw, label in (("value", value, _("Target")), ("value_max", value_max, _("Batas atas"))):
        try:
            parsed[key] = parse_number(raw, f"{label} {year}", field=(Target, key), **rules)
        except ValidationError as exc:
            errors[key] = exc.messages

    def per_quarter(values, label, suffix):
        out = list(values) if values is not None else None
        if out is None:
            return None
        if len(out) != 4:
            raise ValueError("quarters must have 4 items")
        for i, raw in enumerate(out):
            try:
                out[i] = parse_number(
                    raw, f"{label} TW {QUARTER_NAMES[i]} {year}", field=(Target, f"q{i + 1}{suffix}"), **rules
                )
            except ValidationError as exc:
                errors[f"q{i + 1}{suffix}"] = exc.messages
        return out

    q_values = per_quarter(quarters, _("Target"), "")
    q_max = per_quarter(quarters_max, _("Batas atas"), "_max")
    if errors:
        raise ValidationError(errors)
    value_text = (value_text or "").strip()
    if indicator.is_qualitative:
        if not value_text and parsed["value"] is not None:
            raise ValidationError(
                {
                    "value_text": _("Indikator kualitatif memakai target berupa predikat dari skala %(s)s.")
                    % {"s": indicator.predicate_scale}
                }
            )
        if value_text and indicator.predicate_scale.score_of(value_text) is None:
            labels = ", ".join(lv.label for lv in indicator.predicate_scale.levels.all())
            raise ValidationError(
                {
                    "value_text": _('Predikat "%(v)s" tidak ada dalam skala %(s)s (%(l)s).')
                    % {"v": value_text, "s": indicator.predicate_scale, "l": labels}
                }
            )
    elif value_text:
        raise ValidationError({"value_text": _("Target kualitatif hanya untuk indikator yang memakai skala predikat.")})
    # docs/capaian.md §1: a range target [T, Tmax] on max/min indicators (PermenPAN-RB 8/2021); stabil needs one.
    if indicator.polarity == Indicator.Polarity.STABIL and parsed["value"] is not None and parsed["value_max"] is None:
        raise ValidationError({"value_max": _("Indikator stabil memerlukan batas atas target.")})
    if parsed["value_max"] is not None:
        if indicator.polarity == Indicator.Polarity.BINARY:
            raise ValidationError({"value_max": _("Indikator biner tidak memakai target rentang.")})
        if parsed["value"] is None:
            raise ValidationError({"value_max": _("Isi batas bawah target sebelum batas atas.")})
        if parsed["value_max"] < parsed["value"]:
            raise ValidationError({"value_max": _("Batas atas lebih kecil dari batas bawah.")})
    return year, parsed, value_text, q_values, q_max


def _check_quarter_bounds(indicator: Indicator, target: Target) -> None:
    """Per-quarter upper bounds of a range target (docs/capaian.md §3): only on a year whose target is a range,
    each at or above its quarter's target, for every quarter that has a target or for none; cumulative TW IV
    bound = the annual one. Errors at the quarter's field."""
    q, q_max = target.quarters, target.quarters_max
    if all(m is None for m in q_max):
        return
    errors = {}
    if indicator.polarity == Indicator.Polarity.BINARY or indicator.is_qualitative:
        raise ValidationError(
            {f"q{i + 1}_max": _("Indikator ini tidak memakai target rentang.") for i, m in enumerate(q_max) if m}
        )
    if target.value_max is None:
        first = next(i for i, m in enumerate(q_max) if m is not None)
        raise ValidationError(
            {
                f"q{first + 1}_max": _(
                    "Batas atas triwulan hanya untuk target rentang: isi dulu batas atas target tahunan %(y)s."
                )
                % {"y": target.year}
            }
        )
    for i, (t, m) in enumerate(zip(q, q_max, strict=True)):
        tw = QUARTER_NAMES[i]
        if m is not None and t is None:
            errors[f"q{i + 1}_max"] = _("Isi target TW %(q)s sebelum batas atasnya.") % {"q": tw}
        elif m is not None and m < t:
            errors[f"q{i + 1}_max"] = _("Batas atas TW %(q)s (%(m)s) lebih kecil dari target TW %(q)s (%(t)s).") % {
                "q": tw,
                "m": angka(m.normalize()),
                "t": angka(t.normalize()),
            }
        elif m is None and t is not None:
            errors[f"q{i + 1}_max"] = _(
                "Isi batas atas TW %(q)s juga: batas atas triwulan diisi untuk semua triwulan yang bertarget "
                "atau dikosongkan semuanya."
            ) % {"q": tw}
    if (
        not errors
        and indicator.cumulative_targets
        and q_max[3] is not None
        and target.value_max is not None
        and q_max[3] != target.value_max
    ):
        errors["q4_max"] = _("Batas atas TW IV kumulatif harus sama dengan batas atas tahunan (%(v)s).") % {
            "v": angka(target.value_max.normalize())
        }
    if errors:
        raise ValidationError(errors)


def target_is_frozen(target: Target | None, indicator: Indicator) -> bool:
    """An annual target of an adopted Renstra that has a value changes only through a TargetRevision."""
    if target is None or (target.value is None and not target.value_text):
        return False
    return indicator.node.renstra.status == Renstra.Status.DITETAPKAN


@transaction.atomic
def set_target(
    *,
    user,
    indicator: Indicator,
    year,
    value=None,
    value_max=None,
    value_text: str = "",
    quarters=None,
    quarters_max=None,
) -> Target:
    """Set the target of one year (and optionally TW I–IV, and their upper bounds for a range target). Strings
    may use a decimal comma; `quarters`/`quarters_max` None keeps what is stored.

    Once the Renstra is adopted, a target that has a value keeps it: a change goes through
    `propose_target_revision` (reason, Tim SAKIP) and `decide_target_revision` (the head). The quarterly
    targets (rencana aksi) stay editable."""
    require_actor(user)
    if not can_edit_indicator(user, indicator):
        raise PermissionDenied(_("Anda hanya dapat mengubah target indikator unit Anda."))
    year, parsed, value_text, q_values, q_max = _validated_target(
        indicator, year, value, value_max, value_text, quarters, quarters_max
    )
    target = Target.objects.select_for_update().filter(indicator=indicator, year=year).first()
    if target_is_frozen(target, indicator) and (target.value, target.value_max, target.value_text) != (
        parsed["value"],
        parsed["value_max"],
        value_text,
    ):
        raise ValidationError(
            {
                "value": _(
                    "Renstra sudah ditetapkan: target %(y)s hanya dapat diubah melalui usulan revisi target "
                    "(dengan alasan, oleh Tim SAKIP) yang disetujui Kepala OPD."
                )
                % {"y": year}
            }
        )
    if target is None:
        target = Target.objects.create(indicator=indicator, year=year)
    target.value, target.value_max, target.value_text = parsed["value"], parsed["value_max"], value_text
    if q_values is not None:
        target.q1, target.q2, target.q3, target.q4 = q_values
        if (
            indicator.cumulative_targets
            and target.value is not None
            and q_values[3] is not None
            and q_values[3] != target.value
        ):
            raise ValidationError(
                {
                    "q4": _("Target TW IV kumulatif harus sama dengan target tahunan (%(v)s).")
                    % {"v": angka(target.value)}
                }
            )
    if q_max is not None:
        target.q1_max, target.q2_max, target.q3_max, target.q4_max = q_max
    _check_quarter_bounds(indicator, target)
    target.save()
    return target


@transaction.atomic
def set_quarters(*, user, indicator: Indicator, year: int, quarters, quarters_max=None) -> Target:
    """Rencana aksi: the quarterly targets of a year (and, for a range target, their upper bounds; None keeps
    what is stored), keeping the annual target."""
    require_actor(user)
    target = Target.objects.filter(indicator=indicator, year=year).first()
    if target is None:
        raise ValidationError(_("Tetapkan dulu target tahunan %(y)s untuk indikator ini.") % {"y": year})
    return set_target(
        user=user,
        indicator=indicator,
        year=year,
        value=target.value,
        value_max=target.value_max,
        value_text=target.value_text,
        quarters=quarters,
        quarters_max=quarters_max,
    )


# --- revisions of adopted targets -----------------------------------------------------------------------
def can_propose_target_revision(user, indicator: Indicator) -> bool:
    """The Tim SAKIP of the OPD (or an administrator) proposes a change of an adopted target."""
    if P.is_admin(user):
        return True
    return (
        getattr(user, "is_authenticated", False) and user.opd_id == indicator.opd_id and R.TIM_SAKIP in user.role_names
    )


def can_decide_target_revision(user, indicator: Indicator) -> bool:
    """The head of the OPD (Kepala OPD) approves or rejects it."""
    if P.is_admin(user):
        return True
    return (
        getattr(user, "is_authenticated", False) and user.opd_id == indicator.opd_id and R.KEPALA_OPD in user.role_names
    )


def _revision_bounds_error(indicator: Indicator, target: Target, value, value_max) -> ValidationError | None:
    """A revision of the annual target must leave the quarters' upper bounds valid (docs/capaian.md §3): removing
    the annual range while TW I–IV bounds are recorded, or a cumulative TW IV bound that no longer equals the new
    annual one, is refused with what to do first."""
    if all(m is None for m in target.quarters_max):
        return None
    if value_max is None:
        return ValidationError(
            {
                "value_max": _(
                    "Revisi ini menghapus rentang target %(y)s, padahal batas atas triwulan (TW I–IV) masih terisi. "
                    "Kosongkan dulu batas atas triwulan pada tabel target (rencana aksi), atau pertahankan batas atas "
                    "tahunan."
                )
                % {"y": target.year}
            }
        )
    trial = Target(
        indicator=indicator,
        year=target.year,
        value=value,
        value_max=value_max,
        **{f"q{i}": getattr(target, f"q{i}") for i in range(1, 5)},
        **{f"q{i}_max": getattr(target, f"q{i}_max") for i in range(1, 5)},
    )
    try:
        _check_quarter_bounds(indicator, trial)
    except ValidationError as exc:
        return ValidationError(
            {
                "value_max": [
                    _(
                        "Batas atas triwulan %(y)s tidak cocok lagi dengan target baru: %(m)s "
                        "Sesuaikan dulu pada tabel target."
                    )
                    % {"y": target.year, "m": " ".join(exc.messages)}
                ]
            }
        )
    return None


@transaction.atomic
def propose_target_revision(
    *, user, indicator: Indicator, year, reason: str, value=None, value_max=None, value_text: str = ""
) -> TargetRevision:
    require_actor(user)
    if not P.can_view_object(user, indicator):
        raise PermissionDenied
    if not can_propose_target_revision(user, indicator):
        raise PermissionDenied(_("Hanya Tim SAKIP OPD ini yang dapat mengusulkan revisi target."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan revisi target wajib diisi.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Alasan revisi paling banyak 2000 karakter.")})
    year, parsed, value_text, _q, _qm = _validated_target(indicator, year, value, value_max, value_text, None)
    target = Target.objects.select_for_update().filter(indicator=indicator, year=year).first()
    if not target_is_frozen(target, indicator):
        raise ValidationError(
            _("Target %(y)s belum terkunci oleh penetapan Renstra; ubah langsung pada tabel target.") % {"y": year}
        )
    if (target.value, target.value_max, target.value_text) == (parsed["value"], parsed["value_max"], value_text):
        raise ValidationError({"value": _("Target baru sama dengan target yang berlaku.")})
    if target.revisions.filter(state=TargetRevision.State.DIAJUKAN).exists():
        raise ValidationError(_("Masih ada usulan revisi target %(y)s yang menunggu keputusan Kepala.") % {"y": year})
    bounds_error = _revision_bounds_error(indicator, target, parsed["value"], parsed["value_max"])
    if bounds_error is not None:
        raise bounds_error
    return TargetRevision.objects.create(
        target=target,
        old_value=target.value,
        old_value_max=target.value_max,
        old_value_text=target.value_text,
        new_value=parsed["value"],
        new_value_max=parsed["value_max"],
        new_value_text=value_text,
        reason=reason,
        proposed_by=person(user),
        proposed_at=timezone.now(),
    )


@transaction.atomic
def decide_target_revision(*, user, revision: TargetRevision, approve: bool, note: str = "") -> TargetRevision:
    """Approve (the target takes the new values; its history records the revision's reason) or reject."""
    require_actor(user)
    revision = TargetRevision.objects.select_for_update().select_related("target__indicator__node").get(pk=revision.pk)
    indicator = revision.target.indicator
    if not P.can_view_object(user, indicator):
        raise PermissionDenied
    if not can_decide_target_revision(user, indicator):
        raise PermissionDenied(_("Hanya Kepala OPD yang dapat memutuskan revisi target."))
    if revision.state != TargetRevision.State.DIAJUKAN:
        raise ValidationError(_("Usulan revisi ini sudah diputuskan."))
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    revision.decided_by = person(user)
    revision.decided_at = timezone.now()
    revision.decision_note = note[:2000]
    if approve:
        target = Target.objects.select_for_update().get(pk=revision.target_id)
        if (target.value, target.value_max, target.value_text) != (
            revision.old_value,
            revision.old_value_max,
            revision.old_value_text,
        ):
            raise ValidationError(_("Target sudah berubah sejak usulan ini dibuat; buat usulan baru."))
        # the quarters' upper bounds may have been entered after the proposal (docs/capaian.md §3)
        bounds_error = _revision_bounds_error(indicator, target, revision.new_value, revision.new_value_max)
        if bounds_error is not None:
            raise ValidationError(bounds_error.messages)
        target.value, target.value_max, target.value_text = (
            revision.new_value,
            revision.new_value_max,
            revision.new_value_text,
        )
        target._change_reason = _("Revisi target disetujui: %(r)s") % {"r": revision.reason}
        target.save()
        revision.approve()
    else:
        revision.reject()
    revision.save()
    return revision


# --- crosscutting -----------------------------------------------------------------------------------
@transaction.atomic
def add_crosscutting(
    *, user, indicator: Indicator, unit: Unit, role: str = Crosscutting.Role.KONTRIBUTOR, description: str = ""
) -> Crosscutting:
    require_actor(user)
    if not can_edit_indicator(user, indicator):
        raise PermissionDenied
    if unit.opd.pemda_id != indicator.opd.pemda_id:
        raise ValidationError({"unit": _("Unit kontributor harus dalam Pemda yang sama.")})
    if indicator.node.unit_id == unit.pk:
        raise ValidationError({"unit": _("Unit pemilik indikator tidak perlu dicatat sebagai crosscutting.")})
    if role not in Crosscutting.Role.values:
        raise ValidationError({"role": _("Peran tidak dikenal.")})
    if Crosscutting.objects.filter(indicator=indicator, unit=unit).exists():
        raise ValidationError({"unit": _("Unit ini sudah tercatat pada indikator tersebut.")})
    return Crosscutting.objects.create(indicator=indicator, unit=unit, role=role, description=description)


@transaction.atomic
def remove_crosscutting(*, user, link: Crosscutting) -> None:
    require_actor(user)
    if not can_edit_indicator(user, link.indicator):
        raise PermissionDenied
    link.delete()


# --- program / kegiatan / sub kegiatan --------------------------------------------------------------
@transaction.atomic
def add_budget_item(
    *,
    user,
    renstra: Renstra,
    code: str,
    unit: Unit | None = None,
    kinerja: Kinerja | None = None,
    pagu: dict | None = None,
) -> BudgetItem:
    require_actor(user)
    nomen = Nomenclature.objects.filter(code=(code or "").strip()).first()
    if nomen is None:
        raise ValidationError({"code": _("Kode %(k)s tidak ada dalam nomenklatur Permendagri 90/2019.") % {"k": code}})
    if nomen.level not in (Nomenclature.Level.PROGRAM, Nomenclature.Level.KEGIATAN, Nomenclature.Level.SUB_KEGIATAN):
        raise ValidationError({"code": _("Kode %(k)s bukan program, kegiatan atau sub kegiatan.") % {"k": code}})
    if unit is not None and unit.opd_id != renstra.opd_id:
        raise ValidationError({"unit": _("Unit penanggung jawab harus unit OPD ini.")})
    parent = None
    if nomen.parent_id and nomen.level != Nomenclature.Level.PROGRAM:
        parent = BudgetItem.objects.filter(renstra=renstra, nomenclature_id=nomen.parent_id).first()
        if parent is None:
            raise ValidationError({"code": _("Tambahkan dulu induknya (%(p)s).") % {"p": nomen.parent.code}})
    item = BudgetItem(
        renstra=renstra,
        nomenclature=nomen,
        parent=parent,
        unit=unit,
        kinerja=kinerja,
        opd_id=renstra.opd_id,
        level=nomen.level,
    )
    if not P.can_write_scope(user, renstra.opd_id, unit):
        raise PermissionDenied
    existing = BudgetItem.objects.filter(renstra=renstra, nomenclature=nomen).first()
    if existing:
        existing.unit, existing.kinerja, existing.parent = unit, kinerja, parent
        existing.save()
        item = existing
    else:
        item.save()
    for year, amount in (pagu or {}).items():
        set_pagu(user=user, item=item, year=year, amount=amount)
    return item


@transaction.atomic
def set_pagu(*, user, item: BudgetItem, year: int, amount) -> Pagu:
    require_actor(user)
    if not P.can_write_scope(user, item.opd_id, item.unit):
        raise PermissionDenied
    if not item.renstra.covers(int(year)):
        raise ValidationError({"year": _("Tahun %(y)s di luar periode Renstra.") % {"y": year}})
    value = parse_number(amount, _("Pagu"), allow_blank=False, field=(Pagu, "amount"))
    existing = Pagu.objects.filter(item=item, year=int(year)).first()
    if existing is not None and existing.has_kas and sum(existing.kas) != value:
        raise ValidationError(
            {
                "amount": _(
                    "Anggaran kas TW I–IV %(y)s berjumlah Rp %(k)s; ubah pagu bersama anggaran kasnya "
                    "(halaman Anggaran kas program ini)."
                )
                % {"y": year, "k": angka(sum(existing.kas), 0)}
            }
        )
    pagu, _c = Pagu.objects.update_or_create(item=item, year=int(year), defaults={"amount": value})
    return pagu


KAS_LABELS = ("TW I", "TW II", "TW III", "TW IV")


@transaction.atomic
def set_anggaran_kas(*, user, item: BudgetItem, year: int, amount, quarters) -> Pagu:
    """The pagu of a programme for a year with its anggaran kas (rencana penarikan dana) per quarter.

    All four quarters or none (none clears the anggaran kas); each not negative; together equal to
    the pagu (docs/rules.md §1). Errors are keyed by field: amount, kas_tw1…kas_tw4."""
    require_actor(user)
    if not P.can_write_scope(user, item.opd_id, item.unit):
        raise PermissionDenied
    year = int(year)
    if not item.renstra.covers(year):
        raise ValidationError({"year": _("Tahun %(y)s di luar periode Renstra.") % {"y": year}})
    if item.level != "program":
        raise ValidationError(_("Anggaran kas dicatat per program, bukan per kegiatan/sub kegiatan."))
    errors = {}
    try:
        value = parse_number(amount, _("Pagu"), allow_blank=False, field=(Pagu, "amount"))
    except ValidationError as exc:
        errors["amount"] = exc.messages
        value = None
    quarters = list(quarters)[:4]
    quarters += [None] * (4 - len(quarters))
    kas = []
    for i, raw in enumerate(quarters, start=1):
        try:
            kas.append(
                parse_number(raw, _("Anggaran kas %(tw)s") % {"tw": KAS_LABELS[i - 1]}, field=(Pagu, f"kas_tw{i}"))
            )
        except ValidationError as exc:
            errors[f"kas_tw{i}"] = exc.messages
            kas.append(None)
    if not errors:
        filled = [v is not None for v in kas]
        if any(filled) and not all(filled):
            for i, ok in enumerate(filled, start=1):
                if not ok:
                    errors[f"kas_tw{i}"] = [_("Isi anggaran kas keempat triwulan (boleh 0), atau kosongkan semuanya.")]
        elif all(filled) and sum(kas) != value:
            errors["__all__"] = [
                _("Jumlah anggaran kas TW I–IV (Rp %(k)s) harus sama dengan pagu (Rp %(p)s).")
                % {"k": angka(sum(kas), 0), "p": angka(value, 0)}
            ]
    if errors:
        raise ValidationError(errors)
    pagu, _c = Pagu.objects.update_or_create(
        item=item,
        year=year,
        defaults={"amount": value, "kas_tw1": kas[0], "kas_tw2": kas[1], "kas_tw3": kas[2], "kas_tw4": kas[3]},
    )
    return pagu


# --- Perjanjian Kinerja -----------------------------------------------------------------------------
def pk_reference_date(year: int) -> date:
    """The date whose holders sign a year's PK: end of January (≤ 1 month after the DPA)."""
    return date(year, 1, 31)


def _holder(position: Position, on: date) -> Assignment:
    assignment = (
        Assignment.objects.active_on(on)
        .filter(position=position)
        .select_related("employee", "employee__golongan", "position")
        .order_by("kind_rank")
        .first()
    )
    if assignment is None:
        raise ValidationError(
            _("Jabatan %(p)s tidak memiliki pemegang (definitif/Plt./Plh.) pada %(d)s.")
            % {"p": position, "d": tanggal(on)}
        )
    return assignment


def _pk_items_for(position: Position, year: int):
    nodes = (
        Kinerja.objects.filter(position=position, renstra__start_year__lte=year, renstra__end_year__gte=year)
        .filter(models_q_year(year))
        .prefetch_related("indicators__targets")
        .order_by("level", "order", "pk")
    )
    rows = []
    for node in nodes:
        for ind in node.indicators.all():
            target = next((t for t in ind.targets.all() if t.year == year), None)
            rows.append((node, ind, target))
    return rows


def models_q_year(year):
    return Q(year__isnull=True) | Q(year=year)


def _pk_budget_for(position: Position, year: int):
    renstra = Renstra.objects.filter(opd_id=position.opd_id, start_year__lte=year, end_year__gte=year).first()
    if renstra is None:
        return []
    items = BudgetItem.objects.filter(renstra=renstra).select_related("nomenclature").prefetch_related("pagu")
    if position.kind == Position.Kind.JPT_PRATAMA:
        items = items.filter(level=Nomenclature.Level.PROGRAM)
    elif position.kind == Position.Kind.ADMINISTRATOR and position.unit_id:
        unit_ids = [u.pk for u in Unit.objects.filter(pk=position.unit_id)] + [
            u.pk for u in position.unit.descendants()
        ]
        items = items.filter(level=Nomenclature.Level.KEGIATAN, unit_id__in=unit_ids)
    elif position.kind == Position.Kind.PENGAWAS and position.unit_id:
        items = items.filter(level=Nomenclature.Level.SUB_KEGIATAN, unit_id=position.unit_id)
    else:
        return []
    out = []
    for item in items:
        amount = next((p.amount for p in item.pagu.all() if p.year == year), None)
        if amount is not None:
            out.append((item, amount))
    return out


def _fill_pk(pk: PerjanjianKinerja, position: Position, year: int):
    rows = _pk_items_for(position, year)
    if not rows:
        raise ValidationError(
            _("Jabatan %(p)s belum memiliki kinerja dan indikator untuk tahun %(y)s; susun dulu pohon kinerjanya.")
            % {"p": position, "y": year}
        )
    for order, (node, ind, target) in enumerate(rows, start=1):
        PkItem.objects.create(
            pk_doc=pk,
            indicator=ind,
            sasaran=node.statement,
            indicator_name=ind.name,
            target=target.display if target else "",
            satuan=ind.satuan if not ind.is_qualitative else "",
            order=order,
        )
    for order, (item, amount) in enumerate(_pk_budget_for(position, year), start=1):
        PkBudget.objects.create(pk_doc=pk, item=item, label=str(item.nomenclature), amount=amount, order=order)


def _parties(position: Position, on: date):
    if position.kind in (Position.Kind.PELAKSANA, Position.Kind.FUNGSIONAL):
        raise ValidationError(
            _("Perjanjian Kinerja disusun sampai pejabat pengawas; pelaksana dan fungsional memakai SKP (IKI).")
        )
    if position.superior_id is None:
        raise ValidationError(_("Jabatan %(p)s tidak memiliki atasan langsung (pihak kedua).") % {"p": position})
    first = _holder(position, on)
    second = _holder(position.superior, on)
    return first, second


def _apply_parties(pk: PerjanjianKinerja, position: Position, on: date):
    first, second = _parties(position, on)
    pk.first_employee = first.employee
    pk.first_prefix = first.prefix
    pk.first_title = signer_title(position, on, assignment=first)
    pk.second_position = position.superior
    pk.second_employee = second.employee
    pk.second_prefix = second.prefix
    pk.second_title = signer_title(position.superior, on, assignment=second)


@transaction.atomic
def create_pk(
    *, user, position: Position, year: int, sign_date: date | None = None, place: str = ""
) -> PerjanjianKinerja:
    """A draft PK of a position for a year: parties from the assignments, items from the cascade, budget from the
    pagu."""
    require_actor(user)
    if not P.can_write_scope(user, position.opd_id, position.unit):
        raise PermissionDenied
    if renstra_for(position.opd, year) is None:
        raise ValidationError(_("Tidak ada Renstra yang mencakup tahun %(y)s.") % {"y": year})
    if PerjanjianKinerja.objects.filter(position=position, year=year).exists():
        raise ValidationError(
            _("PK %(y)s untuk %(p)s sudah ada; gunakan PK Perubahan untuk mengubahnya.")
            % {"y": year, "p": position.display_short}
        )
    on = sign_date or pk_reference_date(year)
    pk = PerjanjianKinerja(
        position=position,
        year=year,
        version=1,
        opd_id=position.opd_id,
        sign_date=on,
        place=place or position.pemda.capital,
    )
    _apply_parties(pk, position, on)
    pk.save()
    _fill_pk(pk, position, year)
    return pk


def pk_fingerprint(pk: PerjanjianKinerja) -> str:
    """A digest of everything the PK says (parties, date, items, budget). The sign form carries the digest of the
    page the signer read; `sign_pk` refuses when the PK changed since (docs/documents.md "Bad input")."""
    parts = [
        pk.version,
        pk.year,
        pk.first_employee_id,
        pk.first_title,
        pk.second_employee_id,
        pk.second_title,
        pk.place,
        pk.sign_date,
        pk.change_reason,
    ]
    parts += [(i.sasaran, i.indicator_name, i.target, i.satuan) for i in pk.items.order_by("order", "pk")]
    parts += [(b.label, str(b.amount)) for b in pk.budget_lines.order_by("order", "pk")]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def pk_signer(pk: PerjanjianKinerja):
    """The employee who signs the PK electronically: the pihak pertama, the holder (definitif/Plt./Plh.) of the
    PK's position on its date."""
    return _holder(pk.position, pk.sign_date or pk_reference_date(pk.year)).employee


def can_sign_pk(user, pk: PerjanjianKinerja) -> bool:
    """The pihak pertama signs his PK (the Administrator may sign for him, with his certificate)."""
    if pk.status != PerjanjianKinerja.Status.DRAFT or not getattr(user, "is_authenticated", False):
        return False
    if P.is_admin(user):
        return True
    try:
        return getattr(user, "employee_id", None) == pk_signer(pk).pk
    except ValidationError:
        return False


@transaction.atomic
def sign_pk(
    *, user, pk: PerjanjianKinerja, sign_date: date | None = None, fingerprint: str | None = None
) -> PerjanjianKinerja:
    """The pihak pertama signs: the PK is issued through the documents pipeline (numbered when the type
    "perjanjian_kinerja" is numbered, PAdES-signed, archived immutably, QR-verifiable) and frozen. Any failure
    (not the signer, data changed since `fingerprint` was read, no certificate) leaves the PK a draft and takes no
    number."""
    require_actor(user)
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.status != PerjanjianKinerja.Status.DRAFT:
        raise ValidationError(_("PK ini sudah ditandatangani."))
    if sign_date:
        pk.sign_date = sign_date
    on = pk.sign_date or pk_reference_date(pk.year)
    holder = _holder(pk.position, on)
    if holder.employee_id != pk.first_employee_id:
        raise ValidationError(
            _(
                "Pihak pertama PK ini (%(old)s) tidak lagi memegang jabatan pada %(d)s; perbarui draf dari pohon "
                "kinerja sebelum ditandatangani."
            )
            % {"old": pk.first_employee.full_name, "d": tanggal(on)}
        )
    if not (P.is_admin(user) or getattr(user, "employee_id", None) == holder.employee_id):
        raise ValidationError(
            _("PK ini ditandatangani oleh pihak pertama, %(name)s (%(title)s); Anda bukan penanda tangannya.")
            % {"name": holder.employee.full_name, "title": pk.first_title}
        )
    if fingerprint is not None and fingerprint != pk_fingerprint(pk):
        raise ValidationError(
            _("Isi PK berubah sejak Anda membukanya; periksa kembali isinya, lalu tandatangani lagi.")
        )
    if not pk.items.exists():
        raise ValidationError(_("PK tanpa butir kinerja tidak dapat ditandatangani."))
    empty = [it.indicator_name for it in pk.items.all() if not it.target]
    if empty:
        raise ValidationError(_("Target belum ditetapkan untuk: %(l)s.") % {"l": "; ".join(empty)})
    pk.sign_date = on
    issue_pk(user=user, pk=pk)
    pk.sign()
    pk.save()
    return pk


def issue_pk(*, user, pk: PerjanjianKinerja, check_permission: bool = True):
    """Issue the PK through the documents pipeline: the PDF (planning/print/pk.html, the verification QR in the
    pihak pertama's signature space) and the DOCX, numbered under the type's classification when the type is
    numbered, signed by the pihak pertama (the holder of the PK's position on its date, Plt./Plh. shown), archived
    with the PK as its source (`selectors.archived_pk`)."""
    require_actor(user)
    on = pk.sign_date or pk_reference_date(pk.year)
    klas = D.numbering_klasifikasi("perjanjian_kinerja")
    doc = D.issue_document(
        user=user,
        opd=pk.opd,
        doc_type="perjanjian_kinerja",
        subject=str(pk),
        date=on,
        html_template="planning/print/pk.html",
        context=printing.pk_context(pk, draft=False),
        docx_render=lambda c: printing.pk_docx(pk, number=c["nomor"], verification=c["verification"], issued=True),
        klasifikasi=klas,
        signer_position=pk.position,
        sign=True,
        unit=pk.position.unit,
        source=pk,
        check_permission=check_permission,
    )
    return doc


@transaction.atomic
def refresh_pk(*, user, pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """Rebuild a draft PK's items, budget and parties from the current cascade and assignments."""
    require_actor(user)
    if not P.can_write_scope(user, pk.opd_id, pk.position.unit):
        raise PermissionDenied
    if pk.status != PerjanjianKinerja.Status.DRAFT:
        raise ValidationError(_("PK yang sudah ditandatangani hanya dapat diubah melalui PK Perubahan."))
    pk.items.all().delete()
    pk.budget_lines.all().delete()
    _apply_parties(pk, pk.position, pk.sign_date or pk_reference_date(pk.year))
    pk.save()
    _fill_pk(pk, pk.position, pk.year)
    return pk


@transaction.atomic
def create_pk_perubahan(
    *, user, pk: PerjanjianKinerja, reason: str, sign_date: date | None = None
) -> PerjanjianKinerja:
    """A new version of a signed PK (official replaced, strategy or budget changed), with its reason."""
    require_actor(user)
    if not P.can_write_scope(user, pk.opd_id, pk.position.unit):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan PK Perubahan wajib diisi.")})
    if pk.status != PerjanjianKinerja.Status.DITANDATANGANI:
        raise ValidationError(
            _("PK yang masih draf dapat langsung diperbarui; PK Perubahan hanya untuk PK yang sudah ditandatangani.")
        )
    if hasattr(pk, "superseded_by"):
        raise ValidationError(_("PK ini sudah memiliki perubahan (versi %(v)s).") % {"v": pk.superseded_by.version})
    on = sign_date or (date.today() if date.today().year == pk.year else pk_reference_date(pk.year))
    new = PerjanjianKinerja(
        position=pk.position,
        year=pk.year,
        version=pk.version + 1,
        supersedes=pk,
        change_reason=reason.strip(),
        opd_id=pk.opd_id,
        sign_date=on,
        place=pk.place,
    )
    _apply_parties(new, pk.position, on)
    new.save()
    _fill_pk(new, pk.position, pk.year)
    return new


def pk_perubahan_proposals(opd, year: int, on: date | None = None) -> list[dict]:
    """Signed current PKs whose pihak pertama or kedua no longer holds the position: propose a PK Perubahan."""
    on = on or min(date.today(), date(year, 12, 31))
    current = PerjanjianKinerja.objects.filter(
        opd=opd, year=year, status=PerjanjianKinerja.Status.DITANDATANGANI, superseded_by__isnull=True
    ).select_related("position", "second_position", "first_employee", "second_employee")
    pos_ids = {pk.position_id for pk in current} | {pk.second_position_id for pk in current}
    holders = {}
    for a in (
        Assignment.objects.active_on(on)
        .filter(position_id__in=pos_ids)
        .select_related("employee")
        .order_by("-kind_rank")
    ):
        holders[a.position_id] = a  # lowest kind_rank (definitif) wins: iterated last
    out = []
    for pk in current:
        first = holders.get(pk.position_id)
        second = holders.get(pk.second_position_id)
        reasons = []
        if first is None or first.employee_id != pk.first_employee_id:
            reasons.append(
                _("pihak pertama kini %(n)s")
                % {"n": f"{first.prefix}{first.employee.full_name}" if first else _("kosong")}
            )
        if second is None or second.employee_id != pk.second_employee_id:
            reasons.append(
                _("pihak kedua kini %(n)s")
                % {"n": f"{second.prefix}{second.employee.full_name}" if second else _("kosong")}
            )
        if reasons:
            out.append({"pk": pk, "reason": _("Pergantian pejabat: ") + "; ".join(reasons)})
    return out


# --- a new year from the previous one ---------------------------------------------------------------
@transaction.atomic
def start_next_year(*, user, opd, year: int) -> dict:
    """Start year N+1 from N: copy missing targets, the yearly cascade (IKI) and PK drafts, to be adjusted.
    Idempotent: what exists already for N+1 is kept."""
    require_actor(user)
    if not can_manage_opd(user, opd.pk):
        raise PermissionDenied
    nxt = year + 1
    renstra = renstra_for(opd, nxt)
    if renstra is None:
        raise ValidationError(
            _("Tahun %(y)s di luar periode Renstra mana pun; susun dulu Renstra yang baru.") % {"y": nxt}
        )
    summary = {"targets": 0, "nodes": 0, "indicators": 0, "pk": 0, "pk_skipped": []}
    # 1. the yearly nodes of N (with their indicators) → N+1, keeping the tree shape
    mapping = {}
    yearly = list(
        Kinerja.objects.filter(renstra=renstra, year=year)
        .order_by("level", "pk")
        .prefetch_related("indicators__targets")
    )
    existing = {(n.position_id, n.statement, n.level): n for n in Kinerja.objects.filter(renstra=renstra, year=nxt)}
    ind_map = {}
    for node in yearly:
        clone = existing.get((node.position_id, node.statement, node.level))
        if clone is None:
            parent_id = mapping.get(node.parent_id, node.parent_id)
            clone = Kinerja.objects.create(
                renstra=renstra,
                parent_id=parent_id,
                level=node.level,
                position_id=node.position_id,
                code=node.code,
                statement=node.statement,
                year=nxt,
                rpjmd_goal_id=node.rpjmd_goal_id,
                order=node.order,
                parent_indicator_id=ind_map.get(node.parent_indicator_id, node.parent_indicator_id),
                opd_id=node.opd_id,
                unit_id=node.unit_id,
            )
            summary["nodes"] += 1
            for ind in node.indicators.all():
                new_ind = Indicator.objects.get(pk=ind.pk)
                new_ind.pk = None
                new_ind.id = None
                new_ind.node = clone
                new_ind.save()
                ind_map[ind.pk] = new_ind.pk
                summary["indicators"] += 1
                old_t = next((t for t in ind.targets.all() if t.year == year), None)
                if old_t:
                    Target.objects.create(
                        indicator=new_ind,
                        year=nxt,
                        value=old_t.value,
                        value_max=old_t.value_max,
                        value_text=old_t.value_text,
                        q1=old_t.q1,
                        q2=old_t.q2,
                        q3=old_t.q3,
                        q4=old_t.q4,
                        q1_max=old_t.q1_max,
                        q2_max=old_t.q2_max,
                        q3_max=old_t.q3_max,
                        q4_max=old_t.q4_max,
                    )
                    summary["targets"] += 1
        mapping[node.pk] = clone.pk
    # 2. period-wide indicators: copy year N's target where N+1 has none
    have_next = set(
        Target.objects.filter(indicator__node__renstra=renstra, year=nxt).values_list("indicator_id", flat=True)
    )
    for t in Target.objects.filter(
        indicator__node__renstra=renstra, indicator__node__year__isnull=True, year=year
    ).exclude(indicator_id__in=have_next):
        Target.objects.create(
            indicator_id=t.indicator_id,
            year=nxt,
            value=t.value,
            value_max=t.value_max,
            value_text=t.value_text,
            q1=t.q1,
            q2=t.q2,
            q3=t.q3,
            q4=t.q4,
            q1_max=t.q1_max,
            q2_max=t.q2_max,
            q3_max=t.q3_max,
            q4_max=t.q4_max,
        )
        summary["targets"] += 1
    # 3. PK drafts for every position that had a PK in N
    done = set(PerjanjianKinerja.objects.filter(opd=opd, year=nxt).values_list("position_id", flat=True))
    for pk in (
        PerjanjianKinerja.objects.filter(opd=opd, year=year)
        .select_related("position")
        .order_by("position_id", "-version")
    ):
        if pk.position_id in done:
            continue
        done.add(pk.position_id)
        try:
            with transaction.atomic():
                create_pk(user=user, position=pk.position, year=nxt)
            summary["pk"] += 1
        except ValidationError as exc:
            summary["pk_skipped"].append(f"{pk.position.display_short}: {exc.messages[0]}")
    return summary


# --- Category bands of the capaian ------------------------------------------------------------------
@transaction.atomic
def set_bands(*, user, pemda, rows):
    """Save a Pemda's category bands (administrators only); rows = [(label, lower bound)] top down.
    Validated by planning.bands.validate; the change is recorded in the model's history."""
    require_actor(user)
    if not P.is_admin(user):
        raise PermissionDenied
    value = bands.validate(rows)
    obj = CapaianBands.objects.filter(pemda=pemda).first() or CapaianBands(pemda=pemda)
    obj.bands = value
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def reset_bands(*, user, pemda):
    """Back to the default bands: the Pemda's bands are emptied (history keeps what they were)."""
    require_actor(user)
    if not P.is_admin(user):
        raise PermissionDenied
    obj = CapaianBands.objects.filter(pemda=pemda).first()
    if obj is not None and obj.bands:
        obj.bands = []
        obj._history_user = user
        obj.save()
    return obj
