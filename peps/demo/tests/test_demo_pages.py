"""Every page of the demo, as each role (visitor, member, project holder, coordinator,
network administration): the inline SVG charts are drawable (every coordinate and size is
a number with a decimal point, never the French « 7,7 ») and the visible text follows French
typography (no breakable space before « ; : ! ? » nor inside « »).

The crawl follows the links of each page and visits one page per URL shape (digits folded),
so a new page is covered as soon as some page links to it."""

import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from peps.accounts.models import User
from peps.core.testing.svg import invalid_numbers, svg_elements
from peps.demo import demo

P = f"/p/{demo.POLLENS_SLUG}"
# The crawl starts from the home pages and from the lists of the pages that draw charts.
START = [
    f"{P}/bilan/",
    f"{P}/autoevaluation/",
    "/reseau/campagnes/",
    "/",
    "/reseau/",
    f"{P}/",
    f"/p/{demo.PATRIMOINES_SLUG}/",
]
SKIP = re.compile(
    r"/(compte|admin|api|static|media|deconnexion|logout)/|\.(pdf|csv|xlsx|ics|svg|json|zip|xml)$|/export|/telecharger"
)
PAGES_PER_ROLE = 150
ROLES = [None, demo.MEMBER_EMAIL, demo.HOLDER_EMAIL, demo.COORDINATOR_EMAIL, demo.NETWORK_ADMIN_EMAIL]
HREF = re.compile(r'href="(/[^"#?]*)"')

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
    parser = VisibleText()
    parser.feed(html)
    text = "".join(parser.parts)
    return [repr(text[max(0, m.start() - 30) : m.end() + 10].replace("\x00", " ")) for m in BAD_SPACE.finditer(text)]


def crawl(client: Client) -> dict[str, str]:
    """url → HTML of the pages reached from START, one per URL shape."""
    pages, shapes, queue = {}, set(), list(START)
    while queue and len(pages) < PAGES_PER_ROLE:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", urlsplit(url).path)
        if shape in shapes or SKIP.search(url):
            continue
        shapes.add(shape)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        links = [href.replace("&amp;", "&") for href in HREF.findall(html)]
        # The pages that draw charts first: the reports and the campaign results.
        queue = [link for link in links if "/bilan/" in link or "/resultats/" in link] + queue + links
    return pages


@pytest.mark.slow
def test_demo_pages_draw_their_charts_and_read_french(roannais):
    call_command("seed", "demo", stdout=StringIO())
    svg_errors, text_errors, with_svg = [], [], set()
    for email in ROLES:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        for url, html in crawl(client).items():
            for svg in svg_elements(html):
                with_svg.add(urlsplit(url).path)
                svg_errors += [f"{email or 'visitor'} {url}: {error}" for error in invalid_numbers(svg)]
            text_errors += [f"{email or 'visitor'} {url}: {error}" for error in typography_errors(html)]
    # The crawl reached the pages that draw charts: the annual report, the campaign results.
    reached = any("/bilan/" in url for url in with_svg) and any("/resultats/" in url for url in with_svg)
    report = [f"pages with charts: {sorted(with_svg)}"] if not reached else []
    report += svg_errors[:30]
    if text_errors:
        report += [f"{len(text_errors)} breakable spaces:", *text_errors[:60]]
    assert not report, "\n".join(report)
