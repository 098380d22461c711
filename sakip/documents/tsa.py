"""Trusted timestamps (RFC 3161) for the electronic signatures (docs/documents.md "Trusted timestamps").

- `timestamper()`: pyHanko's HTTP client for the TSA configured in `SAKIP_TSA_URL` (None when not configured:
  the signature then carries only the signer's own clock).
- The demo TSA: `demo_tsa_server(host, port)` answers RFC 3161 requests over HTTP with pyHanko's
  `DummyTimeStamper`, signing with a timestamping certificate of the demo CA (`ensure_tsa_certificate`, under the
  signing folder, never committed). `manage.py demo_tsa` runs it; `make run` starts it. Not for production: a
  real deployment points `SAKIP_TSA_URL` at its certification provider's TSA and trusts its root.
"""

import datetime as dt
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as akeys
from asn1crypto import tsp
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from django.conf import settings

from . import signing

log = logging.getLogger(__name__)
MAX_REQUEST = 64 * 1024


def tsa_url() -> str:
    return (getattr(settings, "SAKIP_TSA_URL", "") or "").strip()


def timestamper():
    """The RFC 3161 client for the configured TSA, or None."""
    url = tsa_url()
    if not url:
        return None
    from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper  # needs requests: only when configured

    return HTTPTimeStamper(url, timeout=10)


def ensure_tsa_certificate():
    """The demo TSA's certificate and key (cryptography objects), issued once by the demo CA with the critical
    extended key usage timeStamping that RFC 3161 requires."""
    folder = signing.signing_dir()
    cert_path, key_path = folder / "demo-tsa.pem", folder / "demo-tsa.key"
    ca_cert, ca_key = signing.ensure_ca()
    with signing._lock():
        if not (cert_path.exists() and key_path.exists()):
            now = dt.datetime.now(dt.UTC)
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            cert = (
                x509.CertificateBuilder()
                .subject_name(signing._name("sakip Demo TSA — bukan untuk dokumen resmi", org="sakip (demo)"))
                .issuer_name(ca_cert.subject)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(min(now + dt.timedelta(days=5 * 365), ca_cert.not_valid_after_utc))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .sign(ca_key, hashes.SHA256())
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


def demo_timestamper():
    """pyHanko's DummyTimeStamper acting as the demo TSA (the demo CA's timestamping certificate)."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper  # demo only: not loaded by production signing

    cert, key = ensure_tsa_certificate()
    ca_cert, _ca_key = signing.ensure_ca()
    der = serialization.Encoding.DER
    return DummyTimeStamper(
        tsa_cert=ax509.Certificate.load(cert.public_bytes(der)),
        tsa_key=akeys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        certs_to_embed=[ax509.Certificate.load(ca_cert.public_bytes(der))],
    )


class _Handler(BaseHTTPRequestHandler):
    stamper = None

    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_REQUEST:
            self.send_error(400, "bad request")
            return
        try:
            request = tsp.TimeStampReq.load(self.rfile.read(length))
            response = self.stamper.request_tsa_response(request).dump()
        except Exception:  # a malformed request gets a 400, never a crashed server
            log.warning("demo TSA: malformed request")
            self.send_error(400, "bad request")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(response)))
        self.end_headers()
        self.wfile.write(response)

    def log_message(self, format, *args):  # noqa: A002 (http.server's name)
        log.info("demo TSA: " + format, *args)


def demo_tsa_server(host="127.0.0.1", port=0) -> ThreadingHTTPServer:
    """An HTTP server answering RFC 3161 requests (call serve_forever(); port 0 picks a free port)."""
    handler = type("DemoTSAHandler", (_Handler,), {"stamper": demo_timestamper()})
    return ThreadingHTTPServer((host, port), handler)
