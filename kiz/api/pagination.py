from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    page_query_description = _("Page number, starting at 1.")
    page_size_query_description = _("Rows per page (at most 200).")
