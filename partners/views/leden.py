"""Partners views: leden."""

urlpatterns = []
