"""The audit search page for registrars and administrators."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import Role
from audit.forms import AuditSearchForm
from audit.models import AuditEntry
from audit.selectors import search

PAGE_SIZE = 50


@role_required(Role.REGISTRAR, Role.ADMIN)
def audit_search_page(request: HttpRequest) -> HttpResponse:
    """Filter form and one page of matching entries; bad filters re-show the form with 400."""
    form = AuditSearchForm(request.GET or None)
    entries = AuditEntry.objects.none()
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        filters = form.filters() if form.is_bound else {}
        entries = search(request.user, **filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "audit/search.html", context, status=status)
