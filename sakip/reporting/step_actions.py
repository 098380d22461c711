"""The measurement period's steps that compile, send and sign the Dokumen Pengukuran Kinerja (the document
is this app's): ``submit`` (the draft from the validated data), ``request_approval`` (the draft sent to the
Kepala), ``sign`` (the Kepala approves the forms and signs; data locked) and ``number_cover_letter`` (the
numbered Surat Pengantar with the signed document attached).

They register into sakip.measurement.step_actions.REGISTRY (``@SA.register``) when ReportingConfig.ready()
imports this module: measurement runs the steps without importing reporting.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.core import notifications
from sakip.core.actors import is_system
from sakip.core.formats import angka
from sakip.documents.docx import letter_docx
from sakip.measurement import policies
from sakip.measurement import services as S
from sakip.measurement import step_actions as SA
from sakip.measurement.models import UnitSubmission
from sakip.organization.models import User
from sakip.sop import actions as A

from . import dpk, services


@SA.register
class Submit(SA.Action):
    code = A.SUBMIT
    form_class = SA.DecisionNoteForm
    button = gettext_lazy("Susun draf dan sampaikan")

    def ready(self, task):
        return SA._all(task.period, "is_validated", _("divalidasi kepala unitnya"))

    def perform(self, task, user, decision, data, now):
        note = data.get("catatan", "")
        return {
            "output_text": _("Draf Dokumen Pengukuran Kinerja disusun dari data tervalidasi: %(s)s")
            % {"s": _draft_summary(task.period)}
            + (f"\n{note}" if note else "")
        }


def _draft_summary(period) -> str:
    """One line on the draft document (its figures come from the engine through reporting.dpk)."""
    data = dpk.build(period)
    summary = data.summary
    text = _("%(n)s indikator") % {"n": summary["indicators"]}
    if summary["average"] is not None:
        text += _(", rata-rata capaian %(a)s%% (%(c)s)") % {"a": angka(summary["average"], 2), "c": summary["category"]}
    if summary["serapan"] is not None:
        text += _(", serapan anggaran %(s)s%% dari pagu") % {"s": angka(summary["serapan"], 2)}
    if summary.get("assessment") is not None and summary["pagu"]:
        text += _(", efisiensi: %(e)s (%(r)s)") % {
            "e": summary["assessment"].text.lower(),
            "r": summary["assessment"].reason,
        }
    return text + "."


@SA.register
class RequestApproval(SA.Action):
    code = A.REQUEST_APPROVAL
    form_class = SA.DecisionNoteForm
    button = gettext_lazy("Ajukan kepada Kepala")

    def ready(self, task):
        return SA._all(task.period, "is_validated", _("divalidasi kepala unitnya"))

    def perform(self, task, user, decision, data, now):
        period = task.period
        head = period.opd.head_position()
        holder = head.holder_on(timezone.localtime(now).date()) if head else None
        kepala = notifications.users_of_employees([holder.employee_id]) if holder else []
        if not kepala and holder is None:
            kepala = list(User.objects.filter(opd_id=period.opd_id, groups__name="Kepala OPD", is_active=True))
        notifications.notify(
            kepala,
            title=_("Dokumen Pengukuran Kinerja %(tw)s %(y)s menunggu persetujuan Anda")
            % {"tw": period.tw_label, "y": period.year},
            body=data.get("catatan", ""),
            url=S.period_url(period),
            period=period,
            task=task,
            kind="approval",
            now=now,
        )
        return {
            "output_text": _(
                "Dokumen Pengukuran Kinerja diajukan kepada Kepala untuk disetujui dan ditandatangani: %(s)s"
            )
            % {"s": _draft_summary(period)}
            + (f"\n{data.get('catatan')}" if data.get("catatan") else "")
        }


@SA.register
class Sign(SA.Action):
    code = A.SIGN
    form_class = SA.SignForm
    button = gettext_lazy("Setujui dan tandatangani")

    def ready(self, task):
        return SA._all(task.period, "is_validated", _("divalidasi kepala unitnya"))

    def perform(self, task, user, decision, data, now):
        period = task.period
        if not is_system(user) and not policies.is_kepala(user, period.opd_id):
            raise ValidationError(
                _("Hanya Kepala %(opd)s yang dapat menyetujui dan menandatangani.") % {"opd": period.opd.akronim}
            )
        if not is_system(user):
            S.approve_all(user=user, period=period, now=now)
        else:
            for submission in UnitSubmission.objects.filter(period=period, state=UnitSubmission.State.DIVALIDASI):
                S.approve_unit(user=user, submission=submission, now=now)
        doc = services.issue_dpk(user=user, period=period, now=now, number=SA._historic_number(task, "dpk"))
        period.dpk_document = doc
        S._reason(period, "Dokumen ditandatangani", now)
        period.save()
        locked = S.lock_period(period, now=now, document=doc)
        return {
            "output_text": _("Dokumen Pengukuran Kinerja Nomor %(n)s ditandatangani; %(l)s formulir unit dikunci.")
            % {"n": doc.number or "-", "l": locked},
            "output_document": doc,
        }


@SA.register
class CoverLetter(SA.Action):
    code = A.NUMBER_COVER_LETTER
    form_class = SA.CoverLetterForm
    button = gettext_lazy("Terbitkan surat pengantar bernomor")

    def initial(self, task):
        opd = task.period.opd
        return {"kepada": SA._pemda_head_title(opd), "tembusan": SA._inspektur_title(opd)}

    def ready(self, task):
        if not task.period.dpk_document_id:
            return False, _("Dokumen Pengukuran Kinerja belum ditandatangani.")
        return True, ""

    def perform(self, task, user, decision, data, now):
        period = task.period
        dpk = period.dpk_document
        subject = _("Penyampaian Dokumen Pengukuran Kinerja %(opd)s %(tw)s Tahun %(y)s") % {
            "opd": period.opd.akronim,
            "tw": period.tw_label,
            "y": period.year,
        }
        context = {
            "letter": {"subject": subject, "recipient_place": _("Tempat")},
            "recipients": SA._lines(data["kepada"]),
            "paragraphs": [],
            "items": [
                {
                    "uraian": _("Dokumen Pengukuran Kinerja %(opd)s %(tw)s Tahun %(y)s Nomor %(n)s")
                    % {"opd": period.opd.name, "tw": period.tw_label, "y": period.year, "n": dpk.number},
                    "banyaknya": _("1 (satu) berkas"),
                    "keterangan": _("Disampaikan dengan hormat untuk menjadi bahan periksa."),
                }
            ],
            "closing": "",
            "tembusan": SA._lines(data.get("tembusan")),
        }
        number = SA._historic_number(task, "pengantar")
        doc = SA.issue(
            user=user,
            task=task,
            doc_type="surat_pengantar",
            subject=subject,
            html_template="measurement/print/surat_pengantar.html",
            context=context,
            klasifikasi=None if number else services.klasifikasi(),
            number=number,
            lampiran=[dpk],
            now=now,
            docx_render=lambda c: letter_docx(c["letter"], c, c["nomor"], doc_type="surat_pengantar"),
        )
        period.cover_letter = doc
        S._reason(period, "Surat pengantar terbit", now)
        period.save()
        return {
            "output_text": _("Surat Pengantar Nomor %(n)s kepada %(k)s.")
            % {"n": doc.number, "k": ", ".join(SA._lines(data["kepada"]))},
            "output_document": doc,
        }
