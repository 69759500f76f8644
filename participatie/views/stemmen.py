"""The ballot and voting codes. (Helper "stemmen" builds this module.)"""

urlpatterns: list = []
