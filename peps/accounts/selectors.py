"""Reads for one's own profile page."""

from peps.poles.models import MembershipStatus

PROJECTS_SHOWN = 50


def profile_overview(*, user) -> dict:
    """My memberships (any status but refused), my projects, my representations."""
    from peps.directory.models import Representative
    from peps.projects.models import Project

    memberships = list(
        user.memberships.exclude(status=MembershipStatus.REFUSED)
        .select_related("pole", "college")
        .order_by("pole__name")
    )
    projects = list(
        Project.objects.filter(holder=user)
        .select_related("pole")
        .only("pk", "title", "stage", "pole__slug", "pole__name", "created_at")
        .order_by("-created_at")[:PROJECTS_SHOWN]
    )
    representations = list(
        Representative.objects.filter(person=user)
        .select_related("structure__pole")
        .only(
            "pk",
            "status",
            "title",
            "structure__name",
            "structure__slug",
            "structure__pole__slug",
            "structure__pole__name",
        )
        .order_by("structure__name")
    )
    return {"memberships": memberships, "projects": projects, "representations": representations}
