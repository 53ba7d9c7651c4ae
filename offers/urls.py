from django.urls import path

from .views import public

app_name = "offers"
urlpatterns = [
    # The public directory (views/public.py)
    path("offers/", public.offer_search, name="search"),
    path("offers/<int:pk>/", public.offer_detail, name="detail"),
    # Managing offers in the members' area (views/manage.py)
    # Lists the coordinators keep: categories, topics, target groups, languages (views/lists.py)
    # Open data: HSDS 3 (views/hsds.py)
]
