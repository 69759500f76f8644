from django import template

from config.bedragen import euro as _euro

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    """``{{ pot.bijgedragen|euro }}`` → ``€ 1.234,56``."""
    return _euro(bedrag)
