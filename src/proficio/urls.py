from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path

from proficio.api.urls import api
from proficio.web.views import page_not_found

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("proficio.web.urls")),
]


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": f"There is no API call {request.path}."}, status=404)
    return page_not_found(request, exception)
