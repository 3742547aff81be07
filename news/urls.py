from django.urls import path

from news import views
from news.feeds import NewsFeed

app_name = "news"
urlpatterns = [
    path("", views.news_index, name="list"),
    path("feed/", NewsFeed(), name="feed"),
    path("<slug:slug>/", views.news_detail, name="detail"),
]
