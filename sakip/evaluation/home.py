"""Home page cards of the evaluation stage: what concerns each role (constant queries)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policies, selectors
from .models import Evaluation, Recommendation


def cards(user):
    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    evaluations = selectors.evaluations_for(user)
    is_evaluator = policies.is_evaluator(user)
    if is_evaluator:
        waiting = list(
            evaluations.filter(
                state__in=[Evaluation.State.DIAJUKAN, Evaluation.State.REVIU, Evaluation.State.TANGGAPAN_PD]
            ).order_by("-year", "opd__name")[:6]
        )
        verify = list(selectors.recommendations_for(user, state=Recommendation.State.VERIFIKASI)[:6])
        open_count = selectors.open_recommendation_count(user)
        text = (
            _("Evaluasi menunggu reviu dan tindak lanjut menunggu verifikasi.")
            if waiting or verify
            else _("Tidak ada yang menunggu Anda.")
        )
        if open_count:
            text += " " + _("%(n)s rekomendasi di seluruh OPD belum tuntas.") % {"n": open_count}
        out.append(
            {
                "title": _("Evaluasi AKIP"),
                "icon": "bi-clipboard-check",
                "value": len(waiting) + len(verify) or None,
                "text": text,
                "items": [
                    {"label": str(e), "url": reverse("evaluation:detail", args=[e.pk]), "note": e.get_state_display()}
                    for e in waiting
                ]
                + [
                    {
                        "label": f"{r.finding.evaluation.opd.akronim}: {r.subject}",
                        "url": reverse("evaluation:recommendation", args=[r.pk]),
                        "note": _("menunggu verifikasi"),
                    }
                    for r in verify
                ],
                "url": reverse("evaluation:index"),
                "action": _("Buka evaluasi"),
                "order": 60,
            }
        )
        return out
    if not user.opd_id:
        return out
    current = evaluations.filter(opd_id=user.opd_id).order_by("-year").first()
    today = timezone.localdate()
    open_recs = list(
        selectors.recommendations_for(user, opd_id=user.opd_id).filter(
            state__in=Recommendation.OPEN_STATES, finding__evaluation__state__in=Evaluation.CLOSED_STATES
        )[:6]
    )
    items = [
        {
            "label": f"{r.finding.letter}.{r.number} {r.subject}",
            "url": reverse("evaluation:recommendation", args=[r.pk]),
            "note": (_("lewat batas waktu") if r.due_date and r.due_date < today else r.get_state_display()),
        }
        for r in open_recs
    ]
    text = ""
    if current is not None:
        text = _("Evaluasi %(year)s: %(state)s.") % {"year": current.year, "state": current.get_state_display()}
    out.append(
        {
            "title": _("Evaluasi dan tindak lanjut"),
            "icon": "bi-clipboard-check",
            "value": len(open_recs) or None,
            "text": text + (" " + _("Rekomendasi yang belum tuntas:") if open_recs else ""),
            "items": items,
            "url": reverse("evaluation:detail", args=[current.pk]) if current else reverse("evaluation:index"),
            "action": _("Buka evaluasi"),
            "order": 60,
        }
    )
    return out
