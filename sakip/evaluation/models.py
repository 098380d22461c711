"""Evaluation of SAKIP implementation (PermenPAN-RB 88/2021): versioned LKE templates, the
evaluations of each OPD per year, criterion answers (OPD, automatic, evaluator), sub-component
answers, findings (Kondisi/Kriteria/Sebab/Akibat), recommendations and their follow-up, and the
Surat Pernyataan that answers them.

State fields change only through the transitions in services.py (django-fsm-2, protected).
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from sakip.core.models import DomainModel
from sakip.core.numbers import DecimalField

from . import scoring

YT_CHOICES = [("Y", _("Ya")), ("T", _("Tidak"))]


# --- LKE templates (reference data, versioned) ------------------------------------------------
class LkeTemplate(FSMModelMixin, DomainModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf (dapat diubah)")
        ACTIVE = "active", _("Berlaku")
        RETIRED = "retired", _("Tidak berlaku")

    class Comparator(models.TextChoices):
        GT = scoring.COMPARATOR_GT, _("Batas bawah eksklusif (lebih dari)")
        GE = scoring.COMPARATOR_GE, _("Batas bawah inklusif (lebih dari atau sama dengan)")

    key = models.CharField(
        _("Kode templat"),
        max_length=40,
        unique=True,
        help_text=_('Mis. "88/2021"; salinan mendapat kode baru, mis. "88/2021-v2".'),
    )
    name = models.CharField(_("Nama"), max_length=200)
    regulation = models.CharField(_("Dasar peraturan"), max_length=300)
    version = models.PositiveSmallIntegerField(_("Versi"), default=1)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="copies", verbose_name=_("Disalin dari")
    )
    status = FSMField(_("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT, protected=True)
    comparator = models.CharField(
        _("Pembanding batas predikat"), max_length=2, choices=Comparator.choices, default=Comparator.GT
    )
    notes = models.TextField(_("Catatan"), blank=True)

    class Meta:
        verbose_name = _("Templat LKE")
        verbose_name_plural = _("Templat LKE")
        ordering = ["key"]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None

    # --- transitions (called only from services.publish_template) ------------------------------------
    @transition(field=status, source=Status.DRAFT, target=Status.ACTIVE)
    def publish(self):
        pass

    @transition(field=status, source=Status.ACTIVE, target=Status.RETIRED)
    def retire(self):
        pass

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    def spec(self) -> scoring.TemplateSpec:
        """The scoring view of this template (3 queries)."""
        components = {c.code: c.weight for c in self.components.order_by("order", "code")}
        subs = {
            s.code: (s.component.code, s.weight)
            for s in self.subcomponents.select_related("component").order_by("component__order", "order", "code")
        }
        answers = {a.code: a.value for a in self.answer_options.order_by("order")}
        bands = tuple(scoring.Band(b.code, b.lower, b.upper, b.label) for b in self.bands.all())
        return scoring.TemplateSpec(
            key=self.key,
            components=components,
            subcomponents=subs,
            answers=answers,
            bands=bands,
            comparator=self.comparator,
        )


class LkeComponent(DomainModel):
    template = models.ForeignKey(
        LkeTemplate, on_delete=models.CASCADE, related_name="components", verbose_name=_("Templat")
    )
    code = models.CharField(_("Kode"), max_length=8)
    name = models.CharField(_("Komponen"), max_length=300)
    weight = DecimalField(_("Bobot"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal(0))])
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("Komponen LKE")
        verbose_name_plural = _("Komponen LKE")
        ordering = ["template", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="uniq_lke_component")]

    def __str__(self):
        return f"{self.code}. {self.name}"

    def get_opd_id(self):
        return None


class LkeSubComponent(DomainModel):
    class Kind(models.TextChoices):
        A = "a", _("Pemenuhan")
        B = "b", _("Kualitas")
        C = "c", _("Pemanfaatan")

    template = models.ForeignKey(
        LkeTemplate, on_delete=models.CASCADE, related_name="subcomponents", verbose_name=_("Templat")
    )
    component = models.ForeignKey(
        LkeComponent, on_delete=models.CASCADE, related_name="subcomponents", verbose_name=_("Komponen")
    )
    code = models.CharField(_("Kode"), max_length=8)
    kind = models.CharField(_("Jenis"), max_length=1, choices=Kind.choices)
    name = models.TextField(_("Sub-komponen"))
    weight = DecimalField(_("Bobot"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal(0))])
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("Sub-komponen LKE")
        verbose_name_plural = _("Sub-komponen LKE")
        ordering = ["template", "component__order", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="uniq_lke_subcomponent")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_opd_id(self):
        return None


class LkeCriterion(DomainModel):
    template = models.ForeignKey(
        LkeTemplate, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("Templat")
    )
    subcomponent = models.ForeignKey(
        LkeSubComponent, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("Sub-komponen")
    )
    code = models.CharField(_("Kode"), max_length=12)
    number = models.PositiveSmallIntegerField(_("Nomor"))
    text = models.TextField(_("Kriteria"))
    evidence_hint = models.CharField(_("Bukti dukung"), max_length=300, blank=True)
    auto_rule = models.CharField(
        _("Aturan jawaban otomatis"),
        max_length=40,
        blank=True,
        help_text=_("Kode aturan di registri jawaban otomatis (kosong = tidak otomatis)."),
    )

    class Meta:
        verbose_name = _("Kriteria LKE")
        verbose_name_plural = _("Kriteria LKE")
        ordering = ["template", "subcomponent__component__order", "subcomponent__order", "number"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="uniq_lke_criterion")]

    def __str__(self):
        return f"{self.code} {self.text}"

    def get_opd_id(self):
        return None


class LkeAnswerOption(DomainModel):
    template = models.ForeignKey(
        LkeTemplate, on_delete=models.CASCADE, related_name="answer_options", verbose_name=_("Templat")
    )
    code = models.CharField(_("Jawaban"), max_length=4)
    value = DecimalField(_("Nilai (% bobot)"), max_digits=5, decimal_places=2)
    description_a = models.TextField(_("Kondisi untuk pemenuhan (a)"), blank=True)
    description_bc = models.TextField(_("Kondisi untuk kualitas/pemanfaatan (b/c)"), blank=True)
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("Skala jawaban LKE")
        verbose_name_plural = _("Skala jawaban LKE")
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="uniq_lke_answer")]

    def __str__(self):
        return f"{self.code} ({self.value}%)"

    def get_opd_id(self):
        return None


class LkePredicateBand(DomainModel):
    template = models.ForeignKey(LkeTemplate, on_delete=models.CASCADE, related_name="bands", verbose_name=_("Templat"))
    code = models.CharField(_("Predikat"), max_length=4)
    lower = DecimalField(_("Batas bawah"), max_digits=6, decimal_places=2)
    upper = DecimalField(_("Batas atas"), max_digits=6, decimal_places=2)
    label = models.CharField(_("Sebutan"), max_length=60)
    interpretation = models.TextField(_("Interpretasi"), blank=True)

    class Meta:
        verbose_name = _("Predikat LKE")
        verbose_name_plural = _("Predikat LKE")
        ordering = ["template", "-lower"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="uniq_lke_band")]

    def __str__(self):
        return f"{self.code} {self.label}"

    def get_opd_id(self):
        return None


# --- Settings per Pemda ------------------------------------------------------------------------
class EvaluationSettings(DomainModel):
    """Configurable follow-up rules of a Pemda (Perbup on internal AKIP evaluation)."""

    pemda = models.OneToOneField(
        "organization.Pemda", on_delete=models.CASCADE, related_name="evaluation_settings", verbose_name=_("Pemda")
    )
    followup_days = models.PositiveSmallIntegerField(
        _("Batas waktu tindak lanjut (hari)"),
        default=60,
        help_text=_("Jatuh tempo bawaan rekomendasi, dihitung dari tanggal LHE/final."),
    )
    reminder_days = models.PositiveSmallIntegerField(_("Pengingat sebelum jatuh tempo (hari)"), default=14)

    class Meta:
        verbose_name = _("Pengaturan evaluasi")
        verbose_name_plural = _("Pengaturan evaluasi")

    def get_opd_id(self):
        return None


# --- Evaluations ---------------------------------------------------------------------------------
class Evaluation(FSMModelMixin, DomainModel):
    """The evaluation of year N (held in N) of one OPD: judges the implementation of N−1
    (measurement, report) and the planning documents of N."""

    class State(models.TextChoices):
        DRAFT_MANDIRI = "draft_mandiri", _("Penilaian mandiri OPD")
        DIAJUKAN = "diajukan", _("Diajukan ke Inspektorat")
        REVIU = "reviu_evaluator", _("Reviu evaluator")
        DRAFT_DIKIRIM = "draft_dikirim", _("Draf nilai dikirim ke OPD")
        TANGGAPAN_PD = "tanggapan_pd", _("Tanggapan OPD")
        FINAL = "final", _("Final")
        LHE_TERBIT = "lhe_terbit", _("LHE terbit")

    # The OPD sees the evaluator's answers, notes and findings from these states on.
    SENT_STATES = {State.DRAFT_DIKIRIM, State.TANGGAPAN_PD, State.FINAL, State.LHE_TERBIT}
    CLOSED_STATES = {State.FINAL, State.LHE_TERBIT}

    opd = models.ForeignKey(
        "organization.OPD", on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("OPD")
    )
    year = models.PositiveSmallIntegerField(_("Tahun evaluasi"))
    template = models.ForeignKey(
        LkeTemplate, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("Templat LKE")
    )
    state = FSMField(_("Tahap"), max_length=20, choices=State.choices, default=State.DRAFT_MANDIRI, protected=True)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Evaluator"),
    )
    team = models.CharField(_("Tim evaluator"), max_length=300, blank=True)
    summary = models.TextField(_("Simpulan dan catatan umum"), blank=True)
    submitted_at = models.DateTimeField(_("Diajukan"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Draf dikirim"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("Final"), null=True, blank=True)
    lhe_number = models.CharField(_("Nomor LHE"), max_length=100, blank=True)
    lhe_date = models.DateField(_("Tanggal LHE"), null=True, blank=True)
    lhe_document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("Arsip LHE"),
    )
    # Scores kept at finalisation (the live score is computed from the answers).
    total_score = DecimalField(_("Nilai"), max_digits=6, decimal_places=2, null=True, blank=True)
    predikat = models.CharField(_("Predikat"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("Evaluasi AKIP")
        verbose_name_plural = _("Evaluasi AKIP")
        ordering = ["-year", "opd__name"]
        constraints = [models.UniqueConstraint(fields=["opd", "year"], name="uniq_evaluation_opd_year")]

    def __str__(self):
        return f"Evaluasi AKIP {self.opd} {self.year}"

    def get_absolute_url(self):
        return reverse("evaluation:detail", args=[self.pk])

    def get_scope_unit(self):
        return None

    @property
    def implementation_year(self):
        return self.year - 1

    @property
    def is_sent(self):
        return self.state in self.SENT_STATES

    @property
    def is_closed(self):
        return self.state in self.CLOSED_STATES

    # Transitions: called only from services (which check permission and preconditions).
    @transition(field=state, source=State.DRAFT_MANDIRI, target=State.DIAJUKAN)
    def submit(self):
        pass

    @transition(field=state, source=State.DIAJUKAN, target=State.DRAFT_MANDIRI)
    def return_to_opd(self):
        pass

    @transition(field=state, source=[State.DRAFT_MANDIRI, State.DIAJUKAN], target=State.REVIU)
    def start_review(self):
        pass

    @transition(field=state, source=State.REVIU, target=State.DRAFT_DIKIRIM)
    def send_draft(self):
        pass

    @transition(field=state, source=State.DRAFT_DIKIRIM, target=State.TANGGAPAN_PD)
    def respond(self):
        pass

    @transition(field=state, source=[State.DRAFT_DIKIRIM, State.TANGGAPAN_PD], target=State.FINAL)
    def finalize(self):
        pass

    @transition(field=state, source=State.FINAL, target=State.LHE_TERBIT)
    def issue_lhe(self):
        pass


class EvidenceLinkMixin(models.Model):
    """Evidence: an uploaded file, an address, or a link to a record in sakip (any model)."""

    label = models.CharField(_("Keterangan"), max_length=300, blank=True)
    file = models.FileField(_("Berkas"), upload_to="evaluation/bukti/%Y/", blank=True)
    url = models.CharField(_("Tautan"), max_length=500, blank=True)
    target_ct = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Jenis data")
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_ct", "target_id")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ditambahkan oleh"),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_label

    @property
    def display_label(self):
        if self.label:
            return self.label
        if self.target_id and self.target is not None:
            return str(self.target)
        if self.file:
            return self.file.name.rsplit("/", 1)[-1]
        return self.url

    @property
    def href(self):
        if self.file:
            return self.file.url
        if self.target_id and self.target is not None:
            return record_url(self.target) or safe_link(self.url)
        return safe_link(self.url)


def safe_link(url: str) -> str:
    """A typed link usable as href: http(s) or a page of sakip; anything else (javascript:, data:, …) is no
    link at all. The services refuse such links already (services._evidence_values); this holds for old rows."""
    url = (url or "").strip()
    if url.startswith(("http://", "https://")) or (url.startswith("/") and not url.startswith("//")):
        return url
    return ""


def record_url(obj) -> str:
    """The page of a sakip record, if it has one."""
    if hasattr(obj, "get_absolute_url"):
        try:
            return obj.get_absolute_url()
        except NoReverseMatch:
            return ""
    name = getattr(obj, "url_prefix", obj._meta.model_name)
    for candidate in (f"{name}_detail", name, f"{name}_edit"):
        try:
            return reverse(f"{obj._meta.app_label}:{candidate}", args=[obj.pk])
        except NoReverseMatch:
            continue
    return ""


class CriterionAnswer(DomainModel):
    """One criterion of one evaluation: the OPD's Y/T (self-assessment), the automatic answer
    computed from sakip's data, and the evaluator's Y/T."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="criterion_answers", verbose_name=_("Evaluasi")
    )
    criterion = models.ForeignKey(
        LkeCriterion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("Kriteria")
    )
    opd_answer = models.CharField(_("Jawaban OPD"), max_length=1, choices=YT_CHOICES, blank=True)
    opd_note = models.TextField(_("Catatan OPD"), blank=True)
    override_reason = models.TextField(_("Alasan berbeda dari jawaban otomatis"), blank=True)
    auto_answer = models.CharField(_("Jawaban otomatis"), max_length=1, choices=YT_CHOICES, blank=True)
    auto_reason = models.TextField(_("Dasar jawaban otomatis"), blank=True)
    auto_rule = models.CharField(_("Aturan"), max_length=300, blank=True)
    auto_evidence = models.JSONField(_("Bukti otomatis"), default=list, blank=True)
    auto_at = models.DateTimeField(_("Dihitung"), null=True, blank=True)
    evaluator_answer = models.CharField(_("Jawaban evaluator"), max_length=1, choices=YT_CHOICES, blank=True)
    evaluator_note = models.TextField(_("Catatan evaluator"), blank=True)

    class Meta:
        verbose_name = _("Jawaban kriteria")
        verbose_name_plural = _("Jawaban kriteria")
        ordering = [
            "evaluation",
            "criterion__subcomponent__component__order",
            "criterion__subcomponent__order",
            "criterion__number",
        ]
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="uniq_criterion_answer")]

    def __str__(self):
        return f"{self.criterion.code} · {self.evaluation}"

    def get_opd_id(self):
        return self.evaluation.opd_id

    def get_scope_unit(self):
        return None

    @property
    def effective_opd_answer(self):
        """What the OPD says: its own answer, else the automatic one."""
        return self.opd_answer or self.auto_answer

    @property
    def auto_gaps(self):
        return [item["label"] for item in self.auto_evidence or [] if item.get("gap")]

    @property
    def is_override(self):
        return bool(self.auto_answer and self.opd_answer and self.opd_answer != self.auto_answer)


class CriterionEvidence(EvidenceLinkMixin, DomainModel):
    answer = models.ForeignKey(
        CriterionAnswer, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("Jawaban kriteria")
    )

    class Meta:
        verbose_name = _("Bukti dukung kriteria")
        verbose_name_plural = _("Bukti dukung kriteria")
        ordering = ["answer", "pk"]

    def get_opd_id(self):
        return self.answer.evaluation.opd_id

    def get_scope_unit(self):
        return None


class SubComponentAnswer(DomainModel):
    """The evaluator's answer (AA … E) for a sub-component, with notes and responses both ways."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="sub_answers", verbose_name=_("Evaluasi")
    )
    subcomponent = models.ForeignKey(
        LkeSubComponent, on_delete=models.PROTECT, related_name="answers", verbose_name=_("Sub-komponen")
    )
    answer = models.CharField(_("Jawaban evaluator"), max_length=4, blank=True)
    years_kept = models.PositiveSmallIntegerField(
        _("Terpelihara (tahun)"),
        null=True,
        blank=True,
        help_text=_("Untuk sub-komponen pemenuhan (a): ≥1 tahun → A, ≥5 tahun → AA."),
    )
    commendable = models.BooleanField(_("Ada upaya yang patut dihargai"), default=False)
    national_model = models.BooleanField(_("Inovasi layak percontohan nasional"), default=False)
    evaluator_note = models.TextField(_("Catatan evaluator"), blank=True)
    opd_response = models.TextField(_("Tanggapan OPD"), blank=True)
    evaluator_response = models.TextField(_("Tanggapan evaluator atas tanggapan OPD"), blank=True)

    class Meta:
        verbose_name = _("Jawaban sub-komponen")
        verbose_name_plural = _("Jawaban sub-komponen")
        ordering = ["evaluation", "subcomponent__component__order", "subcomponent__order"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "subcomponent"], name="uniq_sub_answer")]

    def __str__(self):
        return f"{self.subcomponent.code} · {self.evaluation}"

    def get_opd_id(self):
        return self.evaluation.opd_id

    def get_scope_unit(self):
        return None


# --- Findings, recommendations, follow-up -------------------------------------------------------
class Finding(DomainModel):
    class Priority(models.TextChoices):
        TINGGI = "tinggi", _("Tinggi")
        SEDANG = "sedang", _("Sedang")
        RENDAH = "rendah", _("Rendah")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="findings", verbose_name=_("Evaluasi")
    )
    letter = models.CharField(_("Huruf"), max_length=4, help_text=_("Urutan temuan: a, b, c …"))
    title = models.CharField(_("Judul temuan"), max_length=400)
    kondisi = models.TextField(_("Kondisi"))
    subcomponents = models.ManyToManyField(
        LkeSubComponent, blank=True, related_name="findings", verbose_name=_("Sub-komponen LKE")
    )
    lke_criteria = models.ManyToManyField(
        LkeCriterion, blank=True, related_name="findings", verbose_name=_("Kriteria LKE")
    )
    norm = models.TextField(
        _("Kriteria (peraturan)"),
        blank=True,
        help_text=_("Teks peraturan yang menjadi norma; kosong = dasar peraturan templat LKE."),
    )
    sebab = models.TextField(_("Sebab"))
    akibat = models.TextField(_("Akibat"))
    priority = models.CharField(_("Prioritas"), max_length=8, choices=Priority.choices, default=Priority.SEDANG)

    class Meta:
        verbose_name = _("Temuan")
        verbose_name_plural = _("Temuan")
        ordering = ["evaluation", "letter"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "letter"], name="uniq_finding_letter")]

    def __str__(self):
        return f"{self.letter}. {self.title}"

    def get_absolute_url(self):
        return reverse("evaluation:findings", args=[self.evaluation_id]) + f"#temuan-{self.pk}"

    def get_opd_id(self):
        return self.evaluation.opd_id

    def get_scope_unit(self):
        return None

    @property
    def norm_text(self):
        return self.norm or f"{self.evaluation.template.regulation}, Lampiran I"


class Recommendation(FSMModelMixin, DomainModel):
    class State(models.TextChoices):
        BELUM = "belum", _("Belum ditindaklanjuti")
        RENCANA = "rencana_aksi", _("Rencana aksi disusun")
        PROSES = "dalam_proses", _("Dalam proses")
        VERIFIKASI = "menunggu_verifikasi", _("Menunggu verifikasi")
        SELESAI = "selesai", _("Selesai")
        SEBAGIAN = "sebagian", _("Sebagian (belum tuntas)")
        TIDAK_DAPAT = "tidak_dapat", _("Tidak dapat ditindaklanjuti")

    OPEN_STATES = {State.BELUM, State.RENCANA, State.PROSES, State.VERIFIKASI, State.SEBAGIAN}

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("Temuan")
    )
    number = models.PositiveSmallIntegerField(_("Nomor"), default=1)
    text = models.TextField(_("Rekomendasi"))
    subject = models.CharField(
        _("Pokok rekomendasi"),
        max_length=300,
        help_text=_(
            'Apa yang harus diperbaiki, mis. "SOP penyusunan dokumen perencanaan kinerja"; ditampilkan di '
            "samping bukti saat verifikasi."
        ),
    )
    state = FSMField(
        _("Status tindak lanjut"), max_length=20, choices=State.choices, default=State.BELUM, protected=True
    )
    due_date = models.DateField(_("Batas waktu"), null=True, blank=True)
    pic = models.ForeignKey(
        "organization.Position",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Penanggung jawab"),
    )
    action_plan = models.TextField(_("Rencana aksi tindak lanjut"), blank=True)
    progress_note = models.TextField(_("Uraian tindak lanjut"), blank=True)
    not_possible_reason = models.TextField(_("Alasan tidak dapat ditindaklanjuti"), blank=True)
    verification_note = models.TextField(_("Catatan verifikasi Inspektorat"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diverifikasi oleh"),
    )
    verified_at = models.DateTimeField(_("Diverifikasi"), null=True, blank=True)
    last_reminded = models.DateField(_("Pengingat terakhir"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Rekomendasi")
        verbose_name_plural = _("Rekomendasi")
        ordering = ["finding__evaluation", "finding__letter", "number"]
        constraints = [models.UniqueConstraint(fields=["finding", "number"], name="uniq_recommendation_number")]

    def __str__(self):
        return f"{self.finding.letter}.{self.number} {self.subject}"

    def get_absolute_url(self):
        return reverse("evaluation:recommendation", args=[self.pk])

    def get_opd_id(self):
        return self.finding.evaluation.opd_id

    def get_scope_unit(self):
        return self.pic.unit if self.pic_id else None

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES

    @transition(field=state, source=[State.BELUM, State.RENCANA], target=State.RENCANA)
    def plan(self):
        pass

    @transition(field=state, source=[State.RENCANA, State.SEBAGIAN, State.BELUM], target=State.PROSES)
    def start(self):
        pass

    @transition(field=state, source=[State.BELUM, State.RENCANA, State.PROSES, State.SEBAGIAN], target=State.VERIFIKASI)
    def submit_for_verification(self):
        pass

    @transition(field=state, source=State.VERIFIKASI, target=State.SELESAI)
    def verify_done(self):
        pass

    @transition(field=state, source=State.VERIFIKASI, target=State.SEBAGIAN)
    def verify_partial(self):
        pass

    @transition(field=state, source=State.VERIFIKASI, target=State.PROSES)
    def return_for_rework(self):
        pass

    @transition(
        field=state,
        source=[State.BELUM, State.RENCANA, State.PROSES, State.VERIFIKASI, State.SEBAGIAN],
        target=State.TIDAK_DAPAT,
    )
    def mark_not_possible(self):
        pass


class FollowUpEvidence(EvidenceLinkMixin, DomainModel):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("Rekomendasi")
    )
    description = models.TextField(_("Uraian"), blank=True)

    class Meta:
        verbose_name = _("Bukti tindak lanjut")
        verbose_name_plural = _("Bukti tindak lanjut")
        ordering = ["recommendation", "pk"]

    def get_opd_id(self):
        return self.recommendation.finding.evaluation.opd_id

    def get_scope_unit(self):
        return None


class SuratPernyataan(FSMModelMixin, DomainModel):
    """The OPD head's statement answering chosen recommendations (with lampiran), numbered,
    signed and archived through the documents service."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SIGNED = "signed", _("Ditandatangani")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="statements", verbose_name=_("Evaluasi")
    )
    recommendations = models.ManyToManyField(
        Recommendation, related_name="statements", verbose_name=_("Rekomendasi yang ditanggapi")
    )
    statements = models.TextField(_("Pernyataan"), help_text=_("Satu butir per baris."))
    state = FSMField(
        _("Status"), max_length=8, choices=State.choices, default=State.DRAFT, protected=True, editable=False
    )
    number = models.CharField(_("Nomor"), max_length=100, blank=True)
    date = models.DateField(_("Tanggal"), null=True, blank=True)
    signer_name = models.CharField(_("Nama penanda tangan"), max_length=200, blank=True, editable=False)
    signer_title = models.CharField(_("Jabatan penanda tangan"), max_length=200, blank=True, editable=False)
    signer_pangkat = models.CharField(_("Pangkat"), max_length=100, blank=True, editable=False)
    signer_nip = models.CharField(_("NIP"), max_length=18, blank=True, editable=False)
    document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("Arsip dokumen"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Surat Pernyataan")
        verbose_name_plural = _("Surat Pernyataan")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"Surat Pernyataan {self.number}" if self.number else str(_("Surat Pernyataan (draf)"))

    def get_absolute_url(self):
        return reverse("evaluation:statement", args=[self.pk])

    def get_opd_id(self):
        return self.evaluation.opd_id

    def get_scope_unit(self):
        return None

    # --- transitions (called only from services.sign_statement and the demo's signed seed) --------------
    @transition(field=state, source=State.DRAFT, target=State.SIGNED)
    def sign(self):
        pass

    @property
    def statement_lines(self):
        return [line.strip() for line in self.statements.splitlines() if line.strip()]


class StatementAttachment(EvidenceLinkMixin, DomainModel):
    """A lampiran of a Surat Pernyataan (e.g. the SOP), a file or a sakip record."""

    statement = models.ForeignKey(
        SuratPernyataan, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("Surat Pernyataan")
    )

    class Meta:
        verbose_name = _("Lampiran Surat Pernyataan")
        verbose_name_plural = _("Lampiran Surat Pernyataan")
        ordering = ["statement", "pk"]

    def get_opd_id(self):
        return self.statement.evaluation.opd_id

    def get_scope_unit(self):
        return None
