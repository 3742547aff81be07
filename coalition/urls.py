from django.urls import path

from coalition import views

app_name = "coalition"
urlpatterns = [
    path("join/", views.apply, name="apply"),
    path("join/check-your-inbox/", views.sent, name="sent"),
    path("join/confirm/<str:token>/", views.confirm, name="confirm"),
    path("join/thank-you/", views.confirmed, name="confirmed"),
]
