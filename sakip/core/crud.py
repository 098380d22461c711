"""Generic scoped list / create / edit / delete views used by every app (NetBox-style blanks).

A list = scoped queryset (selector) + django-filter FilterSet + django-tables2 Table, with
search, filters, sorting, paging and Excel export of all filtered rows. Queries per page stay
constant: the selector does the select_related/prefetch_related.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from . import exports
from . import permissions as P
from .excel import table_response
from .service_calls import add_errors


class ScopedListView(LoginRequiredMixin, View):
    title = ""
    subtitle = ""
    table_class = None
    filterset_class = None
    template_name = "core/list.html"
    paginate_by = 25
    export_name = "data"
    create_url_name = None
    create_label = None
    import_url_name = None
    # An Importer class: the Excel export then writes exactly its columns (Importer.export_values), so an exported
    # list edited and imported back changes nothing else (docs/documents.md "Excel exports").
    importer_class = None

    def get_queryset(self):
        raise ImproperlyConfigured(f"{type(self).__name__} must define get_queryset()")

    def can_create(self):
        return False

    def extra_context(self):
        return {}

    def exported(self, qs):
        """Called after an Excel export of the filtered rows (e.g. to log an export of personal data)."""

    def get(self, request, *args, **kwargs):
        qs = self.get_queryset()
        filterset = (
            self.filterset_class(request.GET or None, queryset=qs, request=request) if self.filterset_class else None
        )
        if filterset is not None:
            qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        table = self.table_class(qs, request=request)
        if request.GET.get("export") == "xlsx":
            if not getattr(request, "sakip_background_export", False):
                rows = qs.count()
                if rows > settings.SAKIP_EXPORT_INLINE_ROWS:  # too large for a web request: the task worker
                    return exports.start(request, title=self.title, row_count=rows)
            if self.importer_class is not None:
                response = self.importer_class(request.user).export_response(
                    qs, self.export_name, title=str(self.title)
                )
            else:
                RequestConfig(request, paginate=False).configure(table)
                response = table_response(table, self.export_name, title=self.title)
            self.exported(qs)
            return response
        RequestConfig(request, paginate={"per_page": self.paginate_by}).configure(table)
        context = {
            "title": self.title,
            "subtitle": self.subtitle,
            "table": table,
            "filter": filterset,
            "create_url_name": self.create_url_name if self.can_create() else None,
            "create_label": self.create_label or _("Tambah"),
            "import_url_name": self.import_url_name if self.can_create() else None,
        }
        context.update(self.extra_context())
        return render(request, self.template_name, context)


class ScopedFormView(LoginRequiredMixin, View):
    """Create or edit one object. Subclasses set model, form_class and the permission check."""

    model = None
    form_class = None
    template_name = "core/form.html"
    title_create = ""
    title_edit = ""
    success_url_name = None

    def get_object(self):
        pk = self.kwargs.get("pk")
        if pk is None:
            return None
        obj = get_object_or_404(self.model, pk=pk)
        P.require_view(self.request.user, obj)
        return obj

    def check_permission(self, obj):
        P.check(P.can_edit_object(self.request.user, obj))

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, user=self.request.user)

    def get_success_url(self, obj):
        return reverse(self.success_url_name)

    def render_form(self, form, obj):
        title = self.title_edit if obj else self.title_create
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "object": obj,
                "title": title,
                "cancel_url": self.get_success_url(obj) if obj is None else self.get_cancel_url(obj),
            },
        )

    def get_cancel_url(self, obj):
        return self.get_success_url(obj)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_permission(obj)
        return self.render_form(self.get_form(obj), obj)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_permission(obj)
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    saved = form.save()
                    self.check_permission(saved)  # the new values must stay in the user's scope
            except ValidationError as exc:
                add_errors(form, exc)
            except IntegrityError:
                form.add_error(None, _("Data bertentangan dengan data lain (duplikat). Periksa kembali isian Anda."))
            else:
                messages.success(request, _("Data tersimpan: %(obj)s") % {"obj": saved})
                return HttpResponseRedirect(self.get_success_url(saved))
        return self.render_form(form, obj)


class ScopedDeleteView(LoginRequiredMixin, View):
    model = None
    template_name = "core/confirm_delete.html"
    success_url_name = None

    def check_permission(self, obj):
        P.check(P.can_edit_object(self.request.user, obj))

    def protected_message(self, obj):
        return _("%(obj)s tidak dapat dihapus karena masih dipakai oleh data lain.") % {"obj": obj}

    def get(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        P.require_view(request.user, obj)
        self.check_permission(obj)
        return render(request, self.template_name, {"object": obj})

    def post(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        P.require_view(request.user, obj)
        self.check_permission(obj)
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, ValidationError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else self.protected_message(obj)
            messages.error(request, message)
            return render(request, self.template_name, {"object": obj, "error": message}, status=400)
        messages.success(request, _("Data dihapus: %(obj)s") % {"obj": obj})
        return HttpResponseRedirect(reverse(self.success_url_name))
