"""The audit log: who read or changed what, when, from where and why.

Append-only and hash-chained in the database itself (migration audit 0002_append_only_chain):
a trigger refuses UPDATE, DELETE and TRUNCATE for every role, and the insert trigger fills
`id`, `at`, `prev_hash` and `hash` under a transaction-scoped advisory lock, so concurrent
writers queue and the chain never forks. `manage.py audit_verify` recomputes the chain.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import pgettext_lazy


class Action(models.TextChoices):
    READ_PERSONAL = "read_personal", pgettext_lazy("audit action", "Read personal data")
    LOOKUP = "lookup", pgettext_lazy("audit action", "Notary look-up")
    CREATE = "create", pgettext_lazy("audit action", "Create")
    CHANGE = "change", pgettext_lazy("audit action", "Change")
    END = "end", pgettext_lazy("audit action", "End")
    EXTRACT_ISSUE = "extract_issue", pgettext_lazy("audit action", "Extract issued")
    EXTRACT_VERIFY = "extract_verify", pgettext_lazy("audit action", "Extract verified")
    EXTRACT_REVOKE = "extract_revoke", pgettext_lazy("audit action", "Extract revoked")
    DOCUMENT_READ = "document_read", pgettext_lazy("audit action", "Document read")
    DOCUMENT_UPLOAD = "document_upload", pgettext_lazy("audit action", "Document uploaded")
    LOGIN = "login", pgettext_lazy("audit action", "Signed in")
    LOGIN_FAILED = "login_failed", pgettext_lazy("audit action", "Failed sign-in")
    LOGIN_LOCKED = "login_locked", pgettext_lazy("audit action", "Sign-in refused: locked out")
    LOGOUT = "logout", pgettext_lazy("audit action", "Signed out")
    TOKEN_ISSUE = "token_issue", pgettext_lazy("audit action", "API token issued")
    ROLE_CHANGE = "role_change", pgettext_lazy("audit action", "Role changed")
    INCIDENT = "incident", pgettext_lazy("audit action", "Incident")


class AuditEntry(models.Model):
    """One audited event. Never updated or deleted (the database refuses)."""

    id = models.BigAutoField(
        primary_key=True, help_text="Chain position: assigned by the insert trigger under lock."
    )
    at = models.DateTimeField(db_default=Now(), help_text="Set by the insert trigger.")
    actor = models.ForeignKey(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text="Who; empty for an anonymous visitor. No constraint: the log outlives users.",
    )
    actor_username = models.CharField(max_length=150, blank=True, help_text="Who, as named then.")
    action = models.CharField(
        max_length=32, help_text="One of audit.models.Action (checked by audit.services.record)."
    )
    object_type = models.CharField(max_length=64, help_text="What kind of object, e.g. property.")
    object_id = models.CharField(max_length=64, blank=True)
    cadastral_number = models.CharField(max_length=40, blank=True, db_index=True)
    purpose = models.CharField(max_length=500, blank=True, help_text="Why, as the actor stated.")
    ip = models.GenericIPAddressField(null=True, blank=True, help_text="From where.")
    detail = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    prev_hash = models.CharField(
        max_length=64, db_default="", help_text="Hash of the entry before."
    )
    hash = models.CharField(
        max_length=64,
        db_default="",
        help_text="sha256 over the canonical form of this entry and prev_hash (audit_entry_hash).",
    )

    class Meta:
        verbose_name_plural = "audit entries"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
            models.Index(fields=["actor", "at"], name="audit_actor_at_idx"),
            models.Index(fields=["at"], name="audit_at_idx"),
        ]

    def __str__(self) -> str:
        who = self.actor_username or "anonymous"
        return f"#{self.id} {self.at:%Y-%m-%d %H:%M:%S} {who} {self.action} {self.object_type}"

    @property
    def action_label(self) -> str:
        """The action's display name (no choices on the column: a new action needs no migration)."""
        try:
            return str(Action(self.action).label)
        except ValueError:
            return self.action
