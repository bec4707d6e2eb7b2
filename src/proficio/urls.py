from django.urls import include, path

from proficio.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("proficio.web.urls")),
]

# The error pages (web/error_pages.py): in the site's style, and JSON under /api/.
handler400 = "proficio.web.error_pages.bad_request"
handler403 = "proficio.web.error_pages.forbidden"
handler404 = "proficio.web.error_pages.not_found"
handler500 = "proficio.web.error_pages.server_error"
