"""The English catalogue is complete, keeps every placeholder, is compiled, and is served."""

import ast
import gettext as gnu_gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

# Python-format placeholders: %(name)s, %(n)d, bare %s / %d; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx]")


def placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text.replace("%%", ""))))


@dataclass
class Entry:
    line: int
    flags: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid[:70]!r}"


def _unquote(text: str) -> str:
    # A .po string is a C string literal; Python's literal syntax is close enough for what
    # msgmerge writes (\n, \t, \", \\).
    return ast.literal_eval(text)


def parse_po(path: Path) -> list[Entry]:
    """A small reader of the .po format (polib is not a dependency); obsolete entries skipped."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += _unquote(line)
            else:
                setattr(current, name, getattr(current, name) + _unquote(line))
        else:
            keyword, _, value = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if match or keyword == "msgstr":
                index = int(match.group(1)) if match else 0
                current.msgstr[index] = _unquote(value)
                target = ("msgstr", index)
            else:
                assert keyword in {"msgctxt", "msgid", "msgid_plural"}, f"line {number}: {raw!r}"
                setattr(current, keyword, _unquote(value))
                target = (keyword, None)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    # The header (empty msgid) is metadata, not a message.
    return [entry for entry in parse_po(PO_FILE) if entry.msgid]


def test_the_header_declares_english_and_two_plural_forms():
    header = parse_po(PO_FILE)[0]
    assert header.msgid == ""
    assert "Language: en\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]


def test_every_entry_is_translated_and_none_is_fuzzy(entries):
    assert len(entries) > 500  # the catalogue was extracted from the whole project
    untranslated = [str(entry) for entry in entries if not all(entry.msgstr.values())]
    fuzzy = [str(entry) for entry in entries if "fuzzy" in entry.flags]
    assert not untranslated, "Untranslated entries:\n" + "\n".join(untranslated)
    assert not fuzzy, "Fuzzy entries (check the translation, then remove the flag):\n" + "\n".join(fuzzy)


def test_plural_entries_have_both_forms(entries):
    incomplete = [str(e) for e in entries if e.msgid_plural is not None and sorted(e.msgstr) != [0, 1]]
    assert not incomplete, "\n".join(incomplete)


def test_placeholders_match_between_source_and_translation(entries):
    mismatches = []
    for entry in entries:
        for index, text in entry.msgstr.items():
            # English has the same two plural forms as French: msgstr[1] follows msgid_plural.
            source = entry.msgid_plural if entry.msgid_plural is not None and index > 0 else entry.msgid
            expected, found = placeholders(source), placeholders(text)
            if found != expected:
                mismatches.append(f"{entry} msgstr[{index}]: expected {expected}, found {found}")
    assert not mismatches, "\n".join(mismatches)


def test_markup_and_line_breaks_are_kept(entries):
    problems = []
    for entry in entries:
        tags = sorted(re.findall(r"</?[a-z]+", entry.msgid))
        for text in entry.msgstr.values():
            if sorted(re.findall(r"</?[a-z]+", text)) != tags:
                problems.append(f"{entry}: HTML tags differ")
            if entry.msgid.count("\n") != text.count("\n"):
                problems.append(f"{entry}: line breaks differ")
            if entry.msgid[:1].isspace() != text[:1].isspace():
                problems.append(f"{entry}: leading space differs")
    assert not problems, "\n".join(problems)


def test_the_compiled_catalogue_matches_the_po_file(entries):
    # The .mo is committed: a .po edited without `make messages` would silently serve old text.
    with MO_FILE.open("rb") as handle:
        compiled = gnu_gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        prefix = f"{entry.msgctxt}\x04" if entry.msgctxt is not None else ""
        if entry.msgid_plural is None:
            served = compiled._catalog.get(prefix + entry.msgid)
            if served != entry.msgstr[0]:
                stale.append(str(entry))
        else:
            for index, text in entry.msgstr.items():
                if compiled._catalog.get((prefix + entry.msgid, index)) != text:
                    stale.append(f"{entry} [{index}]")
    assert not stale, "Run `make messages` to recompile:\n" + "\n".join(stale)


def test_known_strings_come_out_in_english():
    with translation.override("en"):
        assert gettext("Annuaire") == "Directory"
        assert gettext("Se connecter") == "Sign in"
        assert gettext("Page %(n)s sur %(total)s") % {"n": 2, "total": 7} == "Page 2 of 7"
        assert ngettext("%(n)s projet", "%(n)s projets", 1) % {"n": 1} == "1 project"
        assert ngettext("%(n)s projet", "%(n)s projets", 3) % {"n": 3} == "3 projects"
        # "projet" is also a plural entry (home page figures): the singular lookup still works.
        assert gettext("projet") == "project"


def test_model_and_choice_labels_come_out_in_english():
    from peps.directory.models import Structure
    from peps.projects.models import Project

    with translation.override("en"):
        assert str(Structure._meta.verbose_name) == "organisation"
        assert str(Project._meta.verbose_name_plural) == "projects"
    with translation.override("fr"):
        assert str(Structure._meta.verbose_name) == "structure"


@pytest.mark.django_db
def test_the_network_home_page_is_in_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert "The network of territorial economic cooperation poles" in content
    assert "Skip to content" in content
    assert "Le réseau des pôles territoriaux" not in content


@pytest.mark.django_db
def test_the_network_home_page_is_in_french_by_default(client):
    content = client.get("/").content.decode()
    assert '<html lang="fr">' in content
    assert "Le réseau des pôles territoriaux de coopération économique" in content


# A literal message of a Jinja2 template: _("…") or _('…'), as makemessages reads it.
JINJA_MESSAGE = re.compile(r"""\b_\(\s*(?P<q>["'])(?P<text>(?:(?!(?P=q)).)*)(?P=q)\s*(?P<rest>[,)])""")


def test_every_message_of_the_jinja2_templates_is_in_the_catalogue(entries):
    """makemessages reads the Jinja2 templates with Django's template syntax: a message given
    keyword values (`_("… %(date)s", date=…)`) is not extracted, and its page stays in French
    in English. Such sentences go in the app's labels module."""
    known = {entry.msgid for entry in entries}
    problems = []
    for path in sorted(Path(settings.BASE_DIR).glob("peps/*/jinja2/**/*.html")):
        for match in JINJA_MESSAGE.finditer(path.read_text(encoding="utf-8")):
            where = f"{path.relative_to(settings.BASE_DIR)}: {match['text'][:60]!r}"
            if match["rest"] == ",":
                problems.append(f"{where} is given values (write it in the app's labels module)")
            elif match["text"] not in known:
                problems.append(f"{where} is not in the English catalogue")
        if "ngettext(" in path.read_text(encoding="utf-8"):
            problems.append(f"{path.relative_to(settings.BASE_DIR)}: ngettext() is not extracted (labels module)")
    assert not problems, "\n".join(problems)
