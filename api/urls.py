from django.urls import path

from .feeds import NewsFeed

app_name = "api"
urlpatterns = [
    path("feed.atom", NewsFeed(), name="feed"),
]
