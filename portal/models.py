"""What a holder is told about their property: notary look-ups and new registrations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one holder about one property; unread until `read_at` is set."""

    class Kind(models.TextChoices):
        LOOKUP = "lookup", _("Notary look-up")
        REGISTRATION = "registration", _("Registration")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    property = models.ForeignKey(
        "cadastre.Property", on_delete=models.PROTECT, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = models.CharField(
        max_length=1000, help_text="Written in the language active when it was created."
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the e-mail copy was handed to the mail server."
    )

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.property.cadastral_number} -> {self.recipient}"
