from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from peps.assessment import urls as assessment_urls
from peps.core import views as core_views
from peps.imports import urls as imports_urls
from peps.poles.views.network import home as network_home

urlpatterns = [
    path("", network_home, name="home"),
    path("hello/", core_views.hello, name="hello"),
    path("langue/<str:code>/", core_views.switch_language, name="switch_language"),
    path("accessibilite/", core_views.accessibility, name="accessibility"),
    path("confidentialite/", core_views.privacy, name="privacy"),
    path("compte/", include("allauth.urls")),
    path("profil/", include("peps.accounts.urls")),
    path("territoires/", include("peps.territory.urls")),
    path("notifications/", include("peps.notifications.urls")),
    path("admin/", admin.site.urls),
    # The national network: referentials, campaigns, poles, resource people, calls for projects.
    path("reseau/", include("peps.network.urls")),
    path("reseau/referentiels/", include("peps.referentials.urls")),
    path("reseau/campagnes/", include("peps.assessment.urls")),
    path("reseau/personnes-ressources/", include("peps.resourcepeople.urls")),
    path("reseau/appels/", include("peps.calls.urls")),
    path("donnees/", include("peps.opendata.urls")),
    path("reseau/registres/", include((imports_urls.register_urlpatterns, "registers"))),
    path("reseau/rapprochement/", include("peps.matching.urls")),
    path("api/", include("peps.api.urls")),
    # Everything that belongs to a pole lives under /p/<pole>/.
    path("p/<slug:pole>/", include("peps.poles.urls")),
    path("p/<slug:pole>/annuaire/", include("peps.directory.urls")),
    path("p/<slug:pole>/projets/", include("peps.projects.urls")),
    path("p/<slug:pole>/partenariats/", include("peps.partnerships.urls")),
    path("p/<slug:pole>/agenda/", include("peps.agenda.urls")),
    path("p/<slug:pole>/ressources/", include("peps.commons.urls")),
    path("p/<slug:pole>/debats/", include("peps.deliberation.urls")),
    path("p/<slug:pole>/gouvernance/", include("peps.governance.urls")),
    path("p/<slug:pole>/autoevaluation/", include((assessment_urls.pole_urlpatterns, "assessment_pole"))),
    path("p/<slug:pole>/contacts/", include("peps.activity.urls")),
    path("p/<slug:pole>/financements/", include("peps.funding.urls")),
    path("p/<slug:pole>/bilan/", include("peps.reports.urls")),
    path("p/<slug:pole>/lettres/", include("peps.newsletters.urls")),
    path("p/<slug:pole>/imports/", include("peps.imports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
