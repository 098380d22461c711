"""manage.py sop_lint NOMOR --opd AKRONIM [--versi V] [--json]

Lints the version in force today (else the latest, or --versi). --json prints a list of objects
with the keys code, severity (error|warning|info), where, message and fix (plus step, field,
similarity when they apply). Exits 0 whenever the lint ran, whatever it found.
"""

import json

from django.core.management.base import BaseCommand

from ... import lint as L
from ... import selectors
from ._common import get_opd, get_version


class Command(BaseCommand):
    help = "Periksa (lint) satu SOP: versi yang berlaku hari ini, atau versi terakhir."

    def add_arguments(self, parser):
        parser.add_argument("nomor", help="Nomor SOP, mis. 061.1/366")
        parser.add_argument("--opd", required=True, help="Akronim OPD")
        parser.add_argument("--versi", type=int, help="Nomor versi (bawaan: yang berlaku hari ini, atau yang terakhir)")
        parser.add_argument("--json", action="store_true", help="Keluaran JSON")

    def handle(self, *args, nomor, opd, versi=None, json=False, **options):
        the_opd = get_opd(opd)
        version = get_version(the_opd, nomor, versi)
        findings = selectors.lint(version)
        if json:
            self.stdout.write(_dumps([_entry(f) for f in findings]))
            return
        self.stdout.write(
            f'SOP {version.sop.number} "{version.judul}" ({the_opd.akronim}) versi {version.version} — '
            f"{version.display_status()}"
        )
        if not findings:
            self.stdout.write(self.style.SUCCESS("Bersih: tidak ada temuan."))
            return
        for f in findings:
            line = f"[{f.severity}] {f.code} · {f.where}: {f.message}"
            style = {L.ERROR: self.style.ERROR, L.WARNING: self.style.WARNING}.get(f.severity, lambda x: x)
            self.stdout.write(style(line))
            if f.fix:
                self.stdout.write(f"    perbaikan: {f.fix}")
        counts = {s: sum(1 for f in findings if f.severity == s) for s in (L.ERROR, L.WARNING, L.INFO)}
        summary = f"{counts[L.ERROR]} kesalahan, {counts[L.WARNING]} peringatan, {counts[L.INFO]} info."
        self.stdout.write(self.style.SUCCESS("Bersih (hanya info). " + summary) if L.is_clean(findings) else summary)


def _entry(finding):
    data = {
        "code": finding.code,
        "severity": finding.severity,
        "where": finding.where,
        "message": finding.message,
        "fix": finding.fix,
    }
    for key in ("step", "field", "similarity"):
        value = getattr(finding, key)
        if value not in (None, ""):
            data[key] = value
    return data


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
