from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.core.views import stage_placeholder

from .models import ArchivedDocument


@login_required
def index(request):
    return stage_placeholder(request, _("Dokumen"), _("Surat, penomoran, tanda tangan elektronik, verifikasi dan arsip."))


@login_required
def archive_detail(request, pk):
    doc = get_object_or_404(ArchivedDocument.objects.select_related("opd", "doc_type", "signer"), pk=pk)
    P.require_view(request.user, doc)
    return render(request, "documents/archive_detail.html", {"doc": doc})


@login_required
def archive_download(request, pk):
    doc = get_object_or_404(ArchivedDocument, pk=pk)
    P.require_view(request.user, doc)
    return FileResponse(doc.file.open("rb"), content_type=doc.content_type, as_attachment=request.GET.get("inline") != "1", filename=f"{doc.doc_type.code}-{doc.verification_code}.pdf")
