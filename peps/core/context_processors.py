from django.conf import settings


def platform(request):
    """The pole of the page (set by pole-scoped views) and what the layout needs."""
    pole = getattr(request, "pole", None)
    return {
        "current_pole": pole,
        "current_role": getattr(request, "pole_role", None),
        "is_coordinator": getattr(request, "is_coordinator", False),
        "LANGUAGES": settings.LANGUAGES,
        "debug": settings.DEBUG,
    }
