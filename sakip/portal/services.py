"""Publishing on the public portal and withdrawing from it (atomic, permission-checked, audited)."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.core import roles as R
from sakip.documents.models import ArchivedDocument
from sakip.planning.models import PerjanjianKinerja, Renstra

from .models import Publication

# Archived documents that may be published: the signed reports of the cycle (not letters, not notes).
DOCUMENT_KINDS = {"lkjip": Publication.Kind.LKJIP, "dokumen_pengukuran": Publication.Kind.DPK}
PUBLISHERS = {R.KEPALA_OPD, R.TIM_SAKIP}
GENERATION_KEY = "portal:generation"


def generation() -> int:
    """Bumped on every publish/withdraw: the portal's cached pages carry it in their keys."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(timezone.now().timestamp())
        cache.set(GENERATION_KEY, value, None)
    return value


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(timezone.now().timestamp()) + 1, None)


def can_publish(user, opd_id) -> bool:
    """The OPD's Kepala and Tim SAKIP (and the administrator) publish the OPD's documents."""
    if P.is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or user.opd_id != opd_id:
        return False
    return bool(user.role_names & PUBLISHERS)


def describe(target):
    """(kind, opd id, year) of a publishable object, or a ValidationError saying why it cannot be published."""
    if isinstance(target, ArchivedDocument):
        kind = DOCUMENT_KINDS.get(target.doc_type.code)
        if kind is None:
            raise ValidationError(_("Hanya LKjIP dan Dokumen Pengukuran Kinerja yang dapat dipublikasikan."))
        if target.next_versions.exists():
            raise ValidationError(_("Dokumen ini sudah diganti versi baru; publikasikan versi terbarunya."))
        source = target.source
        year = getattr(source, "year", None) or target.date.year
        return kind, target.opd_id, year
    if isinstance(target, Renstra):
        if target.status != Renstra.Status.DITETAPKAN:
            raise ValidationError(_("Renstra yang masih draf tidak dapat dipublikasikan."))
        return Publication.Kind.RENSTRA, target.opd_id, target.start_year
    if isinstance(target, PerjanjianKinerja):
        if target.status != PerjanjianKinerja.Status.DITANDATANGANI:
            raise ValidationError(_("Perjanjian Kinerja yang belum ditandatangani tidak dapat dipublikasikan."))
        if not target.position.is_opd_head:
            raise ValidationError(_("Yang dipublikasikan adalah Perjanjian Kinerja Kepala OPD."))
        return Publication.Kind.PK, target.opd_id, target.year
    raise ValidationError(_("Objek ini tidak dapat dipublikasikan."))


def _field(target):
    if isinstance(target, ArchivedDocument):
        return "document"
    if isinstance(target, Renstra):
        return "renstra"
    return "perjanjian"


def publication_of(target):
    return Publication.objects.filter(**{_field(target): target}).first()


@transaction.atomic
def publish(*, user, target, now=None) -> Publication:
    kind, opd_id, year = describe(target)
    if not can_publish(user, opd_id):
        raise PermissionDenied
    pub = Publication.objects.select_for_update().filter(**{_field(target): target}).first()
    if pub is None:
        pub = Publication(opd_id=opd_id, kind=kind, year=year, **{_field(target): target})
    elif pub.is_published:
        raise ValidationError(_("Sudah dipublikasikan."))
    pub.published_at = now or timezone.now()
    pub.published_by = user if getattr(user, "is_authenticated", False) else None
    pub._history_user = pub.published_by
    pub.save()
    _bump()  # now, and again after the commit (a page cached meanwhile from the old rows is not reused)
    transaction.on_commit(_bump)
    return pub


@transaction.atomic
def withdraw(*, user, target) -> Publication:
    pub = Publication.objects.select_for_update().filter(**{_field(target): target}).first()
    if pub is None or not pub.is_published:
        raise ValidationError(_("Belum dipublikasikan."))
    if not can_publish(user, pub.opd_id):
        raise PermissionDenied
    pub.published_at = None
    pub.published_by = user
    pub._history_user = user
    pub.save()
    _bump()  # now, and again after the commit (a page cached meanwhile from the old rows is not reused)
    transaction.on_commit(_bump)
    return pub
