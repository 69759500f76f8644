"""Partners views: register."""

urlpatterns = []
