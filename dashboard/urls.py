from django.contrib import admin
from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", admin.site.admin_view(views.dashboard), name="index"),
    path("data.csv", admin.site.admin_view(views.chart_csv), name="csv"),
]
