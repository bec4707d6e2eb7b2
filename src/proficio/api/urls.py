from csp.decorators import csp_update
from ninja import NinjaAPI

from . import assignments, auth, classes, courses, goals, groups, progress, reports, tasks
from .errors import install_error_handlers
from .parser import CheckedParser

api = NinjaAPI(
    title="Proficio API",
    version="1",
    description="The JSON API of Proficio, a mastery-learning platform.",
    urls_namespace="api",
    auth=auth.BearerToken(),
    # Swagger UI draws its icons from data: images; the site's policy allows none.
    docs_decorator=csp_update({"img-src": ["data:"]}),
    parser=CheckedParser(),
)
install_error_handlers(api)
api.add_router("", courses.router)
api.add_router("", auth.router)
api.add_router("", tasks.router)
api.add_router("", progress.router)
api.add_router("", classes.router)
api.add_router("", goals.router)
api.add_router("", assignments.router)
api.add_router("", groups.router)
api.add_router("", reports.router)


urlpatterns = api.urls
