"""Photo files of appeals and incidents, by their unguessable token.

The token is the permission: it is handed out with the appeal (to its appellant, operators and,
through Open311's media_url, to 311 apps). Served with the content type recognised at upload and
nosniff, so a stored file is never interpreted as anything but that image.
"""

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_http_methods

from situation.models import Photo


@require_http_methods(["GET", "HEAD"])
def photo(request: HttpRequest, token: str) -> FileResponse:
    row = Photo.objects.filter(token=token[:40]).first()
    if row is None:
        raise Http404("No such photo.")
    try:
        handle = row.image.open("rb")
    except FileNotFoundError:
        raise Http404("The photo file is missing.") from None
    response = FileResponse(handle, content_type=row.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
