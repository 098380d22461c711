"""What the system does for each SOP step action (sakip.sop.actions), with the inputs the lane gives.

Every action has a form (its inputs and their defaults), a readiness check and a `perform`
function that returns the task's output: text, a file, or a document issued through the
documents pipeline (number, signature, archive). Any SOP that uses these codes runs the same way.

| action              | performed here                                                                  |
|---------------------|---------------------------------------------------------------------------------|
| disposition         | the head's instruction → Lembar Disposisi (signed, archived)                     |
| prepare_forms       | unit forms from the PK and the cascade + one Excel workbook of all forms          |
| distribute          | forms sent to every unit: entry opens, unit users notified                        |
| invite              | meeting invitation (Undangan Rapat, numbered, signed, archived), invitees notified |
| hold_meeting        | attendance and minutes (Notulen, signed, archived)                                 |
| collect / validate  | done by themselves when every form is submitted / validated                        |
| submit              | the draft Dokumen Pengukuran Kinerja compiled from the validated data              |
| correct             | accept, or return forms with notes (a decision's "Tidak" runs the steps again)     |
| request_approval    | the final draft sent to the Kepala                                                 |
| sign                | the Kepala approves the forms and signs the Dokumen Pengukuran Kinerja; data locked |
| number_cover_letter | the numbered Surat Pengantar with the signed document attached                     |
| copy                | the copies and their distribution recorded                                         |
| archive             | the archive manifest of the period (documents, evidence hashes)                    |
| none                | a plain task: done with an output text and/or file                                 |
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.core import notifications
from sakip.core.actors import is_system
from sakip.core.formats import hari_tanggal, tanggal
from sakip.documents import services as D
from sakip.organization.models import OPD, Assignment, Employee, Position
from sakip.sop import actions as A

from . import calendar as cal
from . import documents_docx, filetypes, forms_builder, policies
from . import services as S
from .exports import forms_workbook
from .models import Evidence, Meeting, Task, UnitSubmission


class ActionForm(forms.Form):
    def __init__(self, *args, task=None, **kwargs):
        self.task = task
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 3)


class NoteForm(ActionForm):
    output = forms.CharField(label=gettext_lazy("Output / catatan"), required=False, widget=forms.Textarea)
    file = forms.FileField(label=gettext_lazy("Berkas output (opsional)"), required=False)


class DispositionForm(ActionForm):
    instruksi = forms.CharField(label=gettext_lazy("Isi disposisi"), widget=forms.Textarea)
    kepada = forms.CharField(label=gettext_lazy("Diteruskan kepada (satu per baris)"), widget=forms.Textarea)


class DistributeForm(ActionForm):
    pesan = forms.CharField(label=gettext_lazy("Pesan kepada unit"), widget=forms.Textarea)


class InviteForm(ActionForm):
    tanggal = forms.DateField(
        label=gettext_lazy("Tanggal rapat"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    waktu = forms.CharField(label=gettext_lazy("Waktu"), max_length=60)
    tempat = forms.CharField(label=gettext_lazy("Tempat"), max_length=200)
    acara = forms.CharField(label=gettext_lazy("Acara"), widget=forms.Textarea)
    peserta = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Diundang"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peserta"].queryset = officials_queryset(self.task.period)
        self.fields["peserta"].label_from_instance = lambda e: e.full_name


class MeetingForm(ActionForm):
    hadir = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Hadir"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    notulen = forms.CharField(
        label=gettext_lazy("Notulen: pembahasan dan kesepakatan"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hadir"].queryset = officials_queryset(self.task.period)
        self.fields["hadir"].label_from_instance = lambda e: e.full_name


class DecisionNoteForm(ActionForm):
    catatan = forms.CharField(label=gettext_lazy("Catatan"), required=False, widget=forms.Textarea)


class CorrectForm(ActionForm):
    hasil = forms.ChoiceField(
        label=gettext_lazy("Hasil koreksi"),
        choices=[
            ("terima", gettext_lazy("Diterima: data dan perhitungan sudah benar")),
            ("kembalikan", gettext_lazy("Dikembalikan untuk diperbaiki")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih hasil koreksi: diterima atau dikembalikan.")},
    )
    catatan = forms.CharField(label=gettext_lazy("Catatan koreksi"), required=False, widget=forms.Textarea)
    unit = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Formulir yang dikembalikan"),
        queryset=UnitSubmission.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.task is not None and self.task.kind == "decision":
            # The step's own Ya/Tidak is the verdict (none pre-selected; the service refuses none).
            del self.fields["hasil"]
        self.fields["unit"].queryset = UnitSubmission.objects.filter(
            period=self.task.period, state__in=[UnitSubmission.State.DIVALIDASI, UnitSubmission.State.DISETUJUI]
        ).select_related("unit")
        self.fields["unit"].label_from_instance = lambda s: s.unit.name


class SignForm(ActionForm):
    setuju = forms.BooleanField(
        label=gettext_lazy(
            "Saya menyetujui data kinerja seluruh unit dan menandatangani Dokumen Pengukuran Kinerja secara elektronik."
        ),
        required=True,
    )


class CoverLetterForm(ActionForm):
    kepada = forms.CharField(
        label=gettext_lazy("Kepada Yth. (satu per baris)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    tembusan = forms.CharField(
        label=gettext_lazy("Tembusan (satu per baris)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CopyForm(ActionForm):
    jumlah = forms.IntegerField(label=gettext_lazy("Jumlah eksemplar"), min_value=1, max_value=100)
    distribusi = forms.CharField(label=gettext_lazy("Distribusi (satu penerima per baris)"), widget=forms.Textarea)


def officials_queryset(period):
    """Employees of the OPD holding a structural position on the period's start date."""
    kinds = [Position.Kind.JPT_PRATAMA, Position.Kind.ADMINISTRATOR, Position.Kind.PENGAWAS]
    ids = (
        Assignment.objects.active_on(period.start_date)
        .filter(position__opd_id=period.opd_id, position__kind__in=kinds)
        .values_list("employee_id", flat=True)
    )
    return Employee.objects.filter(pk__in=list(ids)).order_by("name")


# --- helpers -------------------------------------------------------------------------------------------
def _pemda_head_title(opd) -> str:
    kind = opd.pemda.kind
    return f"{'Wali Kota' if kind == 'kota' else 'Gubernur' if kind == 'provinsi' else 'Bupati'} {opd.pemda.name}"


def _inspektur_title(opd) -> str:
    insp = OPD.objects.filter(pemda_id=opd.pemda_id, kind=OPD.Kind.INSPEKTORAT).first()
    head = insp.head_position() if insp else None
    return head.display_short if head else f"Inspektur {opd.pemda.short_name}"


def acting_position(user, task, on):
    """The position the acting person holds on the date (the lane's position when he holds it)."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        first = task.assignees.order_by("pk").first()
        employee_id = first.pk if first else None
    if employee_id is None:
        return task.position or task.period.opd.head_position()
    assignments = list(
        Assignment.objects.active_on(on)
        .filter(employee_id=employee_id, position__opd_id=task.period.opd_id)
        .select_related("position")
        .order_by("kind_rank")
    )
    for assignment in assignments:
        if task.position_id and assignment.position_id == task.position_id:
            return assignment.position
    if assignments:
        return assignments[0].position
    return task.position or task.period.opd.head_position()


def on_behalf(position, opd):
    """a.n. Kepala when the signer is below the head of the OPD."""
    head = opd.head_position()
    if head is None or position is None or position.pk == head.pk:
        return None
    return head if head.pk in [p.pk for p in position.superiors()] else None


def issue(
    *,
    user,
    task,
    doc_type,
    subject,
    html_template,
    context,
    klasifikasi=None,
    number=None,
    lampiran=(),
    sign=True,
    now,
    signer_position=None,
    docx_render=None,
):
    """Issue a document of the period through the documents pipeline (my own permission checks ran)."""
    period = task.period
    on = timezone.localtime(now).date()
    context = dict(context)
    if signer_position is not None:
        position, behalf = signer_position, on_behalf(signer_position, period.opd)
    else:
        # Who signs is data (DocumentType.signer): letters to the Bupati or outside the OPD by the Kepala.
        position, behalf = D.signer_for(doc_type, period.opd, acting_position(user, task, on))
    if behalf is not None:
        context["on_behalf_of"] = behalf
    return D.issue_document(
        user=user,
        opd=period.opd,
        doc_type=doc_type,
        subject=subject,
        date=on,
        html_template=html_template,
        context=context,
        klasifikasi=klasifikasi,
        number=number,
        signer_position=position,
        sign=sign,
        source=period,
        lampiran=lampiran,
        docx_render=docx_render,
        check_permission=False,
    )


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _historic_number(task, kind):
    """Demo replays of past periods give their documents' numbers (registered as numbers issued outside sakip)."""
    return (task.data or {}).get("numbers", {}).get(kind)


def _submissions(period):
    return list(UnitSubmission.objects.filter(period=period).select_related("unit").order_by("order", "unit__name"))


def _all(period, test, label):
    subs = _submissions(period)
    if not subs:
        return False, _("Formulir unit belum disiapkan.")
    pending = [s.unit.name for s in subs if not getattr(s, test)]
    if pending:
        return False, _("%(n)s unit belum %(what)s: %(l)s.") % {
            "n": len(pending),
            "what": label,
            "l": ", ".join(pending),
        }
    return True, ""


# --- the actions ----------------------------------------------------------------------------------------------
class Action:
    code = A.NONE
    form_class = NoteForm
    button = gettext_lazy("Tandai selesai")

    def initial(self, task) -> dict:
        return {}

    def ready(self, task) -> tuple[bool, str]:
        return True, ""

    def perform(self, task, user, decision, data, now) -> dict:
        output = data.get("output", "")
        upload = data.get("file")
        result = {"output_text": output}
        if upload:
            try:
                filetypes.check(upload, upload.name, upload.size, S.max_upload_bytes())
            except filetypes.UploadRefused as exc:
                raise ValidationError({"file": str(exc)}) from None
            result["output_file"] = (upload.name[-80:], upload)
        if not output and not upload and task.kind != "decision":
            raise ValidationError({"output": _("Tuliskan output langkah ini atau unggah berkasnya.")})
        return result


class Disposition(Action):
    code = A.DISPOSITION
    form_class = DispositionForm
    button = gettext_lazy("Terbitkan disposisi")

    def initial(self, task):
        period = task.period
        return {
            "instruksi": _(
                "Segera laksanakan pengukuran kinerja %(tw)s tahun %(y)s sesuai SOP %(sop)s: siapkan dan "
                "kirim formulir ke setiap unit, "
                "himpun dan validasi data, lalu ajukan Dokumen Pengukuran Kinerja untuk ditandatangani."
            )
            % {"tw": period.tw_label, "y": period.year, "sop": period.sop_label},
            "kepada": "\n".join(_next_lanes(task)),
        }

    def perform(self, task, user, decision, data, now):
        period = task.period
        kepada = _lines(data["kepada"])
        doc = issue(
            user=user,
            task=task,
            doc_type="disposisi",
            subject=_("Disposisi pengukuran kinerja %(tw)s %(y)s") % {"tw": period.tw_label, "y": period.year},
            html_template="measurement/print/disposisi.html",
            docx_render=documents_docx.disposisi_docx,
            now=now,
            context={"period": period, "instruksi": data["instruksi"], "kepada": kepada, "sop_label": period.sop_label},
        )
        return {"output_text": data["instruksi"], "output_document": doc, "data": {"kepada": kepada}}


def _next_lanes(task):
    labels = []
    for other in Task.objects.filter(period=task.period, round=1, number__gt=task.number).order_by("number")[:3]:
        for label in other.lanes_label.split(", "):
            if label and label not in labels:
                labels.append(label)
    return labels or [_("Tim SAKIP")]


class PrepareForms(Action):
    code = A.PREPARE_FORMS
    form_class = None
    button = gettext_lazy("Siapkan formulir dari PK dan pohon kinerja")

    def perform(self, task, user, decision, data, now):
        period = task.period
        counts = forms_builder.build(period)
        subs = _submissions(period)
        if not subs:
            raise ValidationError(
                _("Tidak ada indikator atau program untuk tahun %(y)s; formulir tidak dapat disiapkan.")
                % {"y": period.year}
            )
        rows = sum(s.rows.count() for s in subs)
        content = forms_workbook(period)
        text = _("Formulir disiapkan untuk %(u)s unit: %(r)s indikator dan %(b)s program.") % {
            "u": len(subs),
            "r": rows,
            "b": sum(s.budget_rows.count() for s in subs),
        }
        return {
            "output_text": text,
            "output_file": (f"formulir-pengukuran-{period.year}-tw{period.triwulan}.xlsx", ContentFile(content)),
            "data": {"counts": counts},
        }


class Distribute(Action):
    code = A.DISTRIBUTE
    form_class = DistributeForm
    button = gettext_lazy("Kirim formulir ke setiap unit")

    def initial(self, task):
        period = task.period
        deadline = cal.due_after(timezone.now(), 5 * 450)
        return {
            "pesan": _(
                "Mohon mengisi realisasi %(tw)s %(y)s beserta bukti dukungnya pada formulir unit "
                "masing-masing, lalu mengajukannya kepada kepala unit untuk divalidasi paling lambat "
                "%(d)s."
            )
            % {"tw": period.tw_label, "y": period.year, "d": tanggal(timezone.localtime(deadline).date())}
        }

    def perform(self, task, user, decision, data, now):
        period = task.period
        if not period.submissions.exists():
            forms_builder.build(period)
        subs = _submissions(period)
        if not subs:
            raise ValidationError(_("Belum ada formulir unit yang dapat dikirim."))
        S.open_entry(period, now=now)
        recipients = 0
        for submission in subs:
            users = S._unit_users(submission)
            recipients += len({u.pk for u in users})
            notifications.notify(
                users,
                title=_("Formulir pengukuran %(tw)s %(y)s untuk %(unit)s")
                % {"tw": period.tw_label, "y": period.year, "unit": submission.unit.name},
                body=data["pesan"],
                url=S.submission_url(submission),
                period=period,
                task=task,
                kind="form",
                now=now,
            )
        return {
            "output_text": _("Formulir dikirim ke %(n)s unit (%(r)s penerima).") % {"n": len(subs), "r": recipients}
            + "\n"
            + data["pesan"]
        }


class Invite(Action):
    code = A.INVITE
    form_class = InviteForm
    button = gettext_lazy("Terbitkan undangan rapat")

    def initial(self, task):
        period = task.period
        calendar = cal.work_calendar({period.year, timezone.localdate().year})
        day = calendar.next_working_moment(
            cal.to_local(timezone.now() + timedelta(days=1)).replace(hour=8, minute=0)
        ).date()
        default_ids = list(officials_queryset(period).values_list("pk", flat=True))
        return {
            "tanggal": day,
            "waktu": "09.00 WIB s.d. selesai",
            "tempat": _("Ruang Rapat %(opd)s") % {"opd": period.opd.akronim},
            "acara": _("Pembahasan pengukuran kinerja %(tw)s tahun %(y)s") % {"tw": period.tw_label, "y": period.year},
            "peserta": default_ids,
        }

    def perform(self, task, user, decision, data, now):
        period = task.period
        invitees = list(data["peserta"])
        meeting = Meeting.objects.filter(period=period).order_by("-pk").first() or Meeting(period=period)
        meeting.date, meeting.time_text, meeting.place, meeting.agenda = (
            data["tanggal"],
            data["waktu"],
            data["tempat"],
            data["acara"],
        )
        meeting.save()
        meeting.invitees.set(invitees)
        recipients = _("Peserta rapat (daftar terlampir)") if len(invitees) > 6 else None
        names = [e.full_name for e in invitees]
        context = {
            "letter": {
                "sifat": "Segera",
                "lampiran_note": "1 (satu) lembar" if recipients else "-",
                "subject": _("Undangan rapat pengukuran kinerja %(tw)s %(y)s")
                % {"tw": period.tw_label, "y": period.year},
                "recipient_place": _("Tempat"),
            },
            "recipients": [recipients] if recipients else names,
            "paragraphs": [
                _(
                    "Dalam rangka pengukuran kinerja %(opd)s %(tw)s tahun %(y)s sesuai SOP %(sop)s, "
                    "dengan hormat kami mengundang Bapak/Ibu untuk hadir pada:"
                )
                % {"opd": period.opd.akronim, "tw": period.tw_label, "y": period.year, "sop": period.sop_label}
            ],
            "details": {
                "hari_tanggal_text": hari_tanggal(data["tanggal"]),
                "waktu": data["waktu"],
                "tempat": data["tempat"],
                "acara": data["acara"],
            },
            "items": [],
            "closing": _(
                "Mengingat pentingnya acara tersebut, dimohon hadir tepat waktu dengan membawa data "
                "realisasi unit masing-masing. Atas perhatiannya diucapkan terima kasih."
            ),
            "tembusan": [],
            "attendee_list": names if recipients else [],
        }
        doc = issue(
            user=user,
            task=task,
            doc_type="undangan",
            subject=context["letter"]["subject"],
            html_template="measurement/print/undangan.html",
            docx_render=documents_docx.undangan_docx,
            context=context,
            klasifikasi=None if _historic_number(task, "undangan") else "005",
            number=_historic_number(task, "undangan"),
            now=now,
        )
        meeting.invitation = doc
        meeting.save()
        notifications.notify(
            notifications.users_of_employees([e.pk for e in invitees]),
            title=context["letter"]["subject"],
            body=f"{hari_tanggal(data['tanggal'])}, {data['waktu']}, {data['tempat']}",
            url=doc.get_absolute_url(),
            period=period,
            task=task,
            kind="invite",
            now=now,
        )
        return {
            "output_text": _("Undangan %(n)s untuk %(c)s peserta: %(d)s, %(w)s, %(t)s.")
            % {
                "n": doc.number,
                "c": len(invitees),
                "d": hari_tanggal(data["tanggal"]),
                "w": data["waktu"],
                "t": data["tempat"],
            },
            "output_document": doc,
        }


class HoldMeeting(Action):
    code = A.HOLD_MEETING
    form_class = MeetingForm
    button = gettext_lazy("Simpan notulen rapat")

    def initial(self, task):
        meeting = Meeting.objects.filter(period=task.period).order_by("-pk").first()
        invited = (
            list(meeting.invitees.values_list("pk", flat=True))
            if meeting
            else list(officials_queryset(task.period).values_list("pk", flat=True))
        )
        return {
            "hadir": invited,
            "notulen": _(
                "1. Tim SAKIP menjelaskan jadwal pengukuran dan cara pengisian formulir.\n2. Disepakati "
                "definisi operasional dan sumber data setiap indikator.\n"
                "3. Setiap unit mengajukan realisasi beserta bukti dukung sesuai jadwal."
            ),
        }

    def perform(self, task, user, decision, data, now):
        period = task.period
        meeting = Meeting.objects.filter(period=period).order_by("-pk").first()
        if meeting is None:
            meeting = Meeting.objects.create(
                period=period,
                date=timezone.localtime(now).date(),
                place=_("Ruang Rapat %(opd)s") % {"opd": period.opd.akronim},
                agenda=_("Pembahasan pengukuran kinerja %(tw)s tahun %(y)s")
                % {"tw": period.tw_label, "y": period.year},
            )
        attendees = list(data["hadir"])
        meeting.attendees.set(attendees)
        meeting.minutes_text = data["notulen"].strip()
        meeting.held_at = now
        meeting.save()
        held_on = meeting.date or timezone.localtime(now).date()
        doc = issue(
            user=user,
            task=task,
            doc_type="notulen",
            subject=_("Notulen rapat pengukuran kinerja %(tw)s %(y)s") % {"tw": period.tw_label, "y": period.year},
            html_template="measurement/print/notulen.html",
            docx_render=documents_docx.notulen_docx,
            now=now,
            context={
                "period": period,
                "meeting": meeting,
                "attendees": _with_positions(attendees, held_on),
                "points": _lines(meeting.minutes_text),
                "held_on_text": hari_tanggal(held_on),
            },
        )
        meeting.minutes = doc
        meeting.save()
        return {
            "output_text": _("Rapat dihadiri %(n)s orang. %(m)s") % {"n": len(attendees), "m": meeting.minutes_text},
            "output_document": doc,
        }


def _with_positions(employees, on):
    """[(employee, "Plt. Kepala …")] with the position each held on the date, the head first (one query)."""
    rank = {Position.Kind.JPT_PRATAMA: 0, Position.Kind.ADMINISTRATOR: 1, Position.Kind.PENGAWAS: 2}
    held = {}
    for a in (
        Assignment.objects.active_on(on)
        .filter(employee__in=employees)
        .select_related("position")
        .order_by("-kind_rank")
    ):
        held[a.employee_id] = (f"{a.prefix}{a.position.display_short}", rank.get(a.position.kind, 3), a.position.order)
    rows = [(e, held.get(e.pk, ("", 9, 0))) for e in employees]
    rows.sort(key=lambda r: (r[1][1], r[1][2], r[1][0], r[0].name))
    return [(e, info[0]) for e, info in rows]


class Collect(Action):
    code = A.COLLECT
    form_class = None
    button = gettext_lazy("Tandai selesai dihimpun")

    def ready(self, task):
        if task.unit_id:
            mine = UnitSubmission.objects.filter(period=task.period, unit_id=task.unit_id).first()
            if mine is None or mine.is_submitted:
                return True, ""
            return False, _("Formulir %(unit)s belum diajukan.") % {"unit": mine.unit.name}
        return _all(task.period, "is_submitted", _("mengajukan formulirnya"))

    def perform(self, task, user, decision, data, now):
        return {"output_text": _("Semua formulir unit sudah diajukan.")}


class Validate(Collect):
    code = A.VALIDATE
    button = gettext_lazy("Tandai selesai divalidasi")

    def ready(self, task):
        if task.unit_id:
            mine = UnitSubmission.objects.filter(period=task.period, unit_id=task.unit_id).first()
            if mine is None or mine.is_validated:
                return True, ""
            return False, _("Data %(unit)s belum divalidasi kepala unitnya.") % {"unit": mine.unit.name}
        return _all(task.period, "is_validated", _("divalidasi kepala unitnya"))

    def perform(self, task, user, decision, data, now):
        return {"output_text": _("Semua data unit sudah divalidasi.")}


class Correct(Action):
    code = A.CORRECT
    form_class = CorrectForm
    button = gettext_lazy("Simpan hasil koreksi")

    def ready(self, task):
        return True, ""

    def perform(self, task, user, decision, data, now):
        period = task.period
        returning = data.get("hasil") == "kembalikan" or decision == Task.Decision.TIDAK
        note = (data.get("catatan") or "").strip()
        if task.kind == "decision":
            returning = decision == Task.Decision.TIDAK
        if returning:
            if not note:
                raise ValidationError({"catatan": _("Tuliskan catatan koreksi: apa yang harus diperbaiki.")})
            for submission in data.get("unit") or []:
                S.return_unit(user=user, submission=submission, reason=note, now=now)
            if task.kind != "decision":
                return {
                    "keep_open": True,
                    "note": note,
                    "reason": "Dikembalikan untuk diperbaiki",
                    "data": {
                        "returns": [
                            *(task.data or {}).get("returns", []),
                            {
                                "at": now.isoformat(),
                                "note": note,
                                "units": [s.unit.name for s in data.get("unit") or []],
                            },
                        ]
                    },
                }
            return {"output_text": _("Dikembalikan untuk diperbaiki: %(n)s") % {"n": note}, "note": note}
        ok, message = _all(period, "is_validated", _("divalidasi kepala unitnya"))
        if not ok:
            raise ValidationError(message)
        approved = 0
        if not is_system(user) and policies.is_kepala(user, period.opd_id):
            approved = S.approve_all(user=user, period=period, now=now)
        text = _("Dokumen Pengukuran Kinerja sudah dikoreksi dan diterima.") + (f" {note}" if note else "")
        if approved:
            text += " " + _("%(n)s formulir unit disetujui Kepala.") % {"n": approved}
        return {"output_text": text, "note": note}


class Copy(Action):
    code = A.COPY
    form_class = CopyForm
    button = gettext_lazy("Catat penggandaan dan distribusi")

    def initial(self, task):
        opd = task.period.opd
        lines = [_pemda_head_title(opd), _inspektur_title(opd), _("Arsip %(opd)s") % {"opd": opd.akronim}]
        return {"jumlah": len(lines), "distribusi": "\n".join(lines)}

    def perform(self, task, user, decision, data, now):
        lines = _lines(data["distribusi"])
        if not lines:
            raise ValidationError({"distribusi": _("Tuliskan sedikitnya satu penerima.")})
        doc = task.period.dpk_document
        return {
            "output_text": _("%(n)s eksemplar%(doc)s: %(l)s.")
            % {"n": data["jumlah"], "doc": f" {doc.number}" if doc else "", "l": "; ".join(lines)},
            "data": {"jumlah": data["jumlah"], "distribusi": lines},
        }


class Archive(Action):
    code = A.ARCHIVE
    form_class = DecisionNoteForm
    button = gettext_lazy("Arsipkan dan tutup periode")

    def ready(self, task):
        period = task.period
        has_sign = Task.objects.filter(period=period, action=A.SIGN).exists()
        if has_sign and not period.dpk_document_id:
            return False, _("Dokumen Pengukuran Kinerja belum ditandatangani.")
        return True, ""

    def perform(self, task, user, decision, data, now):
        period = task.period
        lines = []
        for label, doc in (
            (_("Dokumen Pengukuran Kinerja"), period.dpk_document),
            (_("Surat pengantar"), period.cover_letter),
        ):
            if doc is not None:
                lines.append(f"{label}: {doc.number or '-'} ({doc.sha256[:12]}…)")
        for t in (
            Task.objects.filter(period=period, output_document__isnull=False)
            .select_related("output_document", "output_document__doc_type")
            .exclude(output_document=period.dpk_document)
            .exclude(output_document=period.cover_letter)
        ):
            lines.append(
                f"{t.output_document.doc_type.name}: {t.output_document.number or t.output_document.code_display}"
            )
        evidence = Evidence.objects.filter(realisasi__submission__period=period, active=True).count()
        lines.append(_("Bukti dukung: %(n)s berkas (tersimpan dengan SHA-256).") % {"n": evidence})
        if data.get("catatan"):
            lines.append(data["catatan"])
        return {"output_text": "\n".join(lines)}


REGISTRY = {
    cls.code: cls()
    for cls in (
        Action,
        Disposition,
        PrepareForms,
        Distribute,
        Invite,
        HoldMeeting,
        Collect,
        Validate,
        Correct,
        Copy,
        Archive,
    )
}
# The steps that compile, send and sign the Dokumen Pengukuran Kinerja (submit, request_approval, sign,
# number_cover_letter) are the reporting app's: sakip/reporting/step_actions.py registers them from
# ReportingConfig.ready(), so measurement never imports reporting. measurement/tests/test_step_action_registry.py
# fails if a step code of sakip.sop.actions has no action.


def register(cls):
    """Class decorator: another app contributes the action of a step code."""
    REGISTRY[cls.code] = cls()
    return cls


def spec(task) -> Action:
    return REGISTRY.get(task.action, REGISTRY[A.NONE])


def form_for(task, data=None, files=None):
    action = spec(task)
    if action.form_class is None:
        return None
    if data is None:
        return action.form_class(task=task, initial=action.initial(task))
    return action.form_class(data, files, task=task)


def perform(*, task, user, decision, inputs, files, now) -> dict:
    """Validate the lane's inputs with the action's form, check readiness, do the work."""
    action = spec(task)
    ok, message = action.ready(task)
    returning = task.action == A.CORRECT and (decision == Task.Decision.TIDAK or inputs.get("hasil") == "kembalikan")
    if not ok and not returning:
        raise ValidationError(message)
    cleaned = {}
    if action.form_class is not None:
        form = action.form_class(inputs, files, task=task)
        if not form.is_valid():
            raise ValidationError({name: errs for name, errs in form.errors.items()})
        cleaned = form.cleaned_data
    return action.perform(task, user, decision, cleaned, now)
