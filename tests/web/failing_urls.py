"""The project's addresses plus two that fail, for the tests of the 500 answers."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from proficio import urls


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("The page broke")


urlpatterns = [
    path("a-page-that-fails/", fails),
    path("api/v1/a-call-that-fails", fails),
    *urls.urlpatterns,
]
handler400, handler403 = urls.handler400, urls.handler403
handler404, handler500 = urls.handler404, urls.handler500
