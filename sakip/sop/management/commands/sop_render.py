"""manage.py sop_render NOMOR --opd AKRONIM [--versi V] --format pdf|docx|svg -o PATH

pdf/docx: the whole SOP (identity page, procedure pages with the flowchart, worksheet);
svg: one file with the whole flowchart (no page breaks).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import printing
from ...docx_export import sop_docx
from ._common import get_opd, get_version


class Command(BaseCommand):
    help = "Cetak SOP sebagai PDF, DOCX, atau diagram alir SVG."

    def add_arguments(self, parser):
        parser.add_argument("nomor", help="Nomor SOP, mis. 061.1/366")
        parser.add_argument("--opd", required=True, help="Akronim OPD")
        parser.add_argument("--versi", type=int, help="Nomor versi (bawaan: yang berlaku hari ini, atau yang terakhir)")
        parser.add_argument("--format", required=True, choices=["pdf", "docx", "svg"], dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="Berkas keluaran")

    def handle(self, *args, nomor, opd, fmt, output, versi=None, **options):
        version = get_version(get_opd(opd), nomor, versi)
        if fmt == "pdf":
            data = printing.sop_pdf(version)
        elif fmt == "docx":
            data = sop_docx(version)
        else:
            data = printing.flowchart_svg(version).encode("utf-8")
        path = Path(output)
        if path.parent and not path.parent.exists():
            raise CommandError(f"Folder {path.parent} tidak ada.")
        path.write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(
                f"{path} ({len(data):,} bita): SOP {version.sop.number} versi {version.version}, format {fmt}."
            )
        )
