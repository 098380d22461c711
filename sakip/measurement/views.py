from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from sakip.core.views import stage_placeholder


@login_required
def index(request):
    return stage_placeholder(request, _("Pengukuran"), _("Pengukuran kinerja triwulanan menurut SOP: formulir per unit, realisasi, validasi, persetujuan."))
