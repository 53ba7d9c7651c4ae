from django.urls import path

from .views import hsds, public
from .views import lists as list_views
from .views import manage as manage_views

app_name = "offers"
urlpatterns = [
    # The public directory (views/public.py)
    path("offers/", public.offer_search, name="search"),
    path("offers/<int:pk>/", public.offer_detail, name="detail"),
    # Managing offers in the members' area (views/manage.py)
    path("manage/offers/", manage_views.offer_list, name="manage-offers"),
    path("manage/offers/new/", manage_views.offer_new, name="manage-offer-new"),
    path("manage/offers/<int:pk>/", manage_views.offer_edit, name="manage-offer"),
    path("manage/offers/<int:pk>/confirm/", manage_views.offer_confirm, name="manage-offer-confirm"),
    path("offers/confirm/<str:token>/", manage_views.offer_confirm_link, name="offer-confirm-link"),
    # Lists the coordinators keep: categories, topics, target groups, languages (views/lists.py)
    path("manage/offers/lists/", list_views.term_list, name="manage-terms"),
    path("manage/offers/lists/terms/<int:pk>/", list_views.term_edit, name="manage-term"),
    path("manage/offers/lists/languages/new/", list_views.language_new, name="manage-language-new"),
    path("manage/offers/lists/languages/<slug:code>/edit/", list_views.language_edit, name="manage-language"),
    path("manage/offers/lists/<slug:taxonomy>/new/", list_views.term_new, name="manage-term-new"),
    # Open data: HSDS 3 (views/hsds.py)
    path("offers/hsds/services.json", hsds.services, name="hsds-services"),
    path("offers/hsds/services/<int:pk>.json", hsds.service, name="hsds-service"),
    path("offers/hsds/organizations.json", hsds.organizations, name="hsds-organizations"),
    path("offers/hsds/organizations/<slug:slug>.json", hsds.organization, name="hsds-organization"),
]
