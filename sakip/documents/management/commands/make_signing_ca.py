"""Create the demo certificate authority and one certificate per demo signer (under var/signing/,
never committed). Idempotent: the CA is created once; signers with a valid certificate keep it."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from sakip.documents import signing
from sakip.documents.models import SigningCertificate
from sakip.organization.models import Assignment, Employee, Position


def demo_signers():
    """Employees who hold (or held) a position that signs: heads of OPD, Kepala Daerah, administrators."""
    kinds = [Position.Kind.KEPALA_DAERAH, Position.Kind.JPT_PRATAMA, Position.Kind.ADMINISTRATOR]
    ids = Assignment.objects.filter(position__kind__in=kinds).values_list("employee_id", flat=True)
    return Employee.objects.filter(pk__in=ids).order_by("name")


class Command(BaseCommand):
    help = "Membuat CA demo dan sertifikat tanda tangan elektronik untuk setiap penanda tangan demo (di var/signing/)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--renew", action="store_true", help="Terbitkan ulang sertifikat semua penanda tangan demo."
        )

    def handle(self, *args, renew=False, **options):
        ca, _key = signing.ensure_ca()
        self.stdout.write(
            f"CA demo: {ca.subject.rfc4514_string()} (berlaku sampai {ca.not_valid_after_utc:%d/%m/%Y}) di "
            f"{signing.signing_dir()}"
        )
        now = timezone.now()
        for employee in demo_signers():
            current = SigningCertificate.objects.filter(employee=employee, active=True).first()
            usable = (
                current is not None
                and current.valid_to
                and current.valid_to > now
                and signing.Path(current.p12_path).exists()
            )
            if usable and not renew:
                self.stdout.write(f"  {employee.full_name}: sudah ada ({current.get_source_display()})")
                continue
            if current is not None and current.source == SigningCertificate.Source.PKCS12 and usable:
                continue
            cert = signing.issue_demo_certificate(employee)
            self.stdout.write(f"  {employee.full_name}: sertifikat demo baru, berlaku sampai {cert.valid_to:%d/%m/%Y}")
        self.stdout.write(self.style.SUCCESS("Selesai."))
