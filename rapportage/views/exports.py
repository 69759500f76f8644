"""Placeholder: filled in by the exports part of issue 9."""

urlpatterns: list = []
