from django.urls import path

app_name = "testimonials"
urlpatterns: list = []
