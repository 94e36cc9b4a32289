"""Public search of current parcels and buildings by cadastral-number prefix or address words.

What the map's search box suggests: only the number, the address and the bounding box of each
object, never a holder. Both kinds of query are answered through indexes so that they stay fast
on a register of a million parcels:

- a number prefix such as ``10:02:01`` is a range over the btree on ``cadastral_number``;
- address words are ``UPPER(address) LIKE '%WORD%'`` conditions, which the trigram indexes of
  migration ``cadastre.0003_search_indexes`` answer (they index that exact expression).
"""

import re
from dataclasses import dataclass

from django.contrib.gis.db.models.functions import Envelope, Transform
from django.db.models import Q, QuerySet

from cadastre.models import Building, Parcel
from core.params import InvalidParameterError, echo

SEARCH_MIN_LENGTH = 3
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 8
SEARCH_LIMIT = 10
# A trigram index can only narrow a search by a word of three characters or more.
_INDEXED_WORD_LENGTH = 3
# The widest cadastral number (a unit's): a prefix completed with its tail is the last number
# the prefix can start.
_NUMBER_TEMPLATE = "99:99:99:99:99:9999:9999:999"
# Uzbek Latin writes o' and g' with several look-alike apostrophes; addresses store ASCII "'".
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bb\u02bc\u0060\u00b4", "'"))
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchHit:
    """One suggestion: a current parcel or registered building and its extent in degrees."""

    kind: str  # "parcel" or "building"
    cadastral_number: str
    address: str
    bbox: tuple[float, float, float, float]  # west, south, east, north (EPSG:4326)


def number_prefix_range(text: str) -> tuple[str, str] | None:
    """The first and last cadastral numbers that start with `text`, or None if none can.

    A btree answers the range whatever the database collation, while ``LIKE 'prefix%'`` uses
    the index only under the "C" collation. All numbers share one layout, so every collation
    orders them digit by digit.
    """
    if not 2 <= len(text) <= len(_NUMBER_TEMPLATE) or not text[0].isdigit():
        return None
    for char, slot in zip(text, _NUMBER_TEMPLATE, strict=False):
        if slot == ":" and char != ":":
            return None
        if slot != ":" and char not in "0123456789":
            return None
    return text, text + _NUMBER_TEMPLATE[len(text) :]


def _normalised(query: str) -> str:
    """`query` with runs of spaces made one and look-alike apostrophes made ASCII."""
    if any(not char.isprintable() and not char.isspace() for char in query):
        raise InvalidParameterError("q contains control characters.")
    return _SPACES.sub(" ", query.translate(_APOSTROPHES)).strip()


def _checked(query: str) -> str:
    text = _normalised(query)
    if len(text) < SEARCH_MIN_LENGTH:
        raise InvalidParameterError(
            f"q must be at least {SEARCH_MIN_LENGTH} characters: a cadastral number such as "
            f"10:02:01 or words of an address."
        )
    if len(text) > SEARCH_MAX_LENGTH:
        raise InvalidParameterError(
            f"q is {len(text)} characters long; at most {SEARCH_MAX_LENGTH} are searched."
        )
    return text


def _address_words(text: str) -> list[str]:
    words = text.split(" ")
    if len(words) > SEARCH_MAX_WORDS:
        raise InvalidParameterError(
            f"q has {len(words)} words; at most {SEARCH_MAX_WORDS} are searched."
        )
    if all(len(word) < _INDEXED_WORD_LENGTH for word in words):
        raise InvalidParameterError(
            f"q {echo(text)}: give at least one word of {_INDEXED_WORD_LENGTH} letters or more "
            f"of the address, or a cadastral number such as 10:02:01."
        )
    return words


def _with_bbox(objects: QuerySet) -> QuerySet:
    return objects.only("cadastral_number", "address").annotate(
        bbox_4326=Envelope(Transform("geom", 4326))
    )


def _hits(kind: str, objects: QuerySet, limit: int) -> list[SearchHit]:
    return [
        SearchHit(
            kind=kind,
            cadastral_number=row.cadastral_number,
            address=row.address,
            bbox=tuple(row.bbox_4326.extent),
        )
        for row in _with_bbox(objects).order_by("cadastral_number")[:limit]
    ]


def cadastral_object_search(*, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """Up to `limit` current parcels, then registered buildings, matching `query`.

    A query shaped like the start of a cadastral number finds the numbers it begins; anything
    else is address words, all of which must occur in the address (case-insensitive). Parcels
    come first, each kind in cadastral-number order; bboxes are in degrees (EPSG:4326).
    """
    text = _checked(query)
    number_range = number_prefix_range(text)
    if number_range is not None:
        first, last = number_range
        # The range finds the index entries; startswith keeps the answer exact.
        condition = Q(
            cadastral_number__gte=first,
            cadastral_number__lte=last,
            cadastral_number__startswith=text,
        )
    else:
        condition = Q()
        for word in _address_words(text):
            condition &= Q(address__icontains=word)
    hits = _hits("parcel", Parcel.objects.current().filter(condition), limit)
    if len(hits) < limit:
        buildings = Building.objects.current().filter(condition, cadastral_number__isnull=False)
        hits += _hits("building", buildings, limit - len(hits))
    return hits
