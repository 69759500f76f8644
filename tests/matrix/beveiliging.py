"""Permission matrix rows for the quarterly role review (issue 10 point 4). (Helper "audit".)

The review is a page of the admin (``/beheer/beveiliging/auditregel/rolreview/``):
only whoever may read the audit log (the beheerder) opens it, as a page or as CSV;
everyone else is sent to the admin login (no persona but the beheerder is staff).
It changes nothing, so any other method is a 405. The audit log's own admin pages
follow the admin rule (``BEHEERDER_ADMIN_RIGHTS``: view only).
"""

from tests.permission_matrix import ADMIN_LOGIN, Case, expect

URL = "admin:beveiliging_auditregel_rolreview"

CASES: list[Case] = [
    Case(URL, expect(ADMIN_LOGIN, beheerder=200)),
    Case(URL, expect(ADMIN_LOGIN, beheerder=200), data=lambda f: {"formaat": "csv"}, label="csv"),
    Case(URL, expect(ADMIN_LOGIN, beheerder=405), method="post"),
]
