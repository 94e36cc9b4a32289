"""The citizen's end of the situation centre: drop a pin on the city map, say what is wrong,
add photos, and follow what the city does about it.

Filing goes through the appeal API (anonymous filings are rate-limited there); following needs
a signed-in citizen, whose appeals and their incidents' states the page reads back.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie

from situation import conf
from situation.console_selectors import localized_name
from situation.models import AppealState, IncidentType, State

#: How often the page asks again how the citizen's appeals stand, in seconds.
REFRESH_SECONDS = 5


def _texts() -> dict[str, str]:
    return {
        "pickPlace": _("Click the map where the problem is."),
        "placePicked": _("Place chosen. Describe the problem and send it."),
        "sending": _("Sending…"),
        "sent": _("Appeal {id} is filed. The city's situation centre sees it now."),
        "failed": _("The appeal was not filed"),
        "signInToFollow": _("Sign in to follow your appeals here."),
        "noAppeals": _("You have filed no appeal yet."),
        "appeal": _("Appeal"),
        "incident": _("Incident"),
        "waiting": _("Waiting for the situation centre"),
    }


@ensure_csrf_cookie
def citizen_appeal_page(request: HttpRequest) -> HttpResponse:
    """The map page on which a citizen files an appeal and follows their appeals."""
    categories = IncidentType.objects.filter(is_active=True, is_open311=True).order_by(
        "sort_order", "code"
    )
    config = {
        "language": (get_language() or "en").split("-")[0],
        "center": list(settings.MAKON_MAP_CENTER),
        "signedIn": request.user.is_authenticated,
        "refreshSeconds": REFRESH_SECONDS,
        "maxPhotos": conf.photos_per_appeal(),
        "maxPhotoBytes": conf.photo_max_bytes(),
        "urls": {
            "style": reverse("tiles:style"),
            "create": reverse("situation:appeal-create"),
            "mine": reverse("situation:appeal-mine"),
        },
        "categories": {c.code: localized_name(c) for c in categories},
        "appealStates": {value: str(label) for value, label in AppealState.choices},
        "states": {value: str(label) for value, label in State.choices},
        "text": _texts(),
    }
    return render(request, "situation/console_citizen.html", {"config": config})
