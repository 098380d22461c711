"""The main pages of the demo agency, as (role, url): lists, details, the SOP procedure with its flowchart,
history pages and the task pages, each for a role that may see it. Used by the Content-Security-Policy tests
and the XSS sweep (test_csp.py, test_e2e_csp.py, test_xss_sweep.py)."""

from django.contrib.contenttypes.models import ContentType


def _history(obj) -> str:
    ct = ContentType.objects.get_for_model(obj)
    return f"/riwayat/{ct.app_label}/{ct.model}/{obj.pk}/"


def demo_objects() -> dict:
    from sakip.documents.models import ArchivedDocument, Letter
    from sakip.evaluation.models import Evaluation, Finding, Recommendation, SuratPernyataan
    from sakip.measurement.models import Period, Realisasi, Task, UnitSubmission
    from sakip.organization.models import OPD, Employee, TimSakip, User
    from sakip.planning.models import Indicator, PerjanjianKinerja, Renstra
    from sakip.reporting.models import Lkjip
    from sakip.sop.models import SopVersion

    # The demo agency through its operator, not its akronim: the XSS sweep overwrites every akronim.
    opd = OPD.objects.get(pk=User.objects.get(username="operator").unit.opd_id)
    period = Period.objects.filter(opd=opd).order_by("-year", "-triwulan").first()
    unit = User.objects.get(username="operator").unit
    subs = UnitSubmission.objects.filter(period=period).order_by("pk")
    submission = subs.filter(unit=unit).first() or subs.filter(unit_id=unit.parent_id).first() or subs.first()
    evaluation = Evaluation.objects.filter(opd=opd).order_by("-year").first()
    version = SopVersion.objects.filter(sop__opd=opd, steps__isnull=False).order_by("pk").first()
    return {
        "opd": opd,
        "period": period,
        "submission": submission,
        "row": Realisasi.objects.filter(submission=submission).order_by("pk").first(),
        "task": Task.objects.filter(period=period).order_by("pk").first(),
        "renstra": Renstra.objects.filter(opd=opd).order_by("-start_year").first(),
        "indicator": Indicator.objects.filter(node__renstra__opd=opd).order_by("pk").first(),
        "pk": PerjanjianKinerja.objects.filter(opd=opd).order_by("pk").first(),
        "employee": Employee.objects.filter(opd=opd).order_by("pk").first(),
        "tim": TimSakip.objects.filter(opd=opd).order_by("pk").first(),
        "evaluation": evaluation,
        "finding": Finding.objects.filter(evaluation__opd=opd).order_by("pk").first(),
        "recommendation": Recommendation.objects.filter(finding__evaluation__opd=opd).order_by("pk").first(),
        "statement": SuratPernyataan.objects.filter(evaluation__opd=opd).order_by("pk").first(),
        "sop_version": version,
        "letter": Letter.objects.filter(opd=opd).order_by("pk").first(),
        "archived": ArchivedDocument.objects.filter(opd=opd).order_by("pk").first(),
        "lkjip": Lkjip.objects.filter(opd=opd).order_by("pk").first(),
    }


def main_pages() -> list[tuple[str, str]]:
    o = demo_objects()
    pages = [
        ("kepala", "/"),
        ("operator", "/"),
        ("timsakip", "/"),
        ("inspektorat", "/"),
        ("pemda", "/"),
        ("admin", "/"),
        # Organisasi
        ("admin", "/organisasi/"),
        ("kepala", f"/organisasi/opd/{o['opd'].pk}/"),
        ("admin", "/organisasi/unit/"),
        ("admin", "/organisasi/jabatan/"),
        ("admin", "/organisasi/pegawai/"),
        ("admin", f"/organisasi/pegawai/{o['employee'].pk}/"),
        ("admin", "/organisasi/penugasan/"),
        ("kepala", "/organisasi/tim-sakip/"),
        ("kepala", f"/organisasi/tim-sakip/{o['tim'].pk}/"),
        ("admin", _history(o["employee"])),
        # Perencanaan
        ("timsakip", "/perencanaan/"),
        ("timsakip", "/perencanaan/renstra/"),
        ("timsakip", f"/perencanaan/renstra/{o['renstra'].pk}/"),
        ("timsakip", "/perencanaan/indikator/"),
        ("timsakip", f"/perencanaan/indikator/{o['indicator'].pk}/"),
        ("timsakip", _history(o["indicator"])),
        ("kepala", "/perencanaan/pohon-kinerja/"),
        ("timsakip", "/perencanaan/crosscutting/"),
        ("timsakip", "/perencanaan/pemeriksaan/"),
        ("kepala", "/perencanaan/pk/"),
        ("kepala", f"/perencanaan/pk/{o['pk'].pk}/"),
        ("operator", "/perencanaan/iki-saya/"),
        # Pengukuran
        ("kepala", "/pengukuran/"),
        ("operator", "/pengukuran/kotak-masuk/"),
        ("kepala", f"/pengukuran/periode/{o['period'].pk}/"),
        ("timsakip", f"/pengukuran/tugas/{o['task'].pk}/"),
        ("operator", f"/pengukuran/formulir/{o['submission'].pk}/"),
        ("timsakip", f"/pengukuran/formulir/{o['submission'].pk}/versi/"),
        ("operator", f"/pengukuran/baris/{o['row'].pk}/riwayat/"),
        ("timsakip", "/pengukuran/hari-libur/"),
        # Pelaporan
        ("kepala", "/pelaporan/"),
        ("kepala", f"/pelaporan/periode/{o['period'].pk}/dasbor/"),
        ("kepala", f"/pelaporan/periode/{o['period'].pk}/kinerja-sop/"),
        ("timsakip", "/pelaporan/kinerja-sop/"),
        ("timsakip", "/pelaporan/lkjip/"),
        ("pemda", "/pelaporan/pemda/"),
        ("pemda", f"/pelaporan/pemda/opd/{o['opd'].pk}/"),
        # Evaluasi
        ("inspektorat", "/evaluasi/"),
        ("pemda", "/evaluasi/rekap/"),
        ("inspektorat", "/evaluasi/matriks-tl/"),
        ("inspektorat", f"/evaluasi/{o['evaluation'].pk}/"),
        ("inspektorat", f"/evaluasi/{o['evaluation'].pk}/lke/"),
        ("inspektorat", f"/evaluasi/{o['finding'].evaluation_id}/"),
        ("inspektorat", f"/evaluasi/{o['finding'].evaluation_id}/temuan/"),
        ("inspektorat", f"/evaluasi/rekomendasi/{o['recommendation'].pk}/"),
        ("kepala", f"/evaluasi/rekomendasi/{o['recommendation'].pk}/"),
        ("inspektorat", _history(o["finding"])),
        ("inspektorat", f"/evaluasi/{o['evaluation'].pk}/lhe/"),
        ("inspektorat", "/evaluasi/templat/"),
        # SOP
        ("timsakip", "/sop/"),
        ("timsakip", f"/sop/versi/{o['sop_version'].pk}/"),
        ("kepala", f"/sop/versi/{o['sop_version'].pk}/prosedur/"),
        ("timsakip", f"/sop/versi/{o['sop_version'].pk}/lembar-kerja/"),
        ("timsakip", f"/sop/versi/{o['sop_version'].pk}/pemeriksaan/"),
        ("timsakip", "/sop/pemeriksaan/"),
        ("timsakip", _history(o["sop_version"])),
        # Dokumen
        ("sekretaris", "/dokumen/"),
        ("sekretaris", "/dokumen/agenda/"),
        ("sekretaris", "/dokumen/surat/"),
        ("sekretaris", f"/dokumen/surat/{o['letter'].pk}/"),
        ("sekretaris", "/dokumen/klasifikasi/"),
        ("kepala", "/akun/token-api/"),
        # Django admin (administrators)
        ("admin", "/admin/"),
        ("admin", "/admin/organization/employee/"),
        ("admin", f"/admin/organization/employee/{o['employee'].pk}/change/"),
        ("admin", f"/admin/organization/employee/{o['employee'].pk}/history/"),
        ("admin", "/admin/organization/user/add/"),
        ("kepala", "/akun/kata-sandi/"),
        ("kepala", "/akun/dua-langkah/"),
    ]
    if o["statement"]:
        pages.append(("inspektorat", f"/evaluasi/pernyataan/{o['statement'].pk}/"))
    if o["archived"]:
        pages.append(("sekretaris", f"/dokumen/arsip/{o['archived'].pk}/"))
    if o["lkjip"]:
        pages.append(("timsakip", f"/pelaporan/lkjip/{o['lkjip'].pk}/"))
    return pages
