"""manage.py sop_import FILE --opd AKRONIM [--unit U] [--nomor N] [--judul T]

FILE is a .docx in the standard SOP layout, the .xlsx template, or a .txt/.tsv holding a procedure
table pasted from Word/Excel (then --nomor and --judul are required). For .docx/.xlsx, --nomor and
--judul override the file's own. A new nomor makes a new SOP; an existing one a new draft version.
Exits non-zero with the reasons when nothing was imported.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sakip.core.actors import acting_as, system_user

from ... import durations, readers, selectors, services
from ... import lint as L
from ._common import get_opd, get_unit


class Command(BaseCommand):
    help = "Impor SOP dari .docx (format standar), .xlsx (templat) atau .txt/.tsv (tabel prosedur yang ditempel)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .docx, .xlsx, .txt atau .tsv")
        parser.add_argument("--opd", required=True, help="Akronim OPD, mis. Dinsospermasdes")
        parser.add_argument("--unit", help="Unit pemilik (nama atau nama singkat); kosong = SOP milik OPD")
        parser.add_argument("--nomor", help="Nomor SOP (wajib untuk .txt/.tsv; mengganti nomor di berkas)")
        parser.add_argument("--judul", help="Judul SOP (wajib untuk .txt/.tsv; mengganti judul di berkas)")

    def handle(self, *args, file, opd, unit=None, nomor=None, judul=None, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Berkas {file} tidak ditemukan.")
        suffix = path.suffix.lower()
        if suffix not in (".docx", ".xlsx", ".txt", ".tsv"):
            raise CommandError("Jenis berkas tidak didukung: gunakan .docx, .xlsx, .txt atau .tsv.")
        if suffix in (".txt", ".tsv"):
            missing = [name for name, value in (("--nomor", nomor), ("--judul", judul)) if not (value or "").strip()]
            if missing:
                raise CommandError(f"Untuk tabel yang ditempel (.txt/.tsv) {' dan '.join(missing)} wajib diisi.")
        the_opd = get_opd(opd)
        the_unit = get_unit(the_opd, unit)
        try:
            imported = readers.read_path(path)
        except readers.ReadError as exc:
            raise CommandError(str(exc)) from None
        reasons = []
        if imported.error:
            reasons.append(imported.error)
        table = imported.table
        if table is not None:
            reasons += [e.message for e in table.errors]
        nomor = (nomor or imported.number or "").strip()
        judul = (judul or imported.judul or "").strip()
        if not nomor:
            reasons.append("Nomor SOP tidak ditemukan di berkas; berikan --nomor.")
        if reasons:
            raise CommandError("Tidak ada yang diimpor:\n- " + "\n- ".join(reasons))
        try:
            with transaction.atomic(), acting_as(system_user()) as system:
                version = services.import_table(
                    user=system,
                    opd=the_opd,
                    unit=the_unit,
                    number=nomor,
                    judul=judul,
                    table=table,
                    identity=imported.identity,
                    keterkaitan=imported.keterkaitan,
                    source=imported.kind,
                )
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else ["Tidak berwenang."]
            raise CommandError("Tidak ada yang diimpor:\n- " + "\n- ".join(messages)) from None
        version = selectors.version_detail(version.pk)
        proc = selectors.procedure(version)
        self.stdout.write(
            self.style.SUCCESS(
                f'SOP {version.sop.number} "{version.judul}" ({the_opd.akronim}): versi {version.version} '
                f"(draf) tersimpan — "
                f"{len(proc.steps)} langkah, {len(proc.lanes)} pelaksana, "
                f"{durations._num(proc.total_minutes)} menit = {proc.total_display}."
            )
        )
        for step in table.steps:
            for warning in step.warnings:
                self.stdout.write(f"  langkah {step.number}: {warning}")
        findings = selectors.lint(version)
        counts = {s: sum(1 for f in findings if f.severity == s) for s in (L.ERROR, L.WARNING, L.INFO)}
        self.stdout.write(
            f"Pemeriksaan: {counts[L.ERROR]} kesalahan, {counts[L.WARNING]} peringatan, {counts[L.INFO]} "
            f"info (manage.py sop_lint {version.sop.number} --opd {the_opd.akronim} --versi "
            f"{version.version})."
        )
