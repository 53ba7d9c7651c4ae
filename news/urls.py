from django.urls import path

from api.feeds import PostsFeed

from . import coordination, views

app_name = "news"
urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/feed.atom", PostsFeed(), name="feed"),
    path("news/<slug:slug>/", views.news_detail, name="detail"),
    # Coordinators
    path("manage/news/", coordination.manage_list, name="manage-list"),
    path("manage/news/new/", coordination.manage_new, name="manage-new"),
    path("manage/news/<int:pk>/", coordination.manage_edit, name="manage-edit"),
    path("manage/news/<int:pk>/publish/", coordination.manage_publish, name="manage-publish"),
    path("manage/news/<int:pk>/unpublish/", coordination.manage_unpublish, name="manage-unpublish"),
    path("manage/news/<int:pk>/delete/", coordination.manage_delete, name="manage-delete"),
]
