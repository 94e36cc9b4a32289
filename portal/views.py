"""The citizen's "my property" page and the notary's look-up page.

Both pages hold no register data themselves: their scripts read the portal's API, which decides
what the user may see and writes the audit log. The map reuses the public city map's style,
tiles and static files.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.models import Role


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _my_property_texts() -> dict[str, str]:
    return {
        "loading": _("Loading…"),
        "loadFailed": _("Your property could not be loaded. Try again later."),
        "noProperty": _(
            "No property is registered in your name. If this is wrong, contact the "
            "cadastre office with your national ID."
        ),
        "noWebgl": _("This browser cannot draw the map (WebGL is switched off)."),
        "myShare": _("My share"),
        "coHolders": _("Co-holders"),
        "noCoHolders": _("None: you hold it alone."),
        "rights": _("Rights"),
        "encumbrances": _("Encumbrances"),
        "noEncumbrances": _("No encumbrance is registered."),
        "responsibilities": _("Responsibilities"),
        "documents": _("Documents"),
        "history": _("History of registrations"),
        "audit": _("Who looked at it and why"),
        "noAudit": _("Nobody else has looked at this property."),
        "ownReads": _("Your own views are not listed ({count})."),
        "inForce": _("in force"),
        "from": _("from"),
        "until": _("until"),
        "purpose": _("Purpose"),
        "amount": _("Amount"),
        "rank": _("Rank"),
        "beneficiary": _("In favour of"),
        "notifications": _("Notifications"),
        "noNotifications": _("No notifications yet."),
        "markRead": _("Mark all read"),
        "soum": _("soum"),
        "orderExtract": _("Order an official extract"),
    }


@role_required(Role.CITIZEN)
def my_property_page(request: HttpRequest) -> HttpResponse:
    config: dict[str, Any] = {
        "language": _language(),
        "urls": {
            "style": reverse("tiles:style"),
            "properties": reverse("my-property-list"),
            "property": reverse("my-property-detail", args=["NUMBER"]),
            "notifications": reverse("my-notification-list"),
            "notificationsRead": reverse("my-notifications-read"),
            "parcelPage": reverse("city-map-parcel", args=["NUMBER"]),
            "orderExtract": reverse("extracts:order", args=["NUMBER"]),
        },
        "text": _my_property_texts(),
    }
    return render(request, "portal/my_property.html", {"config": config})


def _notary_texts() -> dict[str, str]:
    return {
        "searching": _("Looking up…"),
        "failed": _("The look-up failed. Try again later."),
        "holders": _("Holders and shares"),
        "noHolders": _("No right is registered."),
        "encumbrances": _("Encumbrances"),
        "noEncumbrances": _("No encumbrance is registered."),
        "blockers": _("Deal blockers"),
        "noBlockers": _("Nothing registered blocks a deal."),
        "pending": _("Pending changes"),
        "asOf": _("Registered state at"),
        "documents": _("Documents"),
        "share": _("Share"),
        "nationalId": _("National ID"),
    }


@role_required(Role.NOTARY)
def notary_page(request: HttpRequest) -> HttpResponse:
    config: dict[str, Any] = {
        "language": _language(),
        "urls": {"lookup": reverse("notary-lookup")},
        "text": _notary_texts(),
    }
    context = {"config": config, "verify_form_url": reverse("extracts:verify-form")}
    return render(request, "portal/notary.html", context)
