from django.urls import path

from core.caching import cached_page
from news import views
from news.feeds import NewsFeed

app_name = "news"
urlpatterns = [
    path("", views.news_index, name="list"),
    # Cached and revalidated like the pages: a delivery's news item is in it within seconds.
    path("feed/", cached_page()(NewsFeed()), name="feed"),
    path("<slug:slug>/", views.news_detail, name="detail"),
]
