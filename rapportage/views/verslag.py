"""Placeholder: filled in by the verslag part of issue 9."""

urlpatterns: list = []
