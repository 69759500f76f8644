"""Learning entries, development plans and progress. (Helper "ervaringen".)"""

urlpatterns: list = []
