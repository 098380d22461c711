"""Home page card of the reporting stage: the Pemda-wide dashboard, first on the home page of the Bupati,
Sekda, Bappeda (Pemda Viewer), the Inspektorat and the administrator (no query)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import pemda


def cards(user):
    if not pemda.can_view(user):
        return []
    return [
        {
            "title": _("Dasbor Pemda: kinerja seluruh OPD"),
            "icon": "bi-grid-3x3-gap",
            "text": _(
                "Capaian IKU tahun ini dan tahun lalu, PK, pengukuran per triwulan, LKjIP, nilai LKE dan "
                "rekomendasi terbuka setiap OPD dalam satu halaman."
            ),
            "url": reverse("reporting:pemda_dashboard"),
            "action": _("Buka dasbor Pemda"),
            "order": 1,
            "testid": "card-pemda-dashboard",
        }
    ]
