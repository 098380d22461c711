"""The ESR submission package (issue "REST API" item 4; docs/api.md "ESR package"): what a Pemda sends KemenPAN-RB's
e-SAKIP Reviu (ESR) for a year, as one ZIP archive.

For every OPD of the Pemda: its Renstra and IKU (a workbook built from sakip's planning data: the Renstra's tujuan,
sasaran and indicators with their targets for every year, and the IKU of the year), the head's signed Perjanjian
Kinerja of the year (the archived PDF, latest version) and its signed LKjIP of the year (archived PDF); for the
Pemda: its signed LKjIP. `manifest.json` lists every file with its SHA-256, size, document number and verification
address, and everything that is missing with the reason, so the sender sees what to complete before uploading.
The plan reads a constant number of queries whatever the number of OPDs."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sakip.core.excel import build_workbook
from sakip.documents.models import ArchivedDocument
from sakip.organization.models import OPD
from sakip.planning.models import Indicator, PerjanjianKinerja, Renstra

from .models import Lkjip, PemdaLkjip


@dataclass
class Item:
    kind: str  # renstra_iku | pk | lkjip | lkjip_pemda
    label: str
    path: str = ""
    document: ArchivedDocument | None = None
    missing: str = ""

    @property
    def present(self):
        return not self.missing


@dataclass
class OpdPlan:
    opd: OPD | None
    items: list = field(default_factory=list)
    renstra: Renstra | None = None

    @property
    def complete(self):
        return all(i.present for i in self.items)


def _folder(opd):
    return slugify(opd.akronim or opd.name) or f"opd-{opd.pk}"


def plan(pemda, year: int) -> list[OpdPlan]:
    """What the package holds and lacks, per OPD (Inspektorat included: it reports too) and for the Pemda."""
    opds = list(OPD.objects.filter(pemda=pemda).order_by("name"))
    ids = [o.pk for o in opds]
    renstras = {}
    for r in Renstra.objects.filter(opd_id__in=ids, start_year__lte=year, end_year__gte=year).order_by("start_year"):
        renstras[r.opd_id] = r
    pks = {}
    for pk in (
        PerjanjianKinerja.objects.filter(
            opd_id__in=ids, year=year, position__is_opd_head=True, status=PerjanjianKinerja.Status.DITANDATANGANI
        )
        .order_by("version")
        .only("pk", "opd_id")
    ):
        pks[pk.opd_id] = pk
    pk_docs = {
        int(d.source_id): d
        for d in ArchivedDocument.objects.filter(
            source_type=ContentType.objects.get_for_model(PerjanjianKinerja),
            source_id__in=[str(p.pk) for p in pks.values()],
        ).order_by("version")
    }
    lkjips = {lk.opd_id: lk for lk in Lkjip.objects.filter(opd_id__in=ids, year=year).select_related("document")}
    out = []
    for opd in opds:
        p = OpdPlan(opd, renstra=renstras.get(opd.pk))
        folder = _folder(opd)
        p.items.append(
            Item(
                "renstra_iku",
                _("Renstra dan IKU"),
                path=f"{folder}/renstra-iku-{year}.xlsx",
                missing="" if p.renstra else _("Tidak ada Renstra yang mencakup tahun %(y)s.") % {"y": year},
            )
        )
        pk = pks.get(opd.pk)
        doc = pk_docs.get(pk.pk) if pk else None
        p.items.append(
            Item(
                "pk",
                _("Perjanjian Kinerja kepala OPD"),
                path=f"{folder}/perjanjian-kinerja-{year}.pdf",
                document=doc,
                missing=""
                if doc
                else (
                    _("PK kepala OPD tahun %(y)s belum ditandatangani.") % {"y": year}
                    if pk is None
                    else _("PK kepala OPD ditandatangani di luar sakip: naskahnya belum diarsipkan.")
                ),
            )
        )
        lk = lkjips.get(opd.pk)
        p.items.append(
            Item(
                "lkjip",
                _("LKjIP"),
                path=f"{folder}/lkjip-{year}.pdf",
                document=lk.document if lk else None,
                missing=""
                if lk and lk.document_id
                else (
                    _("LKjIP tahun %(y)s belum disusun.") % {"y": year}
                    if lk is None
                    else _("LKjIP tahun %(y)s belum ditandatangani (status: %(s)s).")
                    % {"y": year, "s": lk.get_status_display()}
                ),
            )
        )
        out.append(p)
    pemda_lkjip = PemdaLkjip.objects.filter(pemda=pemda, year=year).select_related("document").first()
    out.append(
        OpdPlan(
            None,
            items=[
                Item(
                    "lkjip_pemda",
                    _("LKjIP Pemda"),
                    path=f"pemda/lkjip-pemda-{year}.pdf",
                    document=pemda_lkjip.document if pemda_lkjip else None,
                    missing=""
                    if pemda_lkjip and pemda_lkjip.document_id
                    else _("LKjIP Pemda tahun %(y)s belum ditandatangani.") % {"y": year},
                )
            ],
        )
    )
    return out


def _renstra_workbook(renstra, year) -> bytes:
    indicators = list(
        Indicator.objects.filter(node__renstra=renstra)
        .select_related("node")
        .prefetch_related("targets")
        .order_by("node__level", "node__order", "node__code", "code", "pk")
    )
    years = list(range(renstra.start_year, renstra.end_year + 1))

    def target(ind, y):
        t = next((t for t in ind.targets.all() if t.year == y), None)
        if t is None:
            return None
        if t.value is None:
            return t.value_text or None
        return f"{t.value}–{t.value_max}" if t.value_max is not None else t.value

    renstra_rows = (
        [ind.node.code, ind.node.statement, ind.code, ind.name, "IKU" if ind.is_iku else "", ind.satuan]
        + [target(ind, y) for y in years]
        for ind in indicators
    )
    iku_rows = (
        [ind.node.statement, ind.code, ind.name, ind.satuan, target(ind, year), ind.definition, ind.formula]
        for ind in indicators
        if ind.is_iku
    )
    wb = build_workbook(
        [
            (
                _("Renstra"),
                [_("Kode"), _("Tujuan/sasaran"), _("Kode indikator"), _("Indikator"), _("IKU"), _("Satuan")]
                + [str(y) for y in years],
                renstra_rows,
            ),
            (
                _("IKU %(y)s") % {"y": year},
                [
                    _("Sasaran"),
                    _("Kode"),
                    _("Indikator kinerja utama"),
                    _("Satuan"),
                    _("Target %(y)s") % {"y": year},
                    _("Definisi"),
                    _("Formula"),
                ],
                iku_rows,
            ),
        ],
        title=f"{renstra.opd.name}: {renstra.name} {renstra.start_year}–{renstra.end_year}",
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def build(pemda, year: int, fileobj) -> dict:
    """Write the ZIP to `fileobj`; return the manifest (also inside the archive as manifest.json)."""
    plans = plan(pemda, year)
    manifest = {
        "pemda": pemda.name,
        "year": year,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "files": [],
        "missing": [],
    }
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for p in plans:
            who = p.opd.name if p.opd else pemda.name
            for item in p.items:
                if item.missing:
                    manifest["missing"].append({"opd": who, "kind": item.kind, "reason": item.missing})
                    continue
                if item.kind == "renstra_iku":
                    data = _renstra_workbook(p.renstra, year)
                else:
                    with item.document.file.open("rb") as f:
                        data = f.read()
                    if hashlib.sha256(data).hexdigest() != item.document.sha256:
                        manifest["missing"].append(
                            {"opd": who, "kind": item.kind, "reason": _("Berkas arsip rusak (hash tidak cocok).")}
                        )
                        continue
                archive.writestr(item.path, data)
                entry = {
                    "path": item.path,
                    "opd": who,
                    "kind": item.kind,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "bytes": len(data),
                }
                if item.document is not None:
                    entry["number"] = item.document.number
                    entry["verification_url"] = f"{settings.SITE_URL}/verifikasi/{item.document.verification_code}/"
                manifest["files"].append(entry)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest
