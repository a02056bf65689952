from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from lantern.accounts import views as accounts_views
from lantern.api.site import api


def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer: answers without touching personal data."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("health", health, name="health"),
    path("", include("lantern.accounts.urls")),
    path("audit/", include("lantern.audit.urls")),
    path("cases/", include("lantern.cases.urls")),
    path("safeguarding/", include("lantern.safeguarding.urls")),
    path("legal/", include("lantern.legal.urls")),
    path("justice/", include("lantern.justice.urls")),
    path("linkage/", include("lantern.linkage.urls")),
    path("insights/", include("lantern.insights.urls")),
    path("api/", api.urls),
]

handler403 = "lantern.error_pages.forbidden"
handler404 = "lantern.error_pages.not_found"
handler500 = "lantern.error_pages.server_error"
