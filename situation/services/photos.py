"""Photos of appeals and incidents: the type is read from the bytes, never from the name or
the client's Content-Type, and the size is limited."""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from situation import conf
from situation.errors import InvalidPhotoError, PhotoTooLargeError
from situation.models import Appeal, Incident, Photo
from situation.services.events import actor_or_none

# Signatures of the accepted formats: JPEG (SOI marker), PNG (8-byte signature followed by the
# IHDR chunk), WebP (a RIFF container of type WEBP).
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class CheckedPhoto:
    """An upload whose bytes were read and recognised."""

    data: bytes
    content_type: str
    extension: str
    sha256: str


def _sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) recognised from the first bytes, or None."""
    if data[:3] == b"\xff\xd8\xff" and data.rstrip(b"\x00")[-2:] == b"\xff\xd9":
        return "image/jpeg", "jpg"
    if data[:8] == _PNG_SIGNATURE and data[12:16] == b"IHDR" and b"IEND" in data[-12:]:
        return "image/png", "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:15] == b"VP8":
        return "image/webp", "webp"
    return None


def photo_check(upload: UploadedFile | bytes, *, name: str = "") -> CheckedPhoto:
    """Read and recognise one upload; PhotoTooLargeError (413) or InvalidPhotoError (400).
    `name` is how the messages call the upload (default: "photo", translated)."""
    name = name or _("photo")
    limit = conf.photo_max_bytes()
    if isinstance(upload, bytes):
        data = upload
    else:
        if upload.size is not None and upload.size > limit:
            raise PhotoTooLargeError(
                _("The %(name)s is %(size)s bytes; the limit is %(limit)s bytes.")
                % {"name": name, "size": upload.size, "limit": limit}
            )
        data = upload.read(limit + 1)
    if len(data) > limit:
        raise PhotoTooLargeError(
            _("The %(name)s is larger than the limit of %(limit)s bytes.")
            % {"name": name, "limit": limit}
        )
    if not data:
        raise InvalidPhotoError(_("The %(name)s is empty.") % {"name": name})
    kind = _sniff(data)
    if kind is None:
        raise InvalidPhotoError(
            _("The %(name)s is not a JPEG, PNG or WebP image.") % {"name": name}
        )
    content_type, extension = kind
    return CheckedPhoto(
        data=data,
        content_type=content_type,
        extension=extension,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def photos_check(uploads: list[UploadedFile | bytes]) -> list[CheckedPhoto]:
    """Check every upload, and their number, before anything is written."""
    limit = conf.photos_per_appeal()
    if len(uploads) > limit:
        raise InvalidPhotoError(
            _("At most %(limit)s photos may be attached, not %(count)s.")
            % {"limit": limit, "count": len(uploads)}
        )
    return [
        photo_check(upload, name=_("photo %(number)s") % {"number": number})
        for number, upload in enumerate(uploads, 1)
    ]


def photo_attach(
    *,
    photo: CheckedPhoto,
    user: User | AnonymousUser | None,
    appeal: Appeal | None = None,
    incident: Incident | None = None,
) -> Photo:
    """Store a checked photo on an appeal or an incident (in the caller's transaction)."""
    row = Photo(
        appeal=appeal,
        incident=incident,
        content_type=photo.content_type,
        size_bytes=len(photo.data),
        sha256=photo.sha256,
        uploaded_by=actor_or_none(user),
        uploaded_at=timezone.now(),
    )
    row.image.save(f"{photo.sha256[:16]}.{photo.extension}", ContentFile(photo.data), save=False)
    row.save()
    return row
