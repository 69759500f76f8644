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


def gevolgd_koppeling(proxy):
    """Class decorator for a proxy of an auto-created many-to-many through model:
    record every link that is added (insert) or removed (delete).

    A through row is never updated, so insert and delete are all there is. The
    triggers go on the through table itself, so ``add()``, ``remove()``, ``set()``,
    ``clear()``, a bulk create and a cascade are all recorded. The event has no
    key to the through row (it is gone after a delete); it keeps both ids instead::

        @gevolgd_koppeling
        class OpgaveThema(Opgave.themas.through):
            class Meta:
                proxy = True
    """
    if not (proxy._meta.proxy and proxy._meta.concrete_model._meta.auto_created):
        raise TypeError(f"{proxy.__name__} is not a proxy of an auto-created through model.")
    return pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent(), obj_field=None)(proxy)
