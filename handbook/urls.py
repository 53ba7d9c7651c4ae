from django.urls import path

from . import views

app_name = "handbook"
urlpatterns = [
    # Public: the handbook holds only public data.
    path("handbook/<int:number>/document.pdf", views.document, name="document"),
    path("handbook/<int:number>/<slug:variant>.pdf", views.download, name="download"),
    # Coordinators
    path("manage/handbook/", views.manage_editions, name="manage-editions"),
    path("manage/handbook/new/", views.manage_edition_new, name="manage-edition-new"),
    path(
        "manage/handbook/<int:number>/<slug:variant>/retry/",
        views.manage_build_retry,
        name="manage-build-retry",
    ),
]
