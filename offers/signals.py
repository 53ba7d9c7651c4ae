"""Keeps the search index (offers/index.py) current when an offer, its lists, languages or
places, or its organisation (name, membership) change. Bulk writes (bulk_create, update)
send no signals: call offers.index.reindex() after them; offers.index.deferred() indexes
each offer once for a block that changes it several times."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from members.models import Organisation

from .index import localized, reindex, touch
from .models import Language, Location, Offer, Term


@receiver(post_save, sender=Offer, dispatch_uid="offers-index-offer-saved")
@receiver(post_delete, sender=Offer, dispatch_uid="offers-index-offer-deleted")
def offer_changed(sender: type, instance: Offer, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # loaddata: reindex afterwards
        reindex([instance.pk])


@receiver(post_save, sender=Location, dispatch_uid="offers-index-location-saved")
@receiver(post_delete, sender=Location, dispatch_uid="offers-index-location-deleted")
def location_changed(sender: type, instance: Location, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        reindex([instance.offer_id])


@receiver(m2m_changed, sender=Offer.terms.through, dispatch_uid="offers-index-terms")
@receiver(m2m_changed, sender=Offer.languages.through, dispatch_uid="offers-index-languages")
def lists_changed(
    sender: type, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """offer.terms.add(term) (not reverse) or term.offer_set.add(offer) (reverse)."""
    if not reverse:
        if action.startswith("post_"):
            reindex([instance.pk])
    elif action == "pre_clear":  # the offers are gone by post_clear
        instance._offers_to_index = _offers_of(instance)
    elif action == "post_clear":
        reindex(getattr(instance, "_offers_to_index", []))
    elif action.startswith("post_"):
        reindex(pk_set or [])


# Renaming a list entry, a language or an organisation changes the words of its offers; an
# organisation that leaves the network takes its offers out of the directory.


@receiver(pre_save, sender=Term, dispatch_uid="offers-index-term-renaming")
@receiver(pre_save, sender=Language, dispatch_uid="offers-index-language-renaming")
@receiver(pre_save, sender=Organisation, dispatch_uid="offers-index-organisation-renaming")
def remember_name(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance._state.adding:
        return
    fields = _name_fields(sender)
    instance._indexed_names = sender.objects.filter(pk=instance.pk).values_list(*fields).first()


@receiver(post_save, sender=Term, dispatch_uid="offers-index-term-renamed")
@receiver(post_save, sender=Language, dispatch_uid="offers-index-language-renamed")
@receiver(post_save, sender=Organisation, dispatch_uid="offers-index-organisation-renamed")
def renamed(sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or created:
        return
    names = tuple(getattr(instance, field) for field in _name_fields(sender))
    if names != getattr(instance, "_indexed_names", None):
        reindex(_offers_of(instance))


@receiver(post_save, sender=Term, dispatch_uid="offers-index-term-saved")
@receiver(post_save, sender=Language, dispatch_uid="offers-index-language-saved")
@receiver(post_save, sender=Organisation, dispatch_uid="offers-index-organisation-saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="offers-index-organisation-deleted")
def kept_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    """Processes keep the lists' entries, the languages and the organisations for the index's
    version (offers/results.py): a new version."""
    touch()


@receiver(pre_delete, sender=Term, dispatch_uid="offers-index-term-deleting")
@receiver(pre_delete, sender=Language, dispatch_uid="offers-index-language-deleting")
def remember_offers(sender: type, instance: Any, **kwargs: Any) -> None:
    instance._offers_to_index = _offers_of(instance)


@receiver(post_delete, sender=Term, dispatch_uid="offers-index-term-deleted")
@receiver(post_delete, sender=Language, dispatch_uid="offers-index-language-deleted")
def entry_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    touch()
    reindex(getattr(instance, "_offers_to_index", []))


def _name_fields(model: type) -> tuple[str, ...]:
    """What an offer's index entry holds of a list entry, a language or an organisation."""
    if model is Organisation:
        return ("name", "is_member", "left_on")
    if model is Language:
        return ("native_name", *localized("name"))
    return ("taxonomy", "slug", *localized("name"))


def _offers_of(instance: Any) -> list[int]:
    if isinstance(instance, Organisation):
        offers = Offer.objects.filter(organisation=instance)
    elif isinstance(instance, Language):
        offers = Offer.objects.filter(languages=instance)
    else:
        offers = Offer.objects.filter(terms=instance)
    return list(offers.values_list("pk", flat=True))
