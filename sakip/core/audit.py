"""The audit trail: reading django-simple-history into "who, when, before → after"."""

from django.utils.translation import gettext as _

from .excel import workbook_response

ACTIONS = {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}


def _display(record, field_name):
    field = record._meta.get_field(field_name)
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
                label = str(obj._meta.get_field(change.field).verbose_name)
                changes.append((label, _display(previous, change.field), _display(record, change.field)))
        elif record.history_type == "+":
            for field in obj._meta.concrete_fields:
                if field.name in ("id", "updated_at", "created_at") or not field.editable:
                    continue
                after = _display(record, field.name)
                if after != "–":
                    changes.append((str(field.verbose_name), "–", after))
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
