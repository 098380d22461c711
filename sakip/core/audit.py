"""The audit trail: reading django-simple-history into "who, when, before → after"."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from . import formats
from .excel import workbook_response

# Sent when a record's history is exported to Excel (sender = the model class; kwargs request, obj). An app whose
# records carry personal data connects a receiver (organization: the UU PDP export log, organization/apps.py).
history_exported = Signal()

ACTIONS = {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}


def field_label(field) -> str:
    """A field's label as people read it: Django's automatic verbose name of `opd` is "opd"."""
    label = str(field.verbose_name)
    if label == field.name.replace("_", " "):
        label = AUTO_LABELS.get(field.name, label)
    return label[:1].upper() + label[1:]


# Labels for fields declared without a verbose name (their automatic one would read "Opd").
AUTO_LABELS = {"opd": "OPD", "contributor_opd": "OPD kontributor", "unit": "Unit", "pemda": "Pemda"}


def _display(record, field_name):
    """The value as the screens show it (docs/ui.md): Ya/Tidak, 1.234,5, 18 Januari 2021, choice labels."""
    # A history record names its model in instance_type; a live object (a screen's current value) is its own.
    source_field = getattr(record, "instance_type", type(record))._meta.get_field(field_name)
    if source_field.many_to_many:  # a many-to-many kept with the record (User.groups: the roles)
        target = source_field.m2m_reverse_field_name()
        return ", ".join(sorted(str(getattr(row, target)) for row in getattr(record, field_name).all())) or "–"
    try:
        field = record._meta.get_field(field_name)
    except FieldDoesNotExist:  # not kept in history (User: the password hash, the last sign-in)
        return "–"
    value = getattr(record, field.attname, None)
    if value is None or value == "":
        return "–"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        try:
            return str(getattr(record, field.name))
        except Exception:  # the related row may be gone
            return f"#{value}"
    if isinstance(field, models.BooleanField) or isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, Decimal):
        return formats.angka(value.normalize())  # 62.0000 → 62, 1200.50 → 1.200,5
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{formats.tanggal(local.date())} {local:%H.%M}"
    if isinstance(value, date):
        return formats.tanggal(value)
    return str(value)


def entries_for(obj, limit=200):
    """History entries newest first, each with its changes: [(field label, before, after)]."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in ("updated_at", "created_at"):
                    continue
                label = field_label(obj._meta.get_field(change.field))
                changes.append((label, _display(previous, change.field), _display(record, change.field)))
        elif record.history_type == "+":
            for field in obj._meta.concrete_fields:
                if field.name in ("id", "updated_at", "created_at") or not field.editable:
                    continue
                after = _display(record, field.name)
                if after != "–":
                    changes.append((field_label(field), "–", after))
        user = record.history_user
        entries.append(
            {
                "date": record.history_date,
                "user": (user.display_name if user else _("Sistem")),
                "action": _(ACTIONS.get(record.history_type, record.history_type)),
                "changes": changes,
                "reason": record.history_change_reason or "",
            }
        )
    return entries


def export_xlsx(obj, entries):
    rows = []
    for entry in entries:
        if entry["changes"]:
            for label, before, after in entry["changes"]:
                rows.append(
                    [
                        entry["date"].replace(tzinfo=None),
                        entry["user"],
                        entry["action"],
                        label,
                        before,
                        after,
                        entry["reason"],
                    ]
                )
        else:
            rows.append(
                [entry["date"].replace(tzinfo=None), entry["user"], entry["action"], "", "", "", entry["reason"]]
            )
    headers = [_("Waktu"), _("Oleh"), _("Tindakan"), _("Isian"), _("Sebelum"), _("Sesudah"), _("Alasan")]
    return workbook_response(
        f"riwayat-{obj._meta.model_name}-{obj.pk}", [(_("Riwayat"), headers, rows)], title=str(obj)
    )
