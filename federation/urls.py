from django.urls import path

from . import views

app_name = "federation"
urlpatterns = [
    path("manage/neighbours/", views.neighbour_list, name="manage-neighbours"),
    path("manage/neighbours/new/", views.neighbour_edit, name="manage-neighbour-new"),
    path("manage/neighbours/<int:pk>/", views.neighbour_edit, name="manage-neighbour"),
    path("manage/neighbours/<int:pk>/delete/", views.neighbour_delete, name="manage-neighbour-delete"),
    path("manage/neighbours/<int:pk>/import/", views.neighbour_import, name="manage-neighbour-import"),
]
