"""The result, its exports, and voting-code letters. (Helper "uitslag" builds this module.)"""

urlpatterns: list = []
