"""`nilai`: a number in Indonesian format, or a qualitative label as text (LKjIP tables)."""

from decimal import Decimal

from django import template

from sakip.core.templatetags.sakip import angka
from sakip.reporting.lkjip_services import NARRATIVE_FIELDS

register = template.Library()


@register.filter
def nilai(value, places=None):
    if value in (None, ""):
        return ""
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return angka(value, places)
    return str(value)


@register.filter
def attr_of(obj, name):
    """A narrative field of a version by name (only the LKjIP's own narrative fields)."""
    return getattr(obj, name, "") if name in NARRATIVE_FIELDS else ""
