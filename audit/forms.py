"""The audit search filters, shared by the search page and the API (same checks, same messages)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import Action, AuditEntry


class AuditSearchForm(forms.Form):
    actor = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=150,
        help_text=_("Username or user number."),
    )
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("Any action")), *Action.choices]
    )
    cadastral_number = forms.CharField(
        label=_("Cadastral number"),
        required=False,
        max_length=AuditEntry._meta.get_field("cadastral_number").max_length,
        help_text=_("The number or its beginning, e.g. 10:02:03."),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The filters for audit.selectors.search, once the form is valid."""
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
