from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_control

from campaigns.sitemaps import sitemaps
from core import admin_login
from core import views as core_views

urlpatterns = [
    path("", core_views.root_redirect, name="root"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        cache_control(public=True, max_age=3600)(sitemap),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("admin/two-factor/", admin_login.two_factor_setup, name="admin-two-factor"),
    path("admin/dashboard/", include("dashboard.urls")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("campaigns.urls")),
    path("news/", include("news.urls")),
    path("testimonials/", include("testimonials.urls")),
    path("sign/", include("petitions.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("coalition/", include("coalition.urls")),
    path("", include("petitions.partner_urls")),
    prefix_default_language=True,
)
# Uploaded logos and photos (re-encoded on upload). In production nginx serves /media/
# itself (docs/deploy.md); this route keeps a single app server complete without it.
urlpatterns += [
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", core_views.media, name="media"),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
