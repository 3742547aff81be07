from django.urls import path

app_name = "coalition"
urlpatterns: list = []
