from django.http import HttpResponse


def opgave_list(request):
    return HttpResponse("todo")


def opgave_detail(request, slug):
    return HttpResponse("todo")


def opgave_edit(request, slug):
    return HttpResponse("todo")
