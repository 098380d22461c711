"""Shared lookups for the SOP management commands."""

from django.core.management.base import CommandError

from sakip.organization.models import OPD, Unit

from ... import selectors, services
from ...models import SopVersion


def get_opd(akronim: str) -> OPD:
    matches = list(OPD.objects.filter(akronim__iexact=(akronim or "").strip()).select_related("pemda"))
    if not matches:
        known = ", ".join(OPD.objects.order_by("akronim").values_list("akronim", flat=True)) or "(belum ada)"
        raise CommandError(f'OPD "{akronim}" tidak ditemukan. OPD yang ada: {known}.')
    if len(matches) > 1:
        raise CommandError(
            f'Akronim "{akronim}" dipakai oleh lebih dari satu OPD: '
            + ", ".join(f"{o.akronim} ({o.pemda})" for o in matches)
            + "."
        )
    return matches[0]


def get_unit(opd: OPD, text: str | None):
    if not text:
        return None
    text = text.strip()
    qs = Unit.objects.filter(opd=opd)
    unit = qs.filter(name__iexact=text).first() or qs.filter(short_name__iexact=text).first()
    if unit is None and text.isdigit():
        unit = qs.filter(pk=int(text)).first()
    if unit is None:
        candidates = list(qs.filter(name__icontains=text)[:2])
        unit = candidates[0] if len(candidates) == 1 else None
    if unit is None:
        raise CommandError(
            f'Unit "{text}" tidak ditemukan di {opd.akronim}. Unit yang ada: '
            + ", ".join(qs.values_list("name", flat=True))
            + "."
        )
    return unit


def get_version(opd: OPD, nomor: str, versi: int | None) -> SopVersion:
    sop = services.find_sop(opd, nomor)
    if sop is None:
        raise CommandError(f"SOP nomor {nomor} tidak terdaftar di {opd.akronim}.")
    if versi is not None:
        version = sop.versions.filter(version=versi).first()
        if version is None:
            raise CommandError(
                f"SOP {sop.number} tidak memiliki versi {versi} (versi yang ada: "
                + ", ".join(str(v) for v in sop.versions.order_by("version").values_list("version", flat=True))
                + ")."
            )
    else:
        version = selectors.current_version(sop)
    return selectors.version_detail(version.pk)
