"""DRF permission classes built on accounts.roles."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.roles import has_role


class HasRole(BasePermission):
    """Allow signed-in holders of any of `roles`: anonymous -> 401, wrong role -> 403.

    Use `HasRole.of("registrar", "admin")` in `permission_classes`.
    """

    roles: tuple[str, ...] = ()
    message = "Your account does not have a role that may do this."

    @classmethod
    def of(cls, *roles: str) -> type["HasRole"]:
        names = "".join(role.title() for role in roles)
        return type(f"HasRole{names}", (cls,), {"roles": tuple(roles)})

    def has_permission(self, request: Request, view: Any) -> bool:
        # False for anonymous makes DRF answer 401 (token authentication's header comes first).
        if not request.user or not request.user.is_authenticated:
            return False
        return has_role(request.user, *self.roles)
