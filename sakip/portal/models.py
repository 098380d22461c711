"""What an OPD has published on the public portal (/publik/; docs/user-guide.md "Portal publik").

One row per published item: an archived document (the signed LKjIP or Dokumen Pengukuran Kinerja, from
sakip.documents — the archive record itself is immutable, so its publication lives here), an adopted
Renstra (its IKU and targets) or a signed Perjanjian Kinerja. `published_at` is set when it is published
and emptied when it is withdrawn ("Tarik dari publikasi"); every change is in the history (Riwayat) with
who and when, so the date each item went public is kept (LKE 1.b.2 and 3.a.5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.core.models import DomainModel


class Publication(DomainModel):
    class Kind(models.TextChoices):
        RENSTRA = "renstra", _("Renstra dan IKU")
        PK = "pk", _("Perjanjian Kinerja")
        LKJIP = "lkjip", _("LKjIP")
        DPK = "dpk", _("Dokumen Pengukuran Kinerja")

    opd = models.ForeignKey(
        "organization.OPD", on_delete=models.PROTECT, related_name="publications", verbose_name=_("OPD")
    )
    kind = models.CharField(_("Jenis"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("Tahun"))
    document = models.OneToOneField(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publication",
        verbose_name=_("Dokumen"),
    )
    renstra = models.OneToOneField(
        "planning.Renstra",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publication",
        verbose_name=_("Renstra"),
    )
    perjanjian = models.OneToOneField(
        "planning.PerjanjianKinerja",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publication",
        verbose_name=_("Perjanjian Kinerja"),
    )
    published_at = models.DateTimeField(_("Dipublikasikan pada"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dipublikasikan oleh"),
    )

    class Meta:
        verbose_name = _("Publikasi")
        verbose_name_plural = _("Publikasi")
        ordering = ["opd", "-year", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(document__isnull=False, renstra__isnull=True, perjanjian__isnull=True)
                    | Q(document__isnull=True, renstra__isnull=False, perjanjian__isnull=True)
                    | Q(document__isnull=True, renstra__isnull=True, perjanjian__isnull=False)
                ),
                name="publication_one_target",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.opd.akronim} {self.year}"

    def get_scope_unit(self):
        return None

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def target(self):
        return self.document or self.renstra or self.perjanjian
