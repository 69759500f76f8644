"""``{% load budget %}``: the amount filter ``euro`` (from ``config.bedragen``)."""

from config.templatetags.bedragen import register

__all__ = ["register"]
