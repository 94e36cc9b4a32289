"""Official extracts from the register: the order, the issued extract, refused verifications.

Extracts live in an app of their own rather than in cadastre, where the design card first put
them. An extract is not a registered fact: it is never versioned or changed by a registration,
it has a life of its own (ordered, paid, issued, revoked) and it needs accounts, payments and a
PDF toolchain that the register itself must not depend on. cadastre holds the register; this
app certifies what the register held at a moment.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import cadastral_number as cn
from extracts import codes

_SHA256 = r"^[0-9a-f]{64}$"
LANGUAGES = [("uz", "O'zbekcha"), ("ru", "Русский"), ("en", "English")]


class ExtractOrder(models.Model):
    """A request for an extract of one property; where the fee is charged once payments exist.

    ordered -> awaiting_payment -> issued; an order with no fee goes from ordered to issued.
    """

    class State(models.TextChoices):
        ORDERED = "ordered", _("Ordered")
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        ISSUED = "issued", _("Issued")

    orderer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="extract_orders"
    )
    property = models.ForeignKey("cadastre.Property", on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=2, choices=LANGUAGES)
    fee_soum = models.PositiveBigIntegerField(
        default=0, help_text="Fee due when the order was placed (MAKON_EXTRACT_FEE), soum."
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.ORDERED)
    base_url = models.CharField(
        max_length=200, help_text="Site address the extract's QR code links to."
    )
    ordered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-ordered_at", "-pk"]
        indexes = [models.Index(fields=["orderer", "-ordered_at"], name="extractorder_orderer_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["ordered", "awaiting_payment", "issued"]),
                name="extractorder_state_known",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["uz", "ru", "en"]), name="extractorder_language_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Extract order {self.pk} ({self.state})"


class Extract(models.Model):
    """An issued extract: what it certified (snapshot), the PDF handed out, and their digests.

    Nothing of an issued extract changes except its revocation. The PDF is kept in the database
    row, not as a media file: it is small (tens of kB), it must be exactly the bytes handed out,
    and it commits or rolls back together with the row that vouches for it.
    """

    order = models.OneToOneField(ExtractOrder, on_delete=models.PROTECT, related_name="extract")
    number = models.CharField(max_length=20, unique=True, help_text="Printed as the extract No.")
    code = models.CharField(
        max_length=codes.CODE_LENGTH,
        unique=True,
        help_text="Verification code printed on the extract (100 random bits).",
    )
    property = models.ForeignKey("cadastre.Property", on_delete=models.PROTECT, related_name="+")
    cadastral_number = models.CharField(max_length=cn.UNIT_NUMBER_LENGTH)
    language = models.CharField(max_length=2, choices=LANGUAGES)
    snapshot = models.JSONField(help_text="What the extract certifies, as printed on it.")
    snapshot_sha256 = models.CharField(
        max_length=64, help_text="sha256 of the snapshot's canonical JSON (extracts.snapshot)."
    )
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    certifies_at = models.DateTimeField(help_text="The moment of the register it certifies.")
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revocation_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["cadastral_number"], name="extract_number_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=codes.PATTERN), name="extract_code"),
            models.CheckConstraint(
                condition=Q(snapshot_sha256__regex=_SHA256) & Q(pdf_sha256__regex=_SHA256),
                name="extract_digests",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("issued_at")) & Q(certifies_at__lte=F("issued_at")),
                name="extract_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revocation_reason="")
                | (Q(revoked_at__isnull=False) & ~Q(revocation_reason="")),
                name="extract_revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Extract {self.number}"


class VerificationFailure(models.Model):
    """One code tried from a client address that matched no extract; the throttle counts them."""

    address = models.GenericIPAddressField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address", "at"], name="verifyfailure_address_at_idx")]

    def __str__(self) -> str:
        return f"{self.address} at {self.at:%Y-%m-%d %H:%M:%S}"
