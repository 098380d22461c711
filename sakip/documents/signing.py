"""Electronic signature (PAdES with pyHanko), the demo certificate authority, QR stamps and the
verification code carried in a PDF's metadata.

- `ensure_ca()` creates the demo CA under the signing folder (var/signing/ by default, never
  committed; a throw-away folder under pytest).
- `issue_demo_certificate(employee)` creates one certificate + PKCS#12 per signer.
- `sign_pdf(pdf, cert, ...)` signs with the signer's PKCS#12 (demo or a real one configured per signer).
- `validate_pdf(pdf)` checks every signature against the trust roots (demo CA + configured roots).
"""

import asyncio
import base64
import concurrent.futures
import datetime as dt
import fcntl
import io
import os
import re
import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path

import segno
from asn1crypto import pem
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .models import SigningCertificate

META_KEY = "/SakipKode"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_TEST_DIR = None


def signing_dir() -> Path:
    """Where the demo CA and the demo signers' PKCS#12 files live (outside media, never committed)."""
    global _TEST_DIR
    configured = getattr(settings, "SAKIP_SIGNING_DIR", None)
    if configured:
        path = Path(configured)
    elif os.environ.get("PYTEST_VERSION"):
        if _TEST_DIR is None:
            _TEST_DIR = Path(tempfile.mkdtemp(prefix="sakip-test-signing-"))
        path = _TEST_DIR
    else:
        path = Path(settings.VAR_DIR) / "signing"
    path.mkdir(parents=True, exist_ok=True)
    try:
        path.chmod(0o700)
    except OSError:
        pass
    return path


@contextmanager
def _lock():
    with open(signing_dir() / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def normalize_code(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (code or "").upper())


# --- Certificate authority ----------------------------------------------------------------------
def _name(common_name, *, org=None, serial=None, unit=None):
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    if serial:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attrs)


def ensure_ca(org_name="Pemerintah Daerah (demo)"):
    """Load the demo CA, creating it once. Returns (certificate, private key) as cryptography objects."""
    folder = signing_dir()
    cert_path, key_path = folder / "demo-ca.pem", folder / "demo-ca.key"
    with _lock():
        if not (cert_path.exists() and key_path.exists()):
            now = dt.datetime.now(dt.UTC)
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            name = _name("sakip Demo CA — bukan untuk dokumen resmi", org=org_name)
            cert = (
                x509.CertificateBuilder()
                .subject_name(name)
                .issuer_name(name)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(
                    x509.KeyUsage(
                        digital_signature=True,
                        content_commitment=False,
                        key_encipherment=False,
                        data_encipherment=False,
                        key_agreement=False,
                        key_cert_sign=True,
                        crl_sign=True,
                        encipher_only=False,
                        decipher_only=False,
                    ),
                    critical=True,
                )
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .sign(key, hashes.SHA256())
            )
            key_path.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                )
            )
            key_path.chmod(0o600)
            cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    return cert, key


def make_certificate(
    common_name, *, serial=None, org=None, unit=None, not_before=None, not_after=None, passphrase: bytes
):
    """A signer certificate issued by the demo CA, as PKCS#12 bytes (key + cert + CA)."""
    ca_cert, ca_key = ensure_ca()
    now = dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, org=org, serial=serial, unit=unit))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(hours=1))
        .not_valid_after(not_after or now + dt.timedelta(days=2 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [ca_cert], serialization.BestAvailableEncryption(passphrase)
    )
    return p12, cert


def certificate_info(p12_bytes: bytes, passphrase: bytes) -> dict:
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(p12_bytes, passphrase)
    except ValueError:
        raise ValidationError(_("Berkas PKCS#12 tidak dapat dibuka: kata sandi salah atau berkas rusak.")) from None
    if key is None or cert is None:
        raise ValidationError(_("Berkas PKCS#12 harus memuat kunci privat dan sertifikat."))
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "serial": format(cert.serial_number, "x"),
        "valid_from": cert.not_valid_before_utc,
        "valid_to": cert.not_valid_after_utc,
    }


def issue_demo_certificate(employee, *, not_before=None, not_after=None):
    """Create (or replace) the demo certificate of an employee. Returns the SigningCertificate."""
    passphrase = secrets.token_urlsafe(16)
    org = str(employee.pemda) if employee.pemda_id else None
    unit = employee.opd.name if employee.opd_id else None
    p12, _cert = make_certificate(
        employee.full_name,
        serial=employee.nip or None,
        org=org,
        unit=unit,
        not_before=not_before,
        not_after=not_after,
        passphrase=passphrase.encode(),
    )
    folder = signing_dir() / "signers"
    folder.mkdir(exist_ok=True)
    path = folder / f"{employee.pk}-{secrets.token_hex(4)}.p12"
    path.write_bytes(p12)
    path.chmod(0o600)
    info = certificate_info(p12, passphrase.encode())
    SigningCertificate.objects.filter(employee=employee, source=SigningCertificate.Source.DEMO, active=True).update(
        active=False
    )
    return SigningCertificate.objects.create(
        employee=employee, source=SigningCertificate.Source.DEMO, p12_path=str(path), passphrase=passphrase, **info
    )


def certificate_for(employee, *, on=None, auto_demo=None):
    """The active certificate of a signer; a demo one is issued when none exists and demo signing is on."""
    if auto_demo is None:
        auto_demo = getattr(settings, "SAKIP_DEMO_SIGNING", True)
    cert = SigningCertificate.objects.filter(employee=employee, active=True).order_by("-valid_to", "-pk").first()
    if (
        cert is not None
        and cert.source == SigningCertificate.Source.DEMO
        and not Path(cert.p12_path).exists()
        and auto_demo
    ):
        cert = None  # the demo folder was wiped: issue a new one
    if cert is None:
        if not auto_demo:
            raise ValidationError(
                _("%(name)s belum memiliki sertifikat tanda tangan elektronik.") % {"name": employee.full_name}
            )
        cert = issue_demo_certificate(employee)
    return cert


def check_certificate_usable(cert, *, at=None):
    at = at or timezone.now()
    if cert.valid_to and cert.valid_to < at:
        raise ValidationError(
            _(
                "Sertifikat tanda tangan elektronik %(name)s telah kedaluwarsa pada %(date)s. Perbarui "
                "sertifikat sebelum menandatangani."
            )
            % {"name": cert.employee.full_name, "date": timezone.localtime(cert.valid_to).strftime("%d/%m/%Y")}
        )
    if cert.valid_from and cert.valid_from > at:
        raise ValidationError(
            _("Sertifikat tanda tangan elektronik %(name)s belum berlaku.") % {"name": cert.employee.full_name}
        )
    if not Path(cert.p12_path).exists():
        raise ValidationError(
            _("Berkas sertifikat %(name)s tidak ditemukan di server.") % {"name": cert.employee.full_name}
        )


def _passphrase(cert) -> bytes:
    if cert.passphrase_env:
        return os.environ.get(cert.passphrase_env, "").encode()
    return (cert.passphrase or "").encode()


def _outside_event_loop(fn, *args, **kwargs):
    """pyHanko's synchronous API calls asyncio.run(): when this thread already runs an event loop
    (e.g. under Playwright or an ASGI server), do the work in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


# --- PDF manipulation -----------------------------------------------------------------------------
def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=1, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def qr_data_uri(url: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url).encode()).decode()


def _qr_stream(url: str, code: str, x: float, y: float, size: float) -> bytes:
    """A PDF content stream drawing the QR code (modules as rectangles) and the code beside it."""
    qr = segno.make(url, error="m")
    matrix = [row for row in qr.matrix]
    n = len(matrix) + 2
    module = size / n
    ops = ["q", "1 1 1 rg", f"{x:.2f} {y:.2f} {size:.2f} {size:.2f} re f", "0 0 0 rg"]
    for r, row in enumerate(matrix):
        for c, value in enumerate(row):
            if value:
                mx = x + (c + 1) * module
                my = y + size - (r + 2) * module
                ops.append(f"{mx:.3f} {my:.3f} {module:.3f} {module:.3f} re")
    ops.append("f")
    text_x = x + size + 4
    lines = ["Ditandatangani secara elektronik.", f"Kode verifikasi: {code[:4]}-{code[4:]}", url]
    ops.append("BT /FSakip 7 Tf")
    for i, line in enumerate(lines):
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"1 0 0 1 {text_x:.2f} {y + size - 9 - i * 9:.2f} Tm ({safe}) Tj")
    ops.append("ET Q")
    return "\n".join(ops).encode("latin-1", "replace")


def _page_count(reader) -> int:
    return int(reader.root["/Pages"]["/Count"])


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    return _page_count(PdfFileReader(io.BytesIO(pdf), strict=False))


def prepare_pdf(pdf: bytes, *, code: str, stamp_url: str | None = None, append: list[bytes] = ()):
    """An incremental writer on `pdf` with the verification code in the Info dictionary, an optional
    QR stamp on the last page (for PDFs not rendered by sakip) and lampiran pages appended."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except Exception:
        raise ValidationError(_("Berkas bukan PDF yang dapat dibaca.")) from None
    info = writer.trailer["/Info"] if "/Info" in writer.trailer else None
    if info is None:
        info = generic.DictionaryObject()
        writer.trailer["/Info"] = writer.add_object(info)
    info[generic.NameObject(META_KEY)] = generic.TextStringObject(code)
    if "/Producer" not in info:
        info[generic.NameObject("/Producer")] = generic.TextStringObject("sakip")
    writer.update_container(info)
    if stamp_url:
        last = _page_count(writer.prev) - 1
        page_ref, _resources = writer.find_page_for_modification(last)
        box = [float(v) for v in page_ref.get_object().get("/MediaBox", [0, 0, 595, 842])]
        # The page's own content may leave the graphics state transformed (WeasyPrint flips the y axis without
        # restoring it): wrap it in q … Q so that the stamp is drawn in the page's default coordinates.
        writer.add_stream_to_page(last, writer.add_object(generic.StreamObject(stream_data=b"q\n")), prepend=True)
        stream = generic.StreamObject(stream_data=b"Q\n" + _qr_stream(stamp_url, code, box[0] + 40, box[1] + 30, 62))
        font = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Font"),
                generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
            }
        )
        resources = generic.DictionaryObject(
            {generic.NameObject("/Font"): generic.DictionaryObject({generic.NameObject("/FSakip"): font})}
        )
        writer.add_stream_to_page(last, writer.add_object(stream), resources=resources)
    for attachment in append:
        reader = PdfFileReader(io.BytesIO(attachment), strict=False)
        for i in range(_page_count(reader)):
            src_ref, _resources = reader.find_page_for_modification(i)
            box = src_ref.get_object().get("/MediaBox", [0, 0, 609.45, 935.43])
            xobj = writer.import_page_as_xobject(reader, page_ix=i)
            content = writer.add_object(generic.StreamObject(stream_data=b"q /Lamp Do Q"))
            new_page = generic.DictionaryObject(
                {
                    generic.NameObject("/Type"): generic.NameObject("/Page"),
                    generic.NameObject("/MediaBox"): generic.ArrayObject([generic.FloatObject(float(v)) for v in box]),
                    generic.NameObject("/Resources"): generic.DictionaryObject(
                        {generic.NameObject("/XObject"): generic.DictionaryObject({generic.NameObject("/Lamp"): xobj})}
                    ),
                    generic.NameObject("/Contents"): content,
                }
            )
            writer.insert_page(new_page)
    return writer


def finish_unsigned(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_writer(writer, cert, *, reason: str, location: str) -> bytes:
    """Sign (PAdES B-B) what the writer holds with the certificate's PKCS#12."""
    check_certificate_usable(cert)
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            Path(cert.p12_path).read_bytes(), other_certs=None, passphrase=_passphrase(cert)
        )
    except Exception:
        signer = None
    if signer is None:
        raise ValidationError(
            _("Sertifikat %(name)s tidak dapat dibuka (kata sandi salah atau berkas rusak).")
            % {"name": cert.employee.full_name}
        )
    meta = signers.PdfSignatureMetadata(
        field_name="TTE_sakip",
        reason=reason,
        location=location,
        name=cert.employee.full_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    from .tsa import timestamper  # tsa.py builds on this module's CA

    stamper = timestamper()
    try:
        return _outside_event_loop(signers.sign_pdf, writer, meta, signer=signer, timestamper=stamper).getvalue()
    except Exception as exc:
        if stamper is None or isinstance(exc, ValidationError):
            raise
        # the TSA did not answer (or answered nonsense): refused, nothing numbered (the caller's transaction)
        raise ValidationError(
            _("Layanan cap waktu (TSA) %(url)s tidak dapat dihubungi; dokumen belum ditandatangani. Coba lagi.")
            % {"url": stamper.url}
        ) from exc


# --- Reading and validating ---------------------------------------------------------------------------
def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def extract_code(data: bytes) -> str | None:
    """The sakip verification code in a PDF's metadata (or None)."""
    if not is_pdf(data):
        return None
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        info = reader.trailer["/Info"]
        value = info.get(META_KEY)
        if value:
            return normalize_code(str(value))
    except Exception:
        pass
    match = re.findall(rb"/SakipKode\s*\(([A-Z0-9]{8})\)", data)
    return match[-1].decode() if match else None


def trust_root_paths() -> list[Path]:
    """The PEM files of the roots sakip trusts: the demo CA, SAKIP_SIGNING_TRUST_ROOTS, var/signing/trust/*.pem."""
    paths = [signing_dir() / "demo-ca.pem"] + [Path(p) for p in getattr(settings, "SAKIP_SIGNING_TRUST_ROOTS", [])]
    trust_dir = signing_dir() / "trust"
    if trust_dir.is_dir():
        paths += sorted(trust_dir.glob("*.pem"))
    return [p for p in paths if p.exists()]


def trust_roots():
    roots = []
    for path in trust_root_paths():
        data = path.read_bytes()
        if pem.detect(data):
            for _type, _headers, der in pem.unarmor(data, multiple=True):
                roots.append(ax509.Certificate.load(der))
        else:
            roots.append(ax509.Certificate.load(data))
    return roots


def _timestamp_info(status):
    """The RFC 3161 timestamp of a validated signature: {"time", "valid", "trusted"} or None (no token)."""
    ts = getattr(status, "timestamp_validity", None)
    if ts is None:
        return None
    return {"time": ts.timestamp, "valid": bool(ts.intact and ts.valid), "trusted": bool(ts.trusted)}


def signature_timestamp(data: bytes):
    """The time of the trusted timestamp on a PDF's last signature (validated), or None."""
    result = validate_pdf(data)
    stamps = [s["timestamp"] for s in result["signatures"] if s.get("timestamp")]
    last = stamps[-1] if stamps else None
    return last["time"] if last and last["valid"] and last["trusted"] else None


def validate_pdf(data: bytes) -> dict:
    """Validate every signature of a PDF. Returns {"signed": bool, "valid": bool, "signatures": [...],
    "message": str}. "valid" means: at least one signature, each intact, trusted and covering the
    whole file (nothing added after the last signature)."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return {
            "signed": False,
            "valid": False,
            "signatures": [],
            "message": _("Berkas PDF rusak atau tidak dapat dibaca."),
        }
    if not embedded:
        return {
            "signed": False,
            "valid": False,
            "signatures": [],
            "message": _("Berkas tidak memuat tanda tangan elektronik."),
        }
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    results = []
    for sig in embedded:
        try:
            status = _outside_event_loop(validate_pdf_signature, sig, context)

            entire = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
            ok = bool(status.intact and status.valid and status.trusted and entire)
            signer_cert = status.signing_cert
            results.append(
                {
                    "field": sig.field_name,
                    "intact": bool(status.intact),
                    "valid": bool(status.valid),
                    "trusted": bool(status.trusted),
                    "entire_file": entire,
                    "ok": ok,
                    "signer": signer_cert.subject.human_friendly if signer_cert is not None else "",
                    "signing_time": status.signer_reported_dt,
                    "timestamp": _timestamp_info(status),
                    "summary": status.summary(),
                }
            )
        except Exception as exc:  # a broken CMS structure is a failed signature, not a crash
            results.append(
                {
                    "field": getattr(sig, "field_name", ""),
                    "intact": False,
                    "valid": False,
                    "trusted": False,
                    "entire_file": False,
                    "ok": False,
                    "signer": "",
                    "signing_time": None,
                    "timestamp": None,
                    "summary": str(exc),
                }
            )
    valid = all(r["ok"] for r in results)
    if valid:
        message = _("Tanda tangan elektronik sah dan dokumen tidak berubah sejak ditandatangani.")
    elif not all(r["intact"] for r in results):
        message = _("Tanda tangan elektronik tidak utuh: isi dokumen telah diubah.")
    elif not all(r["trusted"] for r in results):
        message = _("Sertifikat penanda tangan tidak dipercaya oleh sakip.")
    else:
        message = _("Dokumen telah ditambah atau diubah setelah ditandatangani.")
    return {"signed": True, "valid": valid, "signatures": results, "message": message}
