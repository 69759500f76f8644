"""A paginator for long, hot lists (issue 12: page 200 of a round with 50,000 inputs).

Django's paginator counts and slices the queryset it is given. For a list whose
rows need joins and annotations (author names, feedback, areas), both the
``COUNT`` and a deep ``OFFSET`` then run through those joins. ``Lichtpaginator``
counts and slices a *light* queryset instead (the same filter and order, ids
only, answered from an index), and loads the full rows for just the ids of the
page. Page 200 then costs about what page 1 costs, and the page links stay.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class Lichtpaginator(Paginator):
    def __init__(self, object_list: QuerySet, per_page: int, *, licht: QuerySet, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.licht = licht

    @cached_property
    def count(self) -> int:
        return self.licht.count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.licht.values_list("pk", flat=True)[bottom:top])
        rijen = {rij.pk: rij for rij in self.object_list.filter(pk__in=ids)}
        return self._get_page([rijen[pk] for pk in ids if pk in rijen], number, self)
