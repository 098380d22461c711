"""/publik/sitemap.xml: the portal's Pemda and OPD pages (django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from sakip.organization.models import OPD

from . import selectors


class PemdaSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.pemdas()

    def location(self, item):
        return reverse("portal:pemda", kwargs={"pemda": item.pk})


class OpdSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        ids = selectors.published().values("opd_id").annotate(last=Max("published_at"))
        last = {row["opd_id"]: row["last"] for row in ids}
        opds = list(OPD.objects.filter(pk__in=list(last)).order_by("pemda_id", "name"))
        for o in opds:
            o.portal_last = last[o.pk]
        return opds

    def location(self, item):
        return reverse("portal:opd", kwargs={"pemda": item.pemda_id, "pk": item.pk})

    def lastmod(self, item):
        return item.portal_last


SITEMAPS = {"pemda": PemdaSitemap, "opd": OpdSitemap}
