"""Placeholder: filled in by the doelstatus part of issue 9."""

urlpatterns: list = []
