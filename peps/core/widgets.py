"""Form widgets: a search field for choices among thousands of rows (no <select> of a pole's
2,000 structures). Django's own widgets render through lean templates: peps.core.jinja.LEAN_WIDGETS."""

from django import forms


class SearchSelect(forms.Widget):
    """For a ModelChoiceField over many rows: a text field whose suggestions come from
    `source` (a URL answering `?<name>-q=` with core/widgets/_search_options.html) and a
    hidden input with the chosen primary key. The field still validates the key against its
    queryset; only the chosen row is read to show its label."""

    template_name = "core/widgets/search_select.html"

    def __init__(self, source: str, attrs=None):
        super().__init__(attrs)
        self.source = source

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        label = ""
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        if value not in (None, "") and queryset is not None:
            chosen = queryset.filter(pk=value).first()
            label = str(chosen) if chosen is not None else ""
        context["widget"].update(source=str(self.source), label=label)
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name) or None


def search_query(request) -> str:
    """The words typed in a SearchSelect (its input is named `<field>-q`)."""
    for key, value in request.GET.items():
        if key == "q" or key.endswith("-q"):
            return value.strip()[:100]
    return ""
