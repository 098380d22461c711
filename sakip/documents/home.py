"""Home page cards of the documents stage: letters waiting for my paraf or signature, recent archive."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.organization.models import Assignment

from . import selectors
from .models import Letter


def cards(user):
    out = []
    if not getattr(user, "is_authenticated", False):
        return out
    today = date.today()
    open_letters = list(
        selectors.letters_for(user)
        .filter(state__in=[Letter.State.DRAFT, Letter.State.NUMBERED])
        .select_related("signer_position")
        .prefetch_related("parafs")[:50]
    )
    waiting = []
    if user.employee_id:
        my_positions = set(
            Assignment.objects.active_on(today)
            .filter(employee_id=user.employee_id)
            .values_list("position_id", flat=True)
        )
        for letter in open_letters:
            if letter.signer_position_id in my_positions:
                waiting.append(
                    {
                        "label": f"{letter.doc_type.name}: {letter.subject}",
                        "url": letter.get_absolute_url(),
                        "note": _("menunggu tanda tangan Anda"),
                    }
                )
            elif letter.drafter_position_id and letter.drafter_position_id in my_positions:
                waiting.append(
                    {
                        "label": f"{letter.doc_type.name}: {letter.subject}",
                        "url": letter.get_absolute_url(),
                        "note": _("konsep Anda"),
                    }
                )
    if waiting or open_letters:
        out.append(
            {
                "order": 70,
                "icon": "bi-envelope-paper",
                "title": _("Surat dalam proses"),
                # The count stands alone only beside the letters it counts: "1" next to "none waits for
                # you" read as a contradiction, so that case is one sentence.
                "value": len(open_letters) if waiting else None,
                "items": waiting[:5],
                "text": ""
                if waiting
                else ngettext(
                    "%(n)d surat dalam proses; tidak ada yang menunggu tindakan Anda.",
                    "%(n)d surat dalam proses; tidak ada yang menunggu tindakan Anda.",
                    len(open_letters),
                )
                % {"n": len(open_letters)},
                "url": reverse("documents:letters"),
                "action": _("Daftar surat"),
            }
        )
    recent = list(selectors.archive_for(user)[:3])
    out.append(
        {
            "order": 75,
            "icon": "bi-archive",
            "title": _("Arsip dokumen terbaru"),
            "items": [{"label": str(d), "url": d.get_absolute_url(), "note": d.code_display} for d in recent],
            "text": "" if recent else _("Belum ada dokumen terbit."),
            "url": reverse("documents:index"),
            "action": _("Buka arsip"),
        }
    )
    return out
