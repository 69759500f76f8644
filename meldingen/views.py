# Views are built by the inbox/preferences work; see meldingen/urls.py for the routes.
from django.http import HttpResponse


def inbox(request):
    return HttpResponse()


teller = alles_gelezen = voorkeuren = inbox


def gelezen(request, pk):
    return HttpResponse()


openen = gelezen


def afmelden(request, token):
    return HttpResponse()
