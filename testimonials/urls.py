from django.urls import path

from testimonials import views

app_name = "testimonials"
urlpatterns = [
    path("<slug:slug>/", views.testimonial_detail, name="detail"),
]
