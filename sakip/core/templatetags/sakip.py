"""Indonesian formats through one set of filters: dates ("18 Januari 2021"), numbers (1.234,56),
money (Rp 1.234.567), NIP ("19670128 199302 1 001")."""

from datetime import datetime

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext

from sakip.core import formats, numbers
from sakip.core.nip import format_nip

register = template.Library()


@register.filter
def tanggal(value, fmt="long"):
    """18 Januari 2021 (always Indonesian month names for official documents)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        if fmt == "datetime":
            return f"{formats.tanggal(value.date())} {value:%H.%M}"
        value = value.date()
    return formats.tanggal(value)  # one date format everywhere (docs/ui.md); fmt="short" is kept for old callers


@register.filter
def jabatan_kapital(value):
    """ "Plt. Kepala Dinas X" → "Plt. KEPALA DINAS X" (headings of documents)."""
    return formats.jabatan_kapital(str(value or ""))


@register.filter
def dengan_satuan(value, satuan):
    """ "70,00" with "%" → "70,00%"; "12" with "desa" → "12 desa"."""
    return formats.dengan_satuan(str(value or ""), str(satuan or ""))


@register.filter
def angka(value, places=None):
    """1.234,56 in Indonesian, 1,234.56 in English; '' for None."""
    if value in (None, ""):
        return ""
    if numbers.is_unreadable(value):
        return gettext("tidak terbaca")
    lang = (get_language() or "id")[:2]
    return formats.angka(value, places, english=(lang == "en"))


@register.filter
def angka_input(value):
    """A stored number as it is typed back into its field: exact (no rounding to the display precision), no
    thousands dots (a re-save of "1.234" read 1,234), never an exponent."""
    if value in (None, "") or numbers.is_unreadable(value):
        return ""
    return formats.angka_input(value)


@register.filter
def unreadable(value):
    """True for a stored number that could not be read (sakip.core.numbers): show an error cell instead."""
    return numbers.is_unreadable(value)


@register.filter
def rupiah(value):
    if value in (None, ""):
        return ""
    if numbers.is_unreadable(value):
        return gettext("tidak terbaca")
    return "Rp " + formats.angka(value, 0)


@register.filter
def persen(value, places=2):
    if value in (None, ""):
        return "–"
    return formats.angka(value, places, english=(get_language() or "id")[:2] == "en") + "%"


@register.filter
def nip(value):
    return format_nip(value)


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def querystring_replace(context, **kwargs):
    """The current query string with some keys replaced (for sorting/paging links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


@register.simple_tag
def history_url(obj):
    return reverse("object_history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


@register.simple_tag
def object_url(obj, action="edit"):
    """URL named "<app>:<model>_<action>" for an object, or "" when there is none."""
    name = f"{obj._meta.app_label}:{getattr(obj, 'url_prefix', obj._meta.model_name)}_{action}"
    if _MISSING_URLS.get(name):
        return ""
    try:
        return reverse(name, args=[obj.pk])
    except NoReverseMatch:
        _MISSING_URLS[name] = True
        return ""


_MISSING_URLS: dict[str, bool] = {}
