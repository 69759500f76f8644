"""Coaching trajectories, conversations, feedback and dashboards. (Helper "coaching".)"""

urlpatterns: list = []
