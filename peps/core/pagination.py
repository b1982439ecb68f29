"""Pagination done by the database (LIMIT/OFFSET), with a count that is capped
so a huge table never costs a full COUNT(*) on every page view."""

from dataclasses import dataclass

from django.conf import settings

MAX_COUNT = 10_000


@dataclass
class Page:
    items: list
    number: int
    has_next: bool
    has_previous: bool
    total: int | None  # None when only "more than MAX_COUNT" is known
    total_is_capped: bool
    num_pages: int

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def page_of_rows(items: list, *, fetched: int, number: int, per_page: int, count: int) -> Page:
    """The page of a written-out read that asked LIMIT per_page + 1 (`fetched` rows came
    back: one more says a next page exists) and a count capped at MAX_COUNT + 1; `items` are
    the page's first per_page rows, as the caller builds them."""
    total = min(count, MAX_COUNT)
    return Page(
        items=items,
        number=number,
        has_next=fetched > per_page,
        has_previous=number > 1,
        total=total,
        total_is_capped=count > MAX_COUNT,
        num_pages=max(1, -(-total // per_page)),
    )


def page_number(request, name: str = "page") -> int:
    try:
        return max(1, min(int(request.GET.get(name, 1)), 10_000))
    except (TypeError, ValueError):
        return 1


def paginate(queryset, request, *, per_page: int | None = None, count: bool = True) -> Page:
    per_page = per_page or settings.PEPS_PAGE_SIZE
    number = page_number(request)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    has_next = len(rows) > per_page
    total = None
    capped = False
    if count:
        capped_count = queryset.order_by()[: MAX_COUNT + 1].count()
        capped = capped_count > MAX_COUNT
        total = min(capped_count, MAX_COUNT)
    num_pages = max(1, -(-(total or 0) // per_page)) if total is not None else number + int(has_next)
    return Page(
        items=rows[:per_page],
        number=number,
        has_next=has_next,
        has_previous=number > 1,
        total=total,
        total_is_capped=capped,
        num_pages=num_pages,
    )
