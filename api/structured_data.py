"""schema.org descriptions (JSON-LD) of organisations, offers and meetings, for search engines
and for anyone who reads pages by machine. They say what the page says to a visitor, never
more: no contact people, no online links of meetings (those are for members)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from meetings.models import Meeting
from members.models import Organisation
from network.models import Network
from network.templatetags.portal import translated
from news.models import Post
from offers.models import Offer, Term


def _text(obj: object, field: str) -> str:
    return translated(obj, field).text


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Without the empty values: schema.org reads a missing property as unknown."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _address(street: str, postcode: str, city: str) -> dict[str, Any] | None:
    if not (street or postcode or city):
        return None
    return _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": street,
            "postalCode": postcode,
            "addressLocality": city,
            "addressCountry": "DE",
        }
    )


def organisation(request: HttpRequest, org: Organisation, network: Network | None) -> dict[str, Any]:
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": request.build_absolute_uri(org.get_absolute_url()),
            "name": org.name,
            "url": org.website or request.build_absolute_uri(org.get_absolute_url()),
            "description": _text(org, "description"),
            "email": org.email,
            "telephone": org.phone,
            "address": _address(org.street, org.postcode, org.city),
            "parentOrganization": _compact(
                {
                    "@type": "Organization",
                    "name": org.parent.name,
                    "@id": request.build_absolute_uri(org.parent.get_absolute_url()),
                }
            )
            if org.parent
            else None,
            "memberOf": {"@type": "Organization", "name": network.name}
            if network and org.is_current_member
            else None,
        }
    )


def offer(request: HttpRequest, item: Offer) -> dict[str, Any]:
    terms = list(item.terms.all())
    places = list(item.locations.all())
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "Service",
            "@id": request.build_absolute_uri(item.get_absolute_url()),
            "url": request.build_absolute_uri(item.get_absolute_url()),
            "name": _text(item, "title"),
            "description": _text(item, "description"),
            "provider": {
                "@type": "Organization",
                "name": item.organisation.name,
                "@id": request.build_absolute_uri(item.organisation.get_absolute_url()),
            },
            "category": [
                _text(term, "name") for term in terms if term.taxonomy != Term.Taxonomy.TARGET_GROUP
            ],
            "audience": [
                {"@type": "Audience", "audienceType": _text(term, "name")}
                for term in terms
                if term.taxonomy == Term.Taxonomy.TARGET_GROUP
            ],
            "availableLanguage": [
                {"@type": "Language", "name": _text(language, "name"), "alternateName": language.code}
                for language in item.languages.all()
            ],
            "isAccessibleForFree": item.free_of_charge,  # None: not known, left out
            "areaServed": sorted({place.city for place in places if place.city}),
            "availableChannel": [
                _compact(
                    {
                        "@type": "ServiceChannel",
                        "name": place.name,
                        "serviceLocation": _compact(
                            {
                                "@type": "Place",
                                "name": place.name,
                                "address": _address(place.street, place.postcode, place.city),
                                "geo": {
                                    "@type": "GeoCoordinates",
                                    "latitude": float(place.latitude),
                                    "longitude": float(place.longitude),
                                }
                                if place.latitude is not None and place.longitude is not None
                                else None,
                            }
                        ),
                    }
                )
                for place in places
            ],
        }
    )


def meeting(request: HttpRequest, item: Meeting, network: Network | None) -> dict[str, Any]:
    place = item.place
    status = "EventCancelled" if item.is_cancelled else "EventScheduled"
    if place and item.online_url:
        mode = "MixedEventAttendanceMode"
    elif item.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    name = item.get_kind_display() + (f": {_text(item, 'topic')}" if item.topic else "")
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": request.build_absolute_uri(item.get_absolute_url()),
            "url": request.build_absolute_uri(item.get_absolute_url()),
            "name": name,
            "description": _text(item, "description"),
            "startDate": timezone.localtime(item.starts_at).isoformat(),
            "endDate": timezone.localtime(item.ends_at).isoformat(),
            "eventStatus": f"https://schema.org/{status}",
            "eventAttendanceMode": f"https://schema.org/{mode}",
            # An online meeting's link is for members: the page says only that there is one.
            "location": _compact({"@type": "Place", "name": place.name, "address": place.address})
            if place
            else ({"@type": "VirtualLocation", "name": "online"} if item.online_url else None),
            "organizer": {"@type": "Organization", "name": network.name} if network else None,
        }
    )


def news_article(request: HttpRequest, post: Post, network: Network | None) -> dict[str, Any]:
    """A published public news item; the author's name is not said (the page does not say it)."""
    url = request.build_absolute_uri(post.get_absolute_url())
    title = translated(post, "title")
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "@id": url,
            "url": url,
            "mainEntityOfPage": url,
            "headline": title.text[:110],
            "description": _text(post, "summary"),
            "inLanguage": title.lang,
            "datePublished": timezone.localtime(post.published_at).isoformat() if post.published_at else None,
            "dateModified": timezone.localtime(post.updated_at).isoformat(),
            "publisher": {"@type": "Organization", "name": network.name} if network else None,
            "about": {
                "@type": "Organization",
                "name": post.organisation.name,
                "@id": request.build_absolute_uri(post.organisation.get_absolute_url()),
            }
            if post.organisation
            else None,
        }
    )
