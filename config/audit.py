"""The audit trail of the domain models (DESIGN §3: django-pghistory).

``@gevolgd`` puts PostgreSQL triggers on a model that copy every insert,
update and delete into an event table next to it, in the same transaction,
whatever wrote the row: a service, the admin, a bulk update or raw SQL. The
request middleware (``pghistory.middleware.HistoryMiddleware``) attaches who
did it and on which URL. Views read the trail through the app's selectors.
"""

import pghistory


def gevolgd(model=None, *, exclude: tuple[str, ...] = ()):
    """Class decorator: record every change to ``model`` (snapshot per insert/update/delete).

    ``exclude`` leaves out fields that are not data, such as a generated search vector.
    """

    def track(model):
        return pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            exclude=list(exclude) or None,
        )(model)

    return track(model) if model is not None else track
