from ninja import NinjaAPI

from . import courses
from .errors import install_error_handlers

api = NinjaAPI(
    title="Proficio API",
    version="1",
    description="The JSON API of Proficio, a mastery-learning platform.",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("", courses.router)


urlpatterns = api.urls
