from django.urls import path

from petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.sign, name="sign"),
    path("sent/", views.sent, name="sent"),
    path("resend/", views.resend, name="resend"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("thanks/", views.confirmed, name="confirmed"),
    path("delete/<str:token>/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
    path("count.json", views.count_json, name="count"),
    path("countries.json", views.countries_json, name="countries"),
    path("badge.svg", views.badge, name="badge"),
    path("numbers/", views.numbers, name="numbers"),
    path("challenge.json", views.challenge, name="challenge"),
]
