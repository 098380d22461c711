"""Take the screenshots used by README.md and docs/user-guide.md.

    make screenshots

Starts sakip on a throw-away SQLite database with the demo agency, logs in as demo users with
Playwright on Debian's Chromium and saves PNGs under docs/screenshots/.
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PORT = int(os.environ.get("SCREENSHOT_PORT", "8799"))
PASSWORD = os.environ.get("SAKIP_DEMO_PASSWORD", "sakip-demo-2026")

# (file name, user, path, full page?)
SHOTS = [
    ("login.png", None, "/masuk/", False),
    ("home-kepala.png", "kepala", "/", False),
    ("org-chart.png", "sekretaris", "/organisasi/", True),
    ("employees.png", "sekretaris", "/organisasi/pegawai/", False),
    ("employee-form-error.png", "sekretaris", "/organisasi/pegawai/tambah/", False),
    ("history.png", "sekretaris", "HISTORY", False),
    ("planning.png", "timsakip", "/perencanaan/", False),
    ("measurement.png", "kabid", "/pengukuran/", False),
    ("reporting.png", "kepala", "/pelaporan/", False),
    ("evaluation.png", "inspektorat", "/evaluasi/", False),
    ("sop.png", "timsakip", "/sop/", False),
    ("documents.png", "sekretaris", "/dokumen/", False),
    ("home-mobile.png", "operator", "/", False),
]


def main():
    tmp = tempfile.mkdtemp(prefix="sakip-shots-")
    env = {**os.environ, "SQLITE_PATH": f"{tmp}/db.sqlite3", "SAKIP_VAR_DIR": tmp, "MEDIA_ROOT": f"{tmp}/media"}
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([py, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([py, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(base + "/masuk/")
                break
            except OSError:
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"])
            for name, user, path, full in SHOTS:
                mobile = "mobile" in name
                context = browser.new_context(viewport={"width": 390, "height": 844} if mobile else {"width": 1366, "height": 860}, device_scale_factor=1)
                page = context.new_page()
                if user:
                    page.goto(base + "/masuk/")
                    page.fill("#id_username", user)
                    page.fill("#id_password", PASSWORD)
                    page.click("button[type=submit]")
                    page.wait_for_load_state()
                if path == "HISTORY":
                    page.goto(base + "/organisasi/pegawai/?q=WULAN")
                    page.locator("a[title=Riwayat]").first.click()
                else:
                    page.goto(base + path)
                if name == "employee-form-error.png":
                    page.select_option("#id_opd", label="Dinsospermasdes")
                    page.fill("#id_name", "LARAS PUSPITASARI")
                    page.select_option("#id_kind", "pns")
                    page.fill("#id_nip", "19951340 202001 2 003")
                    page.click("[data-testid=save-button]")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / name), full_page=full)
                context.close()
                print("saved", name)
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
