"""Marks of a page's main query written out as SQL: `EXISTS(SELECT 1 FROM follow WHERE
follow.project_id = project.id AND follow.person_id = %s)`, what the ORM writes for
Exists(Follow.objects.filter(project=OuterRef("pk"), person_id=...)), without its cost:
building and compiling an Exists costs about a millisecond, more than the indexed read."""

import functools

from django.db import connection
from django.db.models import BooleanField, Model
from django.db.models.expressions import RawSQL


@functools.lru_cache(maxsize=256)
def _exists_sql(model: type[Model], link: str, outer: type[Model], names: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    outer_pk = f"{quote(outer._meta.db_table)}.{quote(outer._meta.pk.column)}"
    conditions = [f"m.{quote(model._meta.get_field(link).column)} = {outer_pk}"]
    conditions += [f"m.{quote(model._meta.get_field(name).column)} = %s" for name in names]
    return f"EXISTS(SELECT 1 FROM {quote(model._meta.db_table)} m WHERE {' AND '.join(conditions)})"  # noqa: S608 - quoted names of the models


def exists_mark(model: type[Model], *, link: str, outer: type[Model], **equals) -> RawSQL:
    """Whether a row of `model` points by its foreign key `link` to the row of the outer
    query (of model `outer`, its table not aliased, as in a page's main query) and has the
    given values (`person=user.pk`), as an annotation: `.annotate(is_following=...)`."""
    sql = _exists_sql(model, link, outer, tuple(equals))
    return RawSQL(sql, tuple(equals.values()), output_field=BooleanField())  # noqa: S611 - names from the models, values as parameters
