"""Take the screenshots used by README.md and docs/user-guide.md.

    make screenshots                       # or: SCREENSHOT_PORT=8797 .venv/bin/python docs/make_screenshots.py
    .venv/bin/python docs/make_screenshots.py sop-paste.png letter.png   # only some (later shots may need earlier ones)

Starts sakip on a throw-away SQLite database with the demo agency, logs in as demo users with
Playwright on Debian's Chromium and saves PNGs under docs/screenshots/. Some shots click first
(fill a realisasi, add a paraf, sign a letter, verify its PDF), so they run in the order below, on
one database. PNGs are reduced to 256 colours to keep the folder small.

SCREENSHOT_SEED_DIR=DIR starts from a copy of DIR (db.sqlite3, media/, signing/ of a var folder
where the demo was just loaded) instead of migrating and loading the demo again: quicker retakes.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PORT = int(os.environ.get("SCREENSHOT_PORT", "8799"))
PASSWORD = os.environ.get("SAKIP_DEMO_PASSWORD", "sakip-demo-2026")
BASE = f"http://127.0.0.1:{PORT}"
WORK = Path(tempfile.mkdtemp(prefix="sakip-shots-"))


@dataclass
class Shot:
    name: str
    user: str | None  # None = not logged in
    path: str  # first page opened
    act: Callable | None = None  # clicks and typing after the page is open
    full: bool = False  # full page instead of the viewport
    height: int = 860  # viewport height (width is always 1366, or 390 on "mobile")
    mobile: bool = False
    wait: int = 0  # extra milliseconds (chart animations)


# --- actions -----------------------------------------------------------------------------------------
def click_link(text):
    def act(page):
        page.locator("main").get_by_role("link", name=text).first.click()
        page.wait_for_load_state()

    return act


def chain(*acts):
    def act(page):
        for a in acts:
            a(page)

    return act


def org_chart_2022(page):
    page.fill("input[name=tanggal]", "2022-06-01")
    page.get_by_role("button", name="Lihat").click()
    page.wait_for_load_state()


def employee_form_error(page):
    page.select_option("#id_opd", label="Dinsospermasdes")
    page.fill("#id_name", "LARAS PUSPITASARI")
    page.select_option("#id_kind", "pns")
    page.fill("#id_nip", "19951340 202001 2 003")
    page.click("[data-testid=save-button]")
    page.wait_for_load_state()


def import_preview(page):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "OPD",
            "Gelar depan",
            "Nama",
            "Gelar belakang",
            "Jenis pegawai",
            "NIP",
            "Golongan",
            "E-mail",
            "Telepon",
            "Jabatan",
            "Jenis penugasan",
            "Mulai menjabat",
        ]
    )
    ws.append(
        [
            "Dinsospermasdes",
            "",
            "LARAS PUSPITASARI",
            "S.Sos.",
            "PNS",
            "19950314 202001 2 003",
            "III/a",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    ws.append(
        ["Dinsospermasdes", "", "ANDI WIJAYA", "S.E.", "PNS", "19951340 202001 1 004", "III/a", "", "", "", "", ""]
    )
    ws.append(["Dinsospermasdes", "", "SARI DEWANTI", "", "PPPK", "19960101 202321 2 005", "XX", "", "", "", "", ""])
    path = WORK / "pegawai.xlsx"
    wb.save(path)
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Pratinjau").click()
    page.wait_for_load_state()
    preview = page.locator("[data-testid=import-preview]")
    preview.scroll_into_view_if_needed()
    # the result column (row errors) is the last of 13: scroll the table to it
    preview.evaluate("t => { const box = t.closest('.table-responsive'); box.scrollLeft = box.scrollWidth; }")


def edit_then_history(page):
    page.locator("a[title=Ubah]").first.click()
    page.wait_for_load_state()
    page.fill("#id_phone", "0812 2600 1234")
    page.fill("#id_email", "wulan.sari@example.go.id")
    page.click("[data-testid=save-button]")
    page.wait_for_load_state()
    page.goto(BASE + "/organisasi/pegawai/?q=WULAN")
    page.locator("a[title=Riwayat]").first.click()
    page.wait_for_load_state()


def open_unit_form(page):
    page.locator("main").get_by_role("link", name="Bidang Rehabilitasi Sosial").first.click()
    page.wait_for_load_state()


ROW_TEXT = "Jumlah anak dan lanjut usia terlantar yang memperoleh rehabilitasi sosial dasar"


def type_realisasi(page):
    open_unit_form(page)
    row = page.locator(".row-card", has_text=ROW_TEXT).first
    row.locator("input[name=value]").fill("118")
    row.locator("textarea[name=faktor_pendukung]").fill("Penjangkauan bersama TKSK di 12 kecamatan")
    row.locator("textarea[name=tindak_lanjut]").fill("Verifikasi lanjutan di kecamatan yang belum terjangkau")
    page.wait_for_timeout(1500)  # the live capaian preview (htmx, 300 ms after typing)
    page.evaluate("document.activeElement.blur()")


def save_realisasi_then_history(page):
    type_realisasi(page)
    row = page.locator(".row-card", has_text=ROW_TEXT).first
    row.get_by_role("button", name="Simpan").click()
    page.wait_for_timeout(1500)
    from sakip.measurement.minipdf import make_pdf

    evidence = WORK / "rekap-layanan-rehsos-tw4.pdf"
    evidence.write_bytes(
        make_pdf(
            ["Rekap layanan rehabilitasi sosial anak dan lanjut usia", "TW IV 2026: 118 orang"], title="Rekap layanan"
        )
    )
    row = page.locator(".row-card", has_text=ROW_TEXT).first
    row.locator("input[type=file]").set_input_files(str(evidence))
    row.get_by_role("button", name="Unggah").click()
    page.wait_for_timeout(1500)
    page.locator(".row-card", has_text=ROW_TEXT).first.get_by_role("link", name="Riwayat nilai").click()
    page.wait_for_load_state()


def open_evaluation(year, opd="Dinas Sosial"):
    def act(page):
        page.locator("main tr", has_text=opd).filter(has_text=str(year)).first.get_by_role("link", name="Buka").click()
        page.wait_for_load_state()

    return act


def open_tab(text):
    def act(page):
        page.locator("main").get_by_role("link", name=text, exact=True).first.click()
        page.wait_for_load_state()

    return act


def sop_paste(page):
    table = (ROOT / "sakip" / "sop" / "tests" / "data" / "seed_procedure.tsv").read_text(encoding="utf-8")
    page.fill("#id_nomor", "061.1/400")
    page.fill("#id_judul", "Pengukuran Kinerja Triwulanan")
    page.get_by_test_id("paste-area").fill(table)
    page.get_by_test_id("preview-button").click()
    page.wait_for_load_state()
    page.get_by_test_id("preview-count").scroll_into_view_if_needed()


def paraf_as_sekretaris(page):
    page.locator("main").get_by_role("link", name="Undangan rapat pembahasan pengukuran kinerja").first.click()
    page.wait_for_load_state()
    page.get_by_test_id("paraf-button").click()
    page.wait_for_load_state()


def open_letter(page):
    page.locator("main").get_by_role("link", name="Undangan rapat pembahasan pengukuran kinerja").first.click()
    page.wait_for_load_state()


def sign_letter(page):
    open_letter(page)
    page.get_by_test_id("number-button").click()
    page.wait_for_load_state()
    page.get_by_test_id("sign-button").click()
    page.wait_for_load_state()
    code = page.text_content("[data-testid=letter-code]").strip()
    (WORK / "code.txt").write_text(code)
    page.get_by_test_id("archive-link").click()
    page.wait_for_load_state()
    href = page.locator("main a", has_text="Unduh PDF").first.get_attribute("href")
    (WORK / "surat.pdf").write_bytes(page.request.get(BASE + href).body())


def verify_upload(page):
    code = (WORK / "code.txt").read_text().strip()
    page.goto(f"{BASE}/verifikasi/?code={code.lower()}")
    page.wait_for_load_state()
    page.set_input_files("[data-testid=verify-upload] input[type=file]", str(WORK / "surat.pdf"))
    page.click("[data-testid=verify-upload] button")
    page.wait_for_load_state()


def collapse_admin_sidebar(page):
    page.click("#toggle-nav-sidebar")
    page.wait_for_timeout(300)
    page.evaluate("window.scrollTo(0, 0)")


# --- the shots, in the order of docs/user-guide.md --------------------------------------------------
SHOTS = [
    # Getting started
    Shot("login.png", None, "/masuk/", height=640),
    Shot("home-kepala.png", "kepala", "/"),
    Shot("home-mobile.png", "operator", "/", mobile=True),
    # Organisasi
    Shot("org-chart.png", "sekretaris", "/organisasi/"),
    Shot("org-chart-2022.png", "sekretaris", "/organisasi/", act=org_chart_2022, height=640),
    Shot("employees.png", "sekretaris", "/organisasi/pegawai/"),
    Shot("employee-form-error.png", "sekretaris", "/organisasi/pegawai/tambah/", act=employee_form_error),
    Shot("import-preview.png", "sekretaris", "/organisasi/pegawai/impor/", act=import_preview, height=600),
    Shot("history.png", "sekretaris", "/organisasi/pegawai/?q=WULAN", act=edit_then_history, height=480),
    # Perencanaan
    Shot("planning.png", "timsakip", "/perencanaan/"),
    Shot("renstra.png", "timsakip", "/perencanaan/", act=click_link("Buka editor Renstra")),
    Shot("pohon-kinerja.png", "timsakip", "/perencanaan/pohon-kinerja/"),
    Shot(
        "indicator.png",
        "timsakip",
        "/perencanaan/",
        act=click_link("Persentase PPKS yang kembali berfungsi sosial setelah rehabilitasi"),
    ),
    Shot("crosscutting.png", "timsakip", "/perencanaan/crosscutting/", height=700),
    Shot("checks.png", "timsakip", "/perencanaan/pemeriksaan/"),
    Shot("my-iki.png", "kasi", "/perencanaan/iki-saya/", height=560),
    Shot("pk.png", "timsakip", "/perencanaan/pk/", act=click_link("PK 2026 Kepala Seksi Penanganan Fakir Miskin")),
    # Pengukuran
    Shot("measurement.png", "timsakip", "/pengukuran/", height=720),
    Shot("period.png", "timsakip", "/pengukuran/", act=click_link("TW IV 2026")),
    Shot("inbox.png", "kabid", "/pengukuran/kotak-masuk/", height=720),
    Shot(
        "task.png",
        "kabid",
        "/pengukuran/kotak-masuk/",
        act=click_link("6. Setiap kepala unit kerja mengisi realisasi beserta bukti dukung capaian unitnya"),
    ),
    Shot("unit-form.png", "operator", "/pengukuran/kotak-masuk/", act=type_realisasi, height=1160),
    Shot("row-history.png", "operator", "/pengukuran/kotak-masuk/", act=save_realisasi_then_history, height=640),
    Shot("validation.png", "kabid2", "/pengukuran/kotak-masuk/", act=click_link("Bidang Pemberdayaan Sosial")),
    Shot(
        "revision.png",
        "kepala",
        "/",
        act=click_link("Putuskan revisi Bidang Pemberdayaan Sosial (TW IV 2022)"),
        height=760,
    ),
    # Pelaporan
    Shot("reporting.png", "kepala", "/pelaporan/", height=640),
    Shot(
        "dashboard.png",
        "kepala",
        "/pelaporan/",
        act=lambda page: (
            page.locator("main tr", has_text="TW IV 2022").get_by_role("link", name="Dasbor").click(),
            page.wait_for_load_state(),
        ),
        full=True,
        wait=3000,
    ),
    Shot("sop-performance.png", "kepala", "/pelaporan/kinerja-sop/"),
    # Evaluasi
    Shot("evaluation.png", "inspektorat", "/evaluasi/", height=640),
    Shot("lke-self.png", "timsakip", "/evaluasi/", act=chain(open_evaluation(2026), open_tab("Lembar Kerja Evaluasi"))),
    Shot("evaluation-summary.png", "inspektorat", "/evaluasi/", act=open_evaluation(2022)),
    Shot(
        "lke-evaluator.png",
        "inspektorat",
        "/evaluasi/",
        act=chain(open_evaluation(2022), open_tab("Lembar Kerja Evaluasi")),
    ),
    Shot(
        "findings.png",
        "inspektorat",
        "/evaluasi/",
        act=chain(open_evaluation(2022), open_tab("Temuan dan rekomendasi")),
    ),
    Shot(
        "follow-up.png",
        "timsakip",
        "/evaluasi/",
        act=chain(open_evaluation(2022), click_link("b.1 IKI dan SKP seluruh pegawai, diturunkan dari IKU")),
    ),
    Shot(
        "statement.png",
        "kepala",
        "/evaluasi/",
        act=chain(open_evaluation(2022), click_link("Surat Pernyataan 700/7327/2022")),
        height=640,
    ),
    Shot("recap.png", "inspektorat", "/evaluasi/rekap/", wait=3000),
    # SOP
    Shot("sop.png", "timsakip", "/sop/", height=640),
    Shot("sop-flowchart.png", "timsakip", "/sop/", act=chain(click_link("Pengukuran Kinerja"), open_tab("Prosedur"))),
    Shot(
        "sop-lint.png",
        "timsakip",
        "/sop/",
        act=chain(click_link("Pengukuran Kinerja"), click_link("v1 (Diganti)"), open_tab("Pemeriksaan")),
    ),
    Shot(
        "sop-diff.png", "timsakip", "/sop/", act=chain(click_link("Pengukuran Kinerja"), open_tab("Perbandingan versi"))
    ),
    Shot("sop-paste.png", "timsakip", "/sop/tempel/", act=sop_paste),
    # Dokumen
    Shot("documents.png", "sekretaris", "/dokumen/"),
    Shot("letter-paraf.png", "sekretaris", "/dokumen/surat/", act=paraf_as_sekretaris, height=760),
    Shot("letter.png", "kepala", "/dokumen/surat/", act=open_letter, height=760),
    Shot("archive.png", "kepala", "/dokumen/surat/", act=sign_letter),
    Shot("verification.png", None, "/verifikasi/", act=verify_upload),
    # Administrator
    Shot("admin-users.png", "admin", "/admin/organization/user/", act=collapse_admin_sidebar, height=640),
]


def login(page, user):
    page.goto(BASE + "/masuk/")
    page.fill("#id_username", user)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def shrink(path):
    """256 colours: about a third of the size, no visible change on these screens."""
    from PIL import Image

    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE).save(path, optimize=True)


def main():
    only = set(sys.argv[1:])
    env = {**os.environ, "SQLITE_PATH": f"{WORK}/db.sqlite3", "SAKIP_VAR_DIR": str(WORK), "MEDIA_ROOT": f"{WORK}/media"}
    py = sys.executable
    seed = os.environ.get("SCREENSHOT_SEED_DIR")
    if seed:
        shutil.copytree(seed, WORK, dirs_exist_ok=True)
    else:
        subprocess.run([py, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run([py, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [py, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sys.path.insert(0, str(ROOT))
    failed = []
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(BASE + "/masuk/")
                break
            except OSError:
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-gpu",
                ],
            )
            for shot in SHOTS:
                if only and shot.name not in only:
                    continue
                viewport = {"width": 390, "height": 844} if shot.mobile else {"width": 1366, "height": shot.height}
                context = browser.new_context(
                    viewport=viewport,
                    device_scale_factor=1,
                    accept_downloads=True,
                    locale="id-ID",
                    timezone_id="Asia/Jakarta",
                )
                context.set_default_timeout(60_000)
                page = context.new_page()
                try:
                    if shot.user:
                        login(page, shot.user)
                    page.goto(BASE + shot.path)
                    page.wait_for_load_state()
                    if shot.act:
                        shot.act(page)
                    page.wait_for_load_state("networkidle")
                    if shot.wait:
                        page.wait_for_timeout(shot.wait)
                    path = OUT / shot.name
                    page.screenshot(path=str(path), full_page=shot.full)
                    shrink(path)
                    print("saved", shot.name, f"({path.stat().st_size // 1024} KB)", page.url.replace(BASE, ""))
                except Exception as exc:  # keep going: one broken page must not hide the others
                    failed.append(shot.name)
                    print("FAILED", shot.name, type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
                finally:
                    context.close()
            browser.close()
    finally:
        server.terminate()
    if failed:
        print("failed:", ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
