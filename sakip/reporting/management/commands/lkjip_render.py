"""manage.py lkjip_render --opd NAME --year N --format pdf|docx|json -o FILE: the current version of an LKjIP."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from sakip.organization.models import OPD
from sakip.reporting import lkjip_documents as D
from sakip.reporting.models import Lkjip


class Command(BaseCommand):
    help = "Merender versi berlaku LKjIP sebuah OPD (pdf, docx atau json baris Bab III)."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="Akronim atau nama OPD.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=("pdf", "docx", "json"), default="pdf")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, opd, year, format, output, **options):
        found = list(OPD.objects.filter(Q(akronim__iexact=opd) | Q(name__iexact=opd)))
        if len(found) != 1:
            raise CommandError(f'OPD "{opd}" tidak ditemukan.' if not found else f'"{opd}" cocok dengan beberapa OPD.')
        lkjip = Lkjip.objects.select_related("opd", "current").filter(opd=found[0], year=year).first()
        if lkjip is None or lkjip.current is None:
            raise CommandError(f"LKjIP {found[0].akronim} {year} belum disusun di sakip.")
        if format == "pdf":
            data = D.render_pdf(lkjip, draft=lkjip.status != Lkjip.Status.DITANDATANGANI)
        elif format == "docx":
            data = D.render_docx(lkjip)
        else:
            data = json.dumps(D.json_export(lkjip), ensure_ascii=False, indent=2).encode()
        with open(output, "wb") as fh:
            fh.write(data)
        self.stdout.write(f"{output}: {len(data)} bita")
