"""Paging of every list endpoint (kept apart: DRF reads it while importing its generics)."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """?page=N&page_size=M (25 by default, as the list pages; at most 100)."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
