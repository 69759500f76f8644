"""Page numbers for ``templates/includes/paginering.html``."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.filter
def paginanummers(pagina: Page) -> list[int | str]:
    """The first and last page, two on each side of the current one, and "…" between:
    a list of 2,000 pages shows 9 links, not 2,000 (for the page weight and for
    whoever tabs through them)."""
    return list(pagina.paginator.get_elided_page_range(pagina.number, on_each_side=2, on_ends=1))
