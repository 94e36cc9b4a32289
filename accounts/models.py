"""People who sign in: their roles, their link to a party in the register, login throttling.

A role is granted, not inherited from Django groups, so that one query answers "what may this
person do" and an operator's grant can be limited to some districts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a signed-in person may do. "public" is simply an anonymous visitor."""

    CITIZEN = "citizen", _("Citizen")
    NOTARY = "notary", _("Notary")
    PLANNER = "planner", _("Planner")
    REGISTRAR = "registrar", _("Registrar")
    OPERATOR = "operator", _("Situation centre operator")
    ADMIN = "admin", _("Administrator")


class RoleGrant(models.Model):
    """One role held by one person; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    districts = models.ManyToManyField(
        "citygis.AdminArea",
        blank=True,
        related_name="+",
        limit_choices_to={"level": "district"},
        help_text="Districts the role is limited to; none means the whole city.",
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="rolegrant_one_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class Profile(models.Model):
    """A person's national ID (PINFL) and the party in the register it identifies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    national_id = models.CharField(
        max_length=14,
        null=True,
        blank=True,
        unique=True,
        help_text="PINFL, 14 digits; links the person to their party by the party's PINFL.",
    )
    party = models.ForeignKey(
        "cadastre.Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
        help_text="Set from the national ID (accounts.services.profile_set_national_id).",
    )
    oidc_subject = models.CharField(
        max_length=255,
        null=True,
        blank=True,
        unique=True,
        help_text="Subject ('iss sub') of the single sign-on account last used to sign in.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(national_id__isnull=True) | Q(national_id__regex=r"^[0-9]{14}$"),
                name="profile_national_id_format",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class LoginFailure(models.Model):
    """One failed sign-in. Counted per address and per username to throttle guessing.

    Kept in the database, not in process memory, so every web worker sees the same count.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    username = models.CharField(max_length=150, blank=True, help_text="Lower-cased, as typed.")

    class Meta:
        indexes = [
            models.Index(fields=["ip", "at"], name="loginfailure_ip_at_idx"),
            models.Index(fields=["username", "at"], name="loginfailure_username_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.username or '-'} from {self.ip or '?'} at {self.at:%Y-%m-%d %H:%M:%S}"
