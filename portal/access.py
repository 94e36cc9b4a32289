"""Who may see which property and which document of the register: decided here, and only here.

Every view, API and selector that shows a party's property or a source document asks these
functions. A property or document the user may not see is answered exactly as one that does
not exist (Http404, with the same message), so a guess at another person's cadastral number or
document id learns nothing.

- A citizen sees the properties on which their party holds a right in force now, alone or
  through a party group, and the documents cited by any right, restriction or responsibility
  (in force or ended) of those properties.
- A notary, registrar or admin sees every property and document: their work is looking them up,
  and each such read is written to the audit log by the caller.
- Everyone else (anonymous, planner, operator) sees none through these functions; the public
  map and API show what is public without them.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import Role
from accounts.roles import has_role
from accounts.selectors import party_of
from cadastre.models import Party, Property, Responsibility, Restriction, Right, Source
from core import cadastral_number as cn

# Roles whose work is to read the whole register.
REGISTER_READERS = (Role.NOTARY, Role.REGISTRAR, Role.ADMIN)

PROPERTY_NOT_FOUND = "No property {number} is registered."
SOURCE_NOT_FOUND = "No document {pk} is registered."


def reads_whole_register(user: User | AnonymousUser) -> bool:
    """True for the roles that may look up any property and document."""
    return bool(user.is_authenticated) and has_role(user, *REGISTER_READERS)


def holder_party(user: User | AnonymousUser) -> Party | None:
    """The party a citizen acts as, or None when the user is no citizen linked to one."""
    if not user.is_authenticated or not has_role(user, Role.CITIZEN):
        return None
    return party_of(user)


def _held_by(party: Party) -> Q:
    """Rights in force held by `party`, directly or as a member of a party group."""
    return Q(valid_until__isnull=True) & (Q(party=party) | Q(party_group__memberships__party=party))


def held_properties(user: User | AnonymousUser) -> QuerySet[Property]:
    """The properties on which the citizen `user`'s party holds a right in force now."""
    party = holder_party(user)
    if party is None:
        return Property.objects.none()
    held = Right.objects.filter(_held_by(party), property=OuterRef("pk"))
    return Property.objects.filter(Exists(held))


def visible_properties(user: User | AnonymousUser) -> QuerySet[Property]:
    """The properties `user` may see with their holders, shares and documents."""
    if reads_whole_register(user):
        return Property.objects.all()
    return held_properties(user)


def _one_of(properties: QuerySet[Property], cadastral_number: str) -> Property:
    number = str(cn.parse(cadastral_number))
    found = properties.filter(cadastral_number=number).first()
    if found is None:
        raise Http404(PROPERTY_NOT_FOUND.format(number=number))
    return found


def property_for(user: User | AnonymousUser, cadastral_number: str) -> Property:
    """The property numbered `cadastral_number`, or Http404 when it is missing or not `user`'s.

    A malformed number raises InvalidInputError (400): its shape says nothing about anyone.
    """
    return _one_of(visible_properties(user), cadastral_number)


def held_property_for(user: User | AnonymousUser, cadastral_number: str) -> Property:
    """Like property_for, but only a property the citizen `user` holds ("my property")."""
    return _one_of(held_properties(user), cadastral_number)


def _citing_visible_property(source_pk: int, properties: QuerySet[Property]) -> bool:
    """True when a right, restriction or responsibility of `properties` cites the source.

    Ended versions count too: the history of a property the user holds is theirs to read.
    """
    return any(
        model.objects.filter(sources=source_pk, property__in=properties).exists()
        for model in (Right, Restriction, Responsibility)
    )


def can_read_source(user: User | AnonymousUser, source: Source) -> bool:
    """True when `user` may read the document `source` (its record and its file)."""
    if reads_whole_register(user):
        return True
    if holder_party(user) is None:
        return False
    return _citing_visible_property(source.pk, visible_properties(user))


def source_for(user: User | AnonymousUser, pk: int) -> Source:
    """The source document `pk`, or Http404 when it is missing or `user` may not read it."""
    source = Source.objects.filter(pk=pk).first()
    if source is None or not can_read_source(user, source):
        raise Http404(SOURCE_NOT_FOUND.format(pk=pk))
    return source
