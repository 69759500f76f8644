"""Amounts in the joint budget are formatted by ``config.bedragen`` (shared with the
participatory budget)."""

from config.bedragen import euro

__all__ = ["euro"]
