from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    # Coordinators
    path("manage/exchange/", views.manage, name="manage"),
    path("manage/exchange/export/<slug:kind>.<slug:format>", views.export, name="export"),
    path("manage/exchange/template/<slug:kind>.<slug:format>", views.template, name="template"),
    path("manage/exchange/import/", views.upload, name="import"),
    path("manage/exchange/import/<int:pk>/", views.preview, name="import-preview"),
    path("manage/exchange/import/<int:pk>/confirm/", views.confirm, name="import-confirm"),
]
