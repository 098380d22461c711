"""Run the demo RFC 3161 timestamping authority (docs/documents.md "Trusted timestamps"); `make run` starts it and
points SAKIP_TSA_URL at it. Not for production."""

from django.core.management.base import BaseCommand

from sakip.documents import tsa


class Command(BaseCommand):
    help = "Menjalankan TSA (RFC 3161) demo untuk cap waktu tanda tangan elektronik — bukan untuk produksi."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8099)

    def handle(self, *args, host, port, **options):
        server = tsa.demo_tsa_server(host, port)
        self.stdout.write(f"TSA demo: http://{host}:{server.server_address[1]}/")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
