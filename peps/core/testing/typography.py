"""French typography in a page's visible text, for the tests that walk the site: no breakable
space before « ; : ! ? » nor inside « » (the templates and the demo's texts write a
no-break space there)."""

import re
from html.parser import HTMLParser

# Visible text only: not scripts, styles, code, nor what a person types (textarea).
HIDDEN = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "template"}
BLOCKS = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "dt", "dd", "section", "header", "footer"}
BAD_SPACE = re.compile(r"(?<=\S)[ \t\r\n]+[;:!?](?![\w/])|«[ \t\r\n]|[ \t\r\n]»")


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS or tag == "br":
            self.parts.append("\x00")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\x00")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def typography_errors(html: str) -> list[str]:
    """Each breakable space where French typography wants a no-break one, with its context."""
    parser = VisibleText()
    parser.feed(html)
    text = "".join(parser.parts)
    return [repr(text[max(0, m.start() - 30) : m.end() + 10].replace("\x00", " ")) for m in BAD_SPACE.finditer(text)]
