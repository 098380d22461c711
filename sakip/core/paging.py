"""Pages of rows whose cost does not grow with the Pemda.

List pages that show aggregates per row (tasks done, forms submitted, …) take the page of primary keys
first — one cheap ordered query plus a COUNT — and annotate only the rows shown. Annotating the whole
scoped queryset before slicing made `/pengukuran/` grow with every period of every OPD (issue 15).
"""

from django.core.paginator import Paginator

PER_PAGE = 50


def page_of(request, queryset, *, per_page=PER_PAGE):
    """(page, pks): the requested page of `queryset` (already ordered) and the primary keys it shows.

    The caller annotates `Model.objects.filter(pk__in=pks)` and keeps the order of `pks`.
    """
    paginator = Paginator(queryset.values_list("pk", flat=True), per_page)
    page = paginator.get_page(request.GET.get("page"))
    return page, list(page.object_list)


def in_order(objects, pks):
    """`objects` sorted as `pks` lists them."""
    rank = {pk: i for i, pk in enumerate(pks)}
    return sorted(objects, key=lambda o: rank[o.pk])
