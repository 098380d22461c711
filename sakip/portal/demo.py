"""Demo: Dinsospermasdes has published its 2022 documents on the public portal — the Renstra (its IKU and
targets), the Kepala's signed PK 2022, the four signed Dokumen Pengukuran Kinerja of 2022 and the signed
LKjIP 2022 (issue 17 item 6). Idempotent: an item already published keeps its date."""

from datetime import datetime, time

from django.utils import timezone

from sakip.documents.models import ArchivedDocument
from sakip.organization.models import OPD, User
from sakip.planning.models import PerjanjianKinerja, Renstra
from sakip.reporting.models import Lkjip

from . import services
from .models import Publication


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def load(ctx=None):
    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    user = User.objects.filter(username="timsakip").first()
    targets = []
    renstra = Renstra.objects.filter(
        opd=dinas, status=Renstra.Status.DITETAPKAN, start_year__lte=2022, end_year__gte=2022
    )
    targets += [(r, r.adopted_on or None) for r in renstra]
    pk = (
        PerjanjianKinerja.objects.filter(
            opd=dinas, year=2022, position__is_opd_head=True, status=PerjanjianKinerja.Status.DITANDATANGANI
        )
        .order_by("-version")
        .first()
    )
    if pk is not None:
        targets.append((pk, pk.sign_date))
    docs = ArchivedDocument.objects.filter(
        opd=dinas, doc_type__code="dokumen_pengukuran", date__year=2022, next_versions__isnull=True
    )
    targets += [(d, d.date) for d in docs]
    lkjip = Lkjip.objects.filter(opd=dinas, year=2022, document__isnull=False).select_related("document").first()
    if lkjip is not None:
        targets.append((lkjip.document, lkjip.document.date))
    for target, day in targets:
        existing = services.publication_of(target)
        if existing is not None and existing.is_published:
            continue
        services.publish(user=user, target=target, now=_at(day) if day else None)
    return {"publications": Publication.objects.filter(opd=dinas, published_at__isnull=False).count()}
