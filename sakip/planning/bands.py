"""The capaian category bands in force for an OPD: its Pemda's own (set by an administrator on the
"Kategori capaian" screen) or the engine's defaults (docs/capaian.md, categories).

Looked up once per OPD and per request: the cache is emptied when a request starts and when the
bands are saved, so every page and every document uses the bands saved last."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from sakip.core.formats import angka
from sakip.organization.models import OPD

from . import capaian as engine
from .models import CapaianBands

_CACHE: dict = {}


def clear_cache(**_kwargs):
    _CACHE.clear()


request_started.connect(clear_cache, dispatch_uid="sakip_bands_request")


def for_opd(opd_id) -> list | None:
    """The Pemda's bands as the engine takes them, or None for the defaults."""
    if opd_id is None:
        return None
    if opd_id not in _CACHE:
        row = CapaianBands.objects.filter(pemda__opds=opd_id).first()
        _CACHE[opd_id] = row.as_engine_bands() if row and row.bands else None
    return _CACHE[opd_id]


def prime(opd_ids) -> None:
    """Look up the bands of many OPDs in one query (pages that list every OPD of a Pemda)."""
    missing = [pk for pk in opd_ids if pk not in _CACHE]
    if not missing:
        return

    pemda_of = dict(OPD.objects.filter(pk__in=missing).values_list("pk", "pemda_id"))
    rows = {row.pemda_id: row for row in CapaianBands.objects.filter(pemda_id__in=set(pemda_of.values()))}
    for pk in missing:
        row = rows.get(pemda_of.get(pk))
        _CACHE[pk] = row.as_engine_bands() if row and row.bands else None


def default_rows() -> list:
    """The default bands as [(lower bound or None, label)], top down."""
    return [(None if lo == Decimal("-Infinity") else lo, label) for lo, label in engine.DEFAULT_BANDS]


def describe(bands) -> str:
    """'≥ 91 Sangat Tinggi; 76–< 91 Tinggi; …; < 51 Sangat Rendah' for the bands in force."""
    ordered = sorted(((Decimal(str(lo)), label) for lo, label in (bands or engine.DEFAULT_BANDS)), reverse=True)
    parts = []
    upper = None
    for lo, label in ordered:
        lo_text = None if lo == Decimal("-Infinity") else angka(lo.normalize() if lo == lo.to_integral() else lo)
        if upper is None:
            parts.append(f"≥ {lo_text} {label}" if lo_text else label)
        elif lo_text is None:
            parts.append(f"< {upper} {label}")
        else:
            parts.append(f"{lo_text}–< {upper} {label}")
        upper = lo_text
    return "; ".join(parts)


def validate(rows) -> list:
    """rows = [(label, lower bound text)] top down, blank rows ignored → [[lower or None, label]].

    The bands are contiguous by construction (a band runs from its lower bound up to the next band's);
    they must be named, have distinct names, a lower bound on every band but the bottom one, and
    bounds that strictly descend (otherwise two bands would overlap)."""
    used = [(str(label or "").strip(), str(lower or "").strip()) for label, lower in rows]
    used = [(label, lower) for label, lower in used if label or lower]
    errors = []
    if len(used) < 2:
        raise ValidationError(_("Isi paling sedikit dua kategori."))
    out = []
    previous = None
    for i, (label, lower) in enumerate(used, start=1):
        last = i == len(used)
        if not label:
            errors.append(_("Kategori ke-%(n)s belum diberi nama.") % {"n": i})
        if last:
            if lower:
                errors.append(
                    _(
                        "Kategori paling bawah (%(l)s) tidak memakai batas bawah: ia berlaku untuk semua capaian "
                        "di bawah kategori di atasnya."
                    )
                    % {"l": label or i}
                )
            out.append([None, label])
            continue
        if not lower:
            errors.append(_("Batas bawah kategori %(l)s wajib diisi.") % {"l": label or i})
            out.append([None, label])
            continue
        try:
            value = Decimal(lower.replace(",", "."))
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(_('Batas bawah kategori %(l)s "%(v)s" bukan angka.') % {"l": label or i, "v": lower})
            out.append([None, label])
            continue
        if previous is not None and value >= previous[0]:
            errors.append(
                _(
                    "Batas bawah harus menurun dari atas ke bawah: %(l)s (%(v)s) tidak lebih kecil dari "
                    "%(p)s (%(pv)s), sehingga rentangnya tumpang tindih."
                )
                % {"l": label, "v": lower, "p": previous[1], "pv": format(previous[0], "f")}
            )
        previous = (value, label)
        out.append([format(value, "f"), label])
    labels = [label for _lo, label in out if label]
    if len(set(labels)) != len(labels):
        errors.append(_("Nama kategori tidak boleh sama."))
    if errors:
        raise ValidationError(errors)
    return out


def _saved(sender, **_kwargs):
    clear_cache()


def connect():
    post_save.connect(_saved, sender=CapaianBands, dispatch_uid="sakip_bands_saved")
    post_delete.connect(_saved, sender=CapaianBands, dispatch_uid="sakip_bands_deleted")
