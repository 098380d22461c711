"""Automatic self-assessment: a registry of small rules, one per LKE criterion that sakip's own
data can judge.

Each rule receives a `RuleContext` (the OPD, the evaluation year N, the planning year N and the
implementation year N−1) and returns an `AutoAnswer` (Y/T, the reason in one or two Indonesian
sentences, links to the evidence, the list of gaps) or None when the data it needs does not
exist (yet) in sakip — then the criterion is left to the OPD.

A criterion of a template names its rule in `LkeCriterion.auto_rule` (the 88/2021 seed uses the
criterion code). Rules read other apps through their public selectors, imported directly: every app
is part of sakip, and a renamed selector must break the import (and the tests), not silently turn an
automatic answer off. None means only that the data a rule needs is not in sakip (yet).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from sakip.core import formats
from sakip.documents.models import ArchivedDocument
from sakip.measurement import selectors as measurement_selectors
from sakip.measurement.models import Period, UnitSubmission
from sakip.planning import selectors as planning_selectors
from sakip.planning.models import Indicator
from sakip.reporting.models import Lkjip
from sakip.sop import selectors as sop_selectors

from .models import Evaluation, Recommendation, record_url


@dataclass
class AutoAnswer:
    answer: str  # "Y" | "T"
    reason: str
    evidence: list[dict] = field(default_factory=list)  # [{"label": ..., "url": ...}]
    gaps: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.answer not in ("Y", "T"):
            raise ValueError(f"Jawaban otomatis harus Y atau T, bukan {self.answer!r}.")


@dataclass
class RuleContext:
    opd: object
    year: int  # evaluation year N
    evaluation: object = None

    @property
    def plan_year(self):
        return self.year

    @property
    def implementation_year(self):
        return self.year - 1


@dataclass
class Rule:
    code: str
    title: str
    func: Callable[[RuleContext], AutoAnswer | None]


REGISTRY: dict[str, Rule] = {}


def rule(code: str, title: str):
    """Register `func` as the automatic rule `code` ("1.b.8")."""

    def decorator(func):
        REGISTRY[code] = Rule(code, title, func)
        return func

    return decorator


def link(obj, label=None) -> dict:
    return {"label": str(label or obj), "url": record_url(obj)}


def url_or_blank(name, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def run_rule(code: str, ctx: RuleContext) -> AutoAnswer | None:
    item = REGISTRY.get(code)
    if item is None:
        return None
    return item.func(ctx)


# --- Rules on this app's own data ----------------------------------------------------------------
@rule("4.c.1", "Rekomendasi evaluasi tahun lalu telah ditindaklanjuti seluruhnya")
def recommendations_followed_up(ctx: RuleContext):
    previous = Evaluation.objects.filter(opd=ctx.opd, year=ctx.year - 1).first()
    if previous is None or not previous.is_closed:
        return None
    recs = list(
        Recommendation.objects.filter(finding__evaluation=previous)
        .select_related("finding")
        .order_by("finding__letter", "number")
    )
    evidence = [
        {
            "label": _("Matriks tindak lanjut LHE %(year)s") % {"year": previous.year},
            "url": reverse("evaluation:matriks_tl") + f"?evaluasi={previous.pk}",
        }
    ]
    if not recs:
        return AutoAnswer("Y", _("Evaluasi %(year)s tidak memuat rekomendasi.") % {"year": previous.year}, evidence)
    open_recs = [r for r in recs if r.is_open]
    if not open_recs:
        return AutoAnswer(
            "Y",
            _(
                "Seluruh %(n)s rekomendasi LHE %(year)s telah selesai ditindaklanjuti atau dinyatakan "
                "tidak dapat ditindaklanjuti."
            )
            % {"n": len(recs), "year": previous.year},
            evidence,
        )
    gaps = [f"{r.finding.letter}.{r.number} {r.subject} ({r.get_state_display()})" for r in open_recs]
    evidence += [link(r) for r in open_recs]
    return AutoAnswer(
        "T",
        _("%(open)s dari %(n)s rekomendasi LHE %(year)s belum tuntas ditindaklanjuti.")
        % {"open": len(open_recs), "n": len(recs), "year": previous.year},
        evidence,
        gaps,
    )


# --- Rules on the Planning app's data (sakip.planning.selectors) ---------------------------------
def _checks_link(ctx, label=None):
    url = url_or_blank("planning:checks")
    return {
        "label": label or _("Pemeriksaan perencanaan %(year)s") % {"year": ctx.plan_year},
        "url": f"{url}?opd={ctx.opd.pk}&tahun={ctx.plan_year}" if url else "",
    }


def _no_renstra(ctx):
    return AutoAnswer(
        "T",
        _("Belum ada Renstra %(opd)s yang mencakup tahun %(year)s di sakip.")
        % {"opd": ctx.opd.akronim, "year": ctx.plan_year},
        [{"label": _("Daftar Renstra"), "url": url_or_blank("planning:renstras")}],
        [_("Renstra tahun %(year)s belum ada") % {"year": ctx.plan_year}],
    )


@rule("1.a.3", "Renstra yang mencakup tahun evaluasi tersedia dan ditetapkan")
def renstra_available(ctx):
    renstra = planning_selectors.renstra_for(ctx.opd, ctx.plan_year)
    if renstra is None:
        return _no_renstra(ctx)
    evidence = [link(renstra)]
    if renstra.status != "ditetapkan":
        return AutoAnswer(
            "T", _("%(r)s masih draf, belum ditetapkan.") % {"r": renstra}, evidence, [_("Renstra belum ditetapkan")]
        )
    return AutoAnswer(
        "Y",
        _("%(r)s ditetapkan%(on)s.")
        % {"r": renstra, "on": (" " + formats.tanggal(renstra.adopted_on)) if renstra.adopted_on else ""},
        evidence,
    )


def _head_pk(ctx):
    report = planning_selectors.pk_signed_for_every_official(ctx.opd, ctx.plan_year)
    head = ctx.opd.head_position()
    row = next((r for r in report["officials"] if head is not None and r["position_id"] == head.pk), None)
    return report, row


@rule("1.a.4", "Dokumen perencanaan jangka pendek: IKU dan Perjanjian Kinerja kepala OPD tahun evaluasi")
def short_term_plan(ctx):
    renstra = planning_selectors.renstra_for(ctx.opd, ctx.plan_year)
    if renstra is None:
        return _no_renstra(ctx)
    ikus = Indicator.objects.filter(node__renstra=renstra, is_iku=True).count()
    _report, head_row = _head_pk(ctx)
    gaps = []
    if not ikus:
        gaps.append(_("IKU belum ditetapkan pada Renstra"))
    if head_row is None or not head_row["signed"]:
        gaps.append(_("Perjanjian Kinerja kepala OPD tahun %(year)s belum ditandatangani") % {"year": ctx.plan_year})
    evidence = [
        link(renstra),
        {"label": _("Perjanjian Kinerja %(year)s") % {"year": ctx.plan_year}, "url": url_or_blank("planning:pk_list")},
    ]
    if gaps:
        return AutoAnswer("T", "; ".join(gaps) + ".", evidence, gaps)
    return AutoAnswer(
        "Y",
        _("%(n)s IKU ditetapkan dan Perjanjian Kinerja kepala OPD tahun %(year)s telah ditandatangani.")
        % {"n": ikus, "year": ctx.plan_year},
        evidence,
    )


@rule("1.b.1", "Dokumen perencanaan diformalkan: Renstra ditetapkan dan PK kepala OPD ditandatangani")
def plans_formalised(ctx):
    renstra = planning_selectors.renstra_for(ctx.opd, ctx.plan_year)
    if renstra is None:
        return _no_renstra(ctx)
    _report, head_row = _head_pk(ctx)
    gaps = []
    if renstra.status != "ditetapkan":
        gaps.append(_("Renstra belum ditetapkan"))
    if head_row is None or not head_row["signed"]:
        gaps.append(_("PK kepala OPD %(year)s belum ditandatangani") % {"year": ctx.plan_year})
    evidence = [
        link(renstra),
        {"label": _("Perjanjian Kinerja %(year)s") % {"year": ctx.plan_year}, "url": url_or_blank("planning:pk_list")},
    ]
    if gaps:
        return AutoAnswer("T", "; ".join(gaps) + ".", evidence, gaps)
    return AutoAnswer(
        "Y",
        _("Renstra telah ditetapkan dan PK kepala OPD tahun %(year)s telah ditandatangani.") % {"year": ctx.plan_year},
        evidence,
    )


@rule("1.b.5", "Seluruh indikator kinerja memenuhi kriteria SMART")
def indicators_smart(ctx):
    if planning_selectors.renstra_for(ctx.opd, ctx.plan_year) is None:
        return _no_renstra(ctx)
    results = planning_selectors.smart_report(ctx.opd, ctx.plan_year)
    if not results:
        return AutoAnswer(
            "T",
            _("Belum ada indikator kinerja tahun %(year)s.") % {"year": ctx.plan_year},
            [_checks_link(ctx)],
            [_("Tidak ada indikator")],
        )
    bad = [r for r in results if not r.ok]
    if not bad:
        return AutoAnswer(
            "Y",
            _(
                "Seluruh %(n)s indikator memenuhi kriteria SMART (satuan, definisi, formula, sumber data, "
                "penanggung jawab, baseline, target)."
            )
            % {"n": len(results)},
            [_checks_link(ctx)],
        )
    gaps = [f"{r.label} [{r.letters_failed}]: {' '.join(x.message for x in r.reasons)}" for r in bad]
    return AutoAnswer(
        "T",
        _("%(bad)s dari %(n)s indikator belum memenuhi kriteria SMART.") % {"bad": len(bad), "n": len(results)},
        [_checks_link(ctx)],
        gaps,
    )


@rule("1.b.8", "IKU diturunkan (cascading) secara logis sampai ke individu")
def cascade_to_individuals(ctx):
    if planning_selectors.renstra_for(ctx.opd, ctx.plan_year) is None:
        return _no_renstra(ctx)
    report = planning_selectors.cascade_coverage(ctx.opd, ctx.plan_year)
    evidence = [
        _checks_link(ctx),
        {
            "label": _("Pohon kinerja %(year)s") % {"year": ctx.plan_year},
            "url": (url_or_blank("planning:pohon") + f"?opd={ctx.opd.pk}&tahun={ctx.plan_year}")
            if url_or_blank("planning:pohon")
            else "",
        },
    ]
    if not report.ikus:
        return AutoAnswer(
            "T",
            _("Belum ada IKU pada Renstra; tidak ada yang dapat diturunkan."),
            evidence,
            [_("IKU belum ditetapkan")],
        )
    gaps = [g.message for g in report.gaps]
    if not gaps and report.holders_total:
        return AutoAnswer(
            "Y",
            _(
                "Seluruh %(n)s IKU diturunkan sampai sasaran program dan sasaran kegiatan, dan %(w)s dari "
                "%(t)s pemegang jabatan memiliki IKI."
            )
            % {"n": len(report.ikus), "w": report.holders_with_iki, "t": report.holders_total},
            evidence,
        )
    if not report.holders_total:
        gaps.append(_("Tidak ada pemegang jabatan pada tahun %(year)s") % {"year": ctx.plan_year})
    return AutoAnswer(
        "T",
        _("Cascading belum lengkap: %(g)s kekurangan; %(w)s dari %(t)s pemegang jabatan memiliki IKI.")
        % {"g": len(gaps), "w": report.holders_with_iki, "t": report.holders_total},
        evidence,
        gaps,
    )


@rule("1.b.9", "Keterkaitan kinerja dengan bidang/perangkat daerah lain (crosscutting) dipetakan")
def crosscutting(ctx):
    data = planning_selectors.crosscutting_shown(ctx.opd, ctx.plan_year)
    url = url_or_blank("planning:crosscutting")
    evidence = [
        {
            "label": _("Matriks crosscutting %(year)s") % {"year": ctx.plan_year},
            "url": f"{url}?opd={ctx.opd.pk}&tahun={ctx.plan_year}" if url else "",
        }
    ]
    if data["shown"]:
        return AutoAnswer(
            "Y",
            _("%(n)s keterkaitan crosscutting tercatat untuk %(k)s indikator.")
            % {"n": data["count"], "k": len(data["indicators"])},
            evidence,
        )
    return AutoAnswer(
        "T",
        _("Belum ada keterkaitan crosscutting yang dipetakan untuk tahun %(year)s.") % {"year": ctx.plan_year},
        evidence,
        [_("Crosscutting belum dipetakan")],
    )


@rule("1.b.10", "Perjanjian Kinerja ditandatangani oleh setiap pejabat (setiap unit menetapkan rencana kinerja)")
def pk_every_official(ctx):
    report = planning_selectors.pk_signed_for_every_official(ctx.opd, ctx.plan_year)
    evidence = [
        {"label": _("Perjanjian Kinerja %(year)s") % {"year": ctx.plan_year}, "url": url_or_blank("planning:pk_list")}
    ]
    if not report["total"]:
        return AutoAnswer(
            "T",
            _("Tidak ada pejabat (JPT, Administrator, Pengawas) pada tahun %(year)s.") % {"year": ctx.plan_year},
            evidence,
            [_("Tidak ada pejabat")],
        )
    if report["ok"]:
        return AutoAnswer(
            "Y",
            _("Seluruh %(n)s pejabat telah menandatangani Perjanjian Kinerja %(year)s.")
            % {"n": report["total"], "year": ctx.plan_year},
            evidence,
        )
    gaps = [f"{r['position']} ({r['employee']})" for r in report["missing"]]
    return AutoAnswer(
        "T",
        _("%(m)s dari %(n)s pejabat belum menandatangani Perjanjian Kinerja %(year)s.")
        % {"m": len(gaps), "n": report["total"], "year": ctx.plan_year},
        evidence,
        gaps,
    )


@rule("1.b.11", "Setiap pegawai memiliki indikator kinerja individu (IKI)")
def every_employee_has_iki(ctx):
    if planning_selectors.renstra_for(ctx.opd, ctx.plan_year) is None:
        return _no_renstra(ctx)
    report = planning_selectors.cascade_coverage(ctx.opd, ctx.plan_year)
    evidence = [_checks_link(ctx)]
    if not report.holders_total:
        return AutoAnswer(
            "T",
            _("Tidak ada pemegang jabatan pada tahun %(year)s.") % {"year": ctx.plan_year},
            evidence,
            [_("Tidak ada pegawai")],
        )
    missing = [g.message for g in report.positions_without_iki]
    if not missing:
        return AutoAnswer(
            "Y",
            _("Seluruh %(n)s pemegang jabatan memiliki IKI tahun %(year)s.")
            % {"n": report.holders_total, "year": ctx.plan_year},
            evidence,
        )
    return AutoAnswer(
        "T",
        _("%(m)s dari %(n)s pemegang jabatan belum memiliki IKI.") % {"m": len(missing), "n": report.holders_total},
        evidence,
        missing,
    )


# --- Rules on the SOP app's data (sakip.sop.selectors) --------------------------------------------
PLANNING_SOP_WORDS = (
    "perencanaan",
    "renstra",
    "rencana strategis",
    "perjanjian kinerja",
    "rencana kerja",
    "renja",
    "indikator kinerja utama",
)


def _reference_date(year):
    today = date.today()
    return today if year == today.year else (date(year, 12, 31) if year < today.year else date(year, 1, 1))


def _lint_errors(findings):
    return [
        f"{f.where}: {f.message}" if getattr(f, "where", "") else f.message for f in findings if f.severity == "error"
    ]


@rule("1.a.1", "SOP penyusunan dokumen perencanaan kinerja berlaku dan sesuai (lint tanpa kesalahan)")
def planning_sop(ctx):
    on = _reference_date(ctx.plan_year)
    versions = [
        v for v in sop_selectors.versions_in_force(ctx.opd, on) if any(w in v.judul.lower() for w in PLANNING_SOP_WORDS)
    ]
    if not versions:
        return AutoAnswer(
            "T",
            _("Tidak ada SOP penyusunan dokumen perencanaan kinerja yang berlaku pada %(d)s.")
            % {"d": formats.tanggal(on)},
            [{"label": _("Daftar SOP"), "url": url_or_blank("sop:index")}],
            [_("SOP penyusunan dokumen perencanaan kinerja belum ada")],
        )
    evidence, gaps = [], []
    for version in versions:
        evidence.append(link(version, f"SOP {version.sop.number} {version.judul}"))
        gaps += [f"{version.judul}: {msg}" for msg in _lint_errors(sop_selectors.lint(version, today=on))]
    if gaps:
        return AutoAnswer(
            "T",
            _(
                "SOP perencanaan yang berlaku masih memuat %(n)s kesalahan (mis. peran/jabatan yang bukan "
                "milik OPD ini)."
            )
            % {"n": len(gaps)},
            evidence,
            gaps,
        )
    return AutoAnswer(
        "Y", _("%(n)s SOP perencanaan kinerja berlaku dan lolos pemeriksaan.") % {"n": len(versions)}, evidence
    )


@rule("2.a.1", "SOP Pengukuran Kinerja berlaku dan sesuai (lint tanpa kesalahan)")
def measurement_sop(ctx):
    on = _reference_date(ctx.implementation_year)
    version, findings = sop_selectors.measurement_sop_status(ctx.opd, on)
    if version is None:
        return AutoAnswer(
            "T",
            _("Tidak ada SOP Pengukuran Kinerja yang berlaku pada %(d)s.") % {"d": formats.tanggal(on)},
            [{"label": _("Daftar SOP"), "url": url_or_blank("sop:index")}],
            [_("SOP Pengukuran Kinerja belum ada")],
        )
    evidence = [link(version, f"SOP {version.sop.number} {version.judul}")]
    errors = _lint_errors(findings)
    if errors:
        return AutoAnswer(
            "T",
            _("SOP %(n)s berlaku tetapi memuat %(e)s kesalahan.") % {"n": version.sop.number, "e": len(errors)},
            evidence,
            errors,
        )
    return AutoAnswer(
        "Y",
        _("SOP %(n)s %(j)s berlaku dan lolos pemeriksaan.") % {"n": version.sop.number, "j": version.judul},
        evidence,
    )


# --- Rules on the Measurement app's data (implementation year N−1) ------------------------------
def _periods(ctx):
    """The OPD's measurement periods of year N−1, or None when the OPD does not measure in sakip (yet)."""
    if not Period.objects.filter(opd=ctx.opd).exists():
        return None  # nothing to judge
    return [p for p in measurement_selectors.periods_of(ctx.opd, ctx.implementation_year) if p.status != "dibatalkan"]


def _period_link(period):
    return link(period, str(period))


@rule("2.b.4", "Pengukuran kinerja dilakukan setiap triwulan")
def quarterly_measurement(ctx):
    periods = _periods(ctx)
    if periods is None:
        return None
    quarters = sorted({p.triwulan for p in periods if p.triwulan})
    missing = [f"TW {q}" for q in (1, 2, 3, 4) if q not in quarters]
    evidence = [_period_link(p) for p in periods]
    if not missing:
        return AutoAnswer(
            "Y", _("Pengukuran %(year)s dilakukan pada keempat triwulan.") % {"year": ctx.implementation_year}, evidence
        )
    return AutoAnswer(
        "T",
        _("Pengukuran %(year)s belum dilakukan pada %(m)s.")
        % {"year": ctx.implementation_year, "m": ", ".join(missing)},
        evidence,
        [_("Belum ada pengukuran %(q)s %(year)s") % {"q": q, "year": ctx.implementation_year} for q in missing],
    )


@rule("2.b.5", "Data kinerja setiap unit divalidasi atasan secara berjenjang")
def tiered_validation(ctx):
    periods = _periods(ctx)
    if periods is None:
        return None
    if not periods:
        return AutoAnswer(
            "T",
            _("Belum ada pengukuran %(year)s di sakip.") % {"year": ctx.implementation_year},
            [],
            [_("Tidak ada periode pengukuran")],
        )
    subs = list(UnitSubmission.objects.filter(period__in=periods).select_related("unit", "period"))
    gaps = [
        f"{s.period.tw_label}: {s.unit.name} ({s.get_state_display()})"
        for s in subs
        if s.state not in UnitSubmission.VALIDATED
    ]
    evidence = [_period_link(p) for p in periods]
    if subs and not gaps:
        return AutoAnswer(
            "Y",
            _("Seluruh %(n)s formulir unit %(year)s telah divalidasi atasan.")
            % {"n": len(subs), "year": ctx.implementation_year},
            evidence,
        )
    if not subs:
        gaps = [_("Tidak ada formulir unit")]
    return AutoAnswer(
        "T",
        _("%(m)s dari %(n)s formulir unit %(year)s belum divalidasi.")
        % {"m": len(gaps), "n": len(subs), "year": ctx.implementation_year},
        evidence,
        gaps,
    )


@rule("2.b.6", "Pengumpulan data kinerja memakai aplikasi (realisasi diisi di sakip)")
def data_collected_with_it(ctx):
    periods = _periods(ctx)
    if periods is None:
        return None
    submitted = UnitSubmission.objects.filter(period__in=periods, state__in=UnitSubmission.SUBMITTED).count()
    evidence = [_period_link(p) for p in periods]
    if submitted:
        return AutoAnswer(
            "Y",
            _("%(n)s formulir realisasi %(year)s diisi dan diajukan unit melalui sakip.")
            % {"n": submitted, "year": ctx.implementation_year},
            evidence,
        )
    return AutoAnswer(
        "T",
        _("Belum ada realisasi %(year)s yang diisi unit melalui sakip.") % {"year": ctx.implementation_year},
        evidence,
        [_("Realisasi belum diisi di sakip")],
    )


@rule("2.b.7", "Pengukuran capaian memakai aplikasi (Dokumen Pengukuran Kinerja dari sakip)")
def measured_with_it(ctx):
    periods = _periods(ctx)
    if periods is None:
        return None
    summary = measurement_selectors.measurement_summary(ctx.opd, ctx.implementation_year)
    evidence = [_period_link(p) for p in periods]
    missing = [f"{p['label']}" for p in summary["periods"] if not p["signed"]]
    if periods and not missing:
        return AutoAnswer(
            "Y",
            _("Capaian %(n)s periode %(year)s dihitung dan Dokumen Pengukuran Kinerjanya diterbitkan dari sakip.")
            % {"n": len(periods), "year": ctx.implementation_year},
            evidence,
        )
    if not periods:
        return AutoAnswer(
            "T",
            _("Belum ada pengukuran %(year)s di sakip.") % {"year": ctx.implementation_year},
            [],
            [_("Tidak ada periode pengukuran %(year)s") % {"year": ctx.implementation_year}],
        )
    return AutoAnswer(
        "T",
        _("Dokumen Pengukuran Kinerja %(year)s belum diterbitkan untuk: %(m)s.")
        % {"year": ctx.implementation_year, "m": ", ".join(missing)},
        evidence,
        [_("Dokumen Pengukuran Kinerja %(p)s belum diterbitkan") % {"p": m} for m in missing],
    )


# --- Rules on the documents archive: the LKjIP of N−1 (made and signed) -------------------------
def _lkjip(ctx):
    """The archived LKjIP of year N−1, or None when no LKjIP of the OPD is in sakip (yet)."""
    docs = list(
        ArchivedDocument.objects.filter(opd=ctx.opd, doc_type__code="lkjip")
        .select_related("doc_type")
        .order_by("-date", "-version")
    )
    if not docs:
        return None  # the LKjIP is not made in sakip (yet)
    return [d for d in docs if d.date.year == ctx.year or str(ctx.implementation_year) in d.subject]


@rule("3.a.1", "Laporan Kinerja (LKjIP) tahun lalu tersedia di arsip")
def report_made(ctx):
    docs = _lkjip(ctx)
    if docs is None:
        return None
    if docs:
        return AutoAnswer(
            "Y", _("LKjIP %(year)s tersedia: %(d)s.") % {"year": ctx.implementation_year, "d": docs[0]}, [link(docs[0])]
        )
    return AutoAnswer(
        "T",
        _("LKjIP %(year)s belum ada di arsip sakip.") % {"year": ctx.implementation_year},
        [],
        [_("LKjIP %(year)s belum ada") % {"year": ctx.implementation_year}],
    )


@rule("3.a.3", "Laporan Kinerja (LKjIP) tahun lalu ditandatangani")
def report_signed(ctx):
    docs = _lkjip(ctx)
    if docs is None:
        return None

    paper = set(
        Lkjip.objects.filter(opd=ctx.opd, signed_on_paper=True, document__isnull=False).values_list(
            "document_id", flat=True
        )
    )
    signed = [d for d in docs if d.signed or d.pk in paper]
    if signed:
        return AutoAnswer(
            "Y",
            _("LKjIP %(year)s ditandatangani secara elektronik (%(d)s).")
            % {"year": ctx.implementation_year, "d": signed[0]},
            [link(signed[0])],
        )
    return AutoAnswer(
        "T",
        _("LKjIP %(year)s belum ditandatangani.") % {"year": ctx.implementation_year},
        [link(d) for d in docs],
        [_("LKjIP belum ditandatangani")],
    )


@rule("3.a.4", "Laporan Kinerja (LKjIP) tahun lalu telah direviu Inspektorat")
def report_reviewed(ctx):
    """The LKjIP of N−1 in sakip carries a Pernyataan Telah Direviu (issued by the Inspektorat or uploaded)."""
    docs = _lkjip(ctx)
    if docs is None:
        return None
    lkjip = (
        Lkjip.objects.filter(opd=ctx.opd, year=ctx.implementation_year)
        .select_related("reviewed_document", "document")
        .first()
    )
    if lkjip is not None and lkjip.reviewed_document_id:
        return AutoAnswer(
            "Y",
            _("LKjIP %(year)s telah direviu: %(d)s.") % {"year": ctx.implementation_year, "d": lkjip.reviewed_document},
            [link(lkjip.reviewed_document), *([link(lkjip.document)] if lkjip.document_id else [])],
        )
    return AutoAnswer(
        "T",
        _("LKjIP %(year)s belum memiliki Pernyataan Telah Direviu di sakip.") % {"year": ctx.implementation_year},
        [link(d) for d in docs],
        [_("LKjIP belum direviu Inspektorat")],
    )
