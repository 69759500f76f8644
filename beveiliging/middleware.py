"""Record refused requests in the audit log, and keep the request at hand.

``AuditMiddleware`` writes one ``toegang_geweigerd`` line for every response
with status 403: a ``PermissionDenied`` raised by a view becomes such a response
before it gets here, and so do CSRF failures and the admin's refusals. A normal
request costs nothing but a status check: no query.

It also puts the current request in a context variable, so audit events that a
signal reports without a request (a role granted in the admin, an admin change)
still get the acting user and the client IP.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.http import HttpRequest

from beveiliging.audit import Resultaat, vastleggen

huidig_verzoek: ContextVar[HttpRequest | None] = ContextVar("huidig_verzoek", default=None)


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = huidig_verzoek.set(request)
        try:
            response = self.get_response(request)
        finally:
            huidig_verzoek.reset(token)
        if response.status_code == 403:
            # The route pattern and view name, never the path: a path can hold a
            # token (unsubscribe links) or a query string with personal data.
            match = getattr(request, "resolver_match", None)
            vastleggen(
                "toegang_geweigerd",
                resultaat=Resultaat.GEWEIGERD,
                object=match.view_name if match else "",
                request=request,
                methode=request.method,
                route=str(match.route) if match else "",
            )
        return response
