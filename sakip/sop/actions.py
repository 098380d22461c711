"""System actions of SOP steps — the stable contract between the SOP register and the Measurement app.

A step of an SOP may carry one action code. The Measurement app starts a workflow from an SOP in
force (``sakip.sop.selectors.procedure``) and, for each step, creates the task(s) of its lanes and
performs the action named by the code. The codes are stored in the database and read by other apps:
they never change meaning and are never renamed. New codes may be added at the end.

- ``none`` (Tanpa aksi sistem): a plain task: the lane's holder marks it done
- ``disposition`` (Disposisi / perintah): records the head's instruction (lembar disposisi) that opens the period
- ``prepare_forms`` (Menyiapkan formulir): generates the data-collection forms (realisasi per indicator and unit)
- ``distribute`` (Menyampaikan formulir): sends the forms to every unit (one task per unit)
- ``invite`` (Mengundang rapat): issues a meeting invitation (letter through the Documents app)
- ``hold_meeting`` (Melaksanakan rapat): records the meeting (attendance, minutes)
- ``collect`` (Menghimpun data): the units fill their realisasi and evidence
- ``validate`` (Memvalidasi data): the unit head validates his unit's data (locks it for the unit)
- ``submit`` (Menyampaikan data): the validated data is submitted to the next lane
- ``correct`` (Mengoreksi dokumen): review step: accept or return with notes
- ``request_approval`` (Mengajukan persetujuan): the document is submitted to the signer
- ``sign`` (Menandatangani): the signer signs (Documents app: sign)
- ``number_cover_letter`` (Membuat & menomori surat pengantar): a cover letter is drafted and numbered (Documents app:
  number)
- ``copy`` (Menggandakan): copies are produced / distributed
- ``archive`` (Mengarsipkan): the signed document is archived (Documents app: archive)
"""

from django.utils.translation import gettext_lazy as _

NONE = "none"
DISPOSITION = "disposition"
PREPARE_FORMS = "prepare_forms"
DISTRIBUTE = "distribute"
INVITE = "invite"
HOLD_MEETING = "hold_meeting"
COLLECT = "collect"
VALIDATE = "validate"
SUBMIT = "submit"
CORRECT = "correct"
REQUEST_APPROVAL = "request_approval"
SIGN = "sign"
NUMBER_COVER_LETTER = "number_cover_letter"
COPY = "copy"
ARCHIVE = "archive"

CHOICES = [
    (NONE, _("Tanpa aksi sistem")),
    (DISPOSITION, _("Disposisi / perintah")),
    (PREPARE_FORMS, _("Menyiapkan formulir")),
    (DISTRIBUTE, _("Menyampaikan formulir")),
    (INVITE, _("Mengundang rapat")),
    (HOLD_MEETING, _("Melaksanakan rapat")),
    (COLLECT, _("Menghimpun data")),
    (VALIDATE, _("Memvalidasi data")),
    (SUBMIT, _("Menyampaikan data")),
    (CORRECT, _("Mengoreksi dokumen")),
    (REQUEST_APPROVAL, _("Mengajukan persetujuan")),
    (SIGN, _("Menandatangani")),
    (NUMBER_COVER_LETTER, _("Membuat dan menomori surat pengantar")),
    (COPY, _("Menggandakan")),
    (ARCHIVE, _("Mengarsipkan")),
]

CODES = [code for code, _label in CHOICES]
LABELS = dict(CHOICES)


def label(code: str) -> str:
    """The Indonesian label of an action code (what the screens show; the code itself is for the apps)."""
    return LABELS.get(code, code)


# Words in a step's text that suggest an action (used by imports to propose a code; the user decides).
KEYWORDS = [
    (DISPOSITION, ("memerintahkan", "disposisi", "menugaskan")),
    (
        PREPARE_FORMS,
        ("membuat format", "menyiapkan format", "menyusun format", "membuat formulir", "menyiapkan formulir"),
    ),
    (DISTRIBUTE, ("menyampaikan format", "mendistribusikan", "menyampaikan formulir")),
    (INVITE, ("mengundang",)),
    (HOLD_MEETING, ("melaksanakan rapat", "rapat pembahasan")),
    (VALIDATE, ("memvalidasi", "verifikasi", "memverifikasi")),
    (COLLECT, ("menghimpun", "mengumpulkan", "merekap")),
    (REQUEST_APPROVAL, ("meminta persetujuan", "mengajukan persetujuan")),
    (CORRECT, ("mengoreksi", "memeriksa", "mereviu")),
    (SUBMIT, ("menyampaikan", "mengirimkan")),
    (SIGN, ("penandatanganan", "menandatangani")),
    (NUMBER_COVER_LETTER, ("surat pengantar", "penomoran")),
    (COPY, ("penggandaan", "menggandakan")),
    (ARCHIVE, ("pengarsipan", "mengarsipkan")),
]


def suggest(text: str) -> str:
    """The action a step's wording suggests, or "none"."""
    low = (text or "").lower()
    for code, words in KEYWORDS:
        if any(w in low for w in words):
            return code
    return NONE
