from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from sakip.core.views import stage_placeholder


@login_required
def index(request):
    return stage_placeholder(request, _("Evaluasi"), _("LKE PermenPAN-RB 88/2021, temuan, rekomendasi dan tindak lanjut."))
