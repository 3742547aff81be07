from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    # The real campaign site's addresses (linked from all over the web) keep working.
    path("index.html", views.home, name="home"),
    path("", views.home, name="home"),
    path("how-CSAR-affects-us.html", views.how_affected, name="how_affected"),
    path("legal.html", views.legal, name="legal"),
    path("share/mastodon/", views.share_mastodon, name="share_mastodon"),
]
