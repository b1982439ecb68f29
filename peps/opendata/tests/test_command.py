"""The bench hook: `opendata_export` writes a dataset and says how many rows and how long."""

import io

from django.core.management import call_command


def test_command_exports_and_reports_rows_and_seconds(seeded, tmp_path):
    target = tmp_path / "structures.csv"
    err = io.StringIO()
    call_command("opendata_export", dataset="structures", format="csv", output=str(target), stderr=err)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "structures csv: 2 lignes" in err.getvalue()
    assert " s" in err.getvalue()


def test_command_exports_one_pole_as_json(seeded, tmp_path):
    target = tmp_path / "poles.json"
    err = io.StringIO()
    call_command("opendata_export", dataset="poles", format="json", output=str(target), pole="pollens", stderr=err)
    assert '"slug":"pollens"' in target.read_text()
