"""Addresses for partner organisations: the sign widget their sites frame, and their own
totals behind a secret link."""

from django.urls import path

from petitions import views

app_name = "partners"
urlpatterns = [
    path("embed/sign/", views.embed_sign, name="embed"),
    path("embed/sign/sent/", views.embed_sent, name="embed_sent"),
    path("partner/<str:token>/", views.partner_totals, name="totals"),
]
