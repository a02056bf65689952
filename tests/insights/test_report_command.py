"""``lantern report`` and the report page: the file written, the download, and the audit trail.

Given the hand-made dataset (``test_metrics_handmade``), when the command writes the 2020 report,
then the file is there in the format asked for and one disclosure names the national unit, no
person, the format, year, place and whether it was for publication; a wrong year or place writes
nothing and records nothing. On the page the national unit sees the report and downloads it (a
disclosure to them); a force's investigator sees their own force's and is refused the nation's.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lantern.audit.models import AuditEvent
from lantern.insights.report import INTERNAL_MARKING
from tests import factories
from tests.insights.test_metrics_handmade import Handmade, build_handmade

PAGE = "/insights/report/"


@pytest.fixture
def handmade(db: None) -> Handmade:
    return build_handmade()


def _reports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="insights.report"))


def test_the_command_writes_the_file_and_records_the_disclosure(handmade: Handmade, tmp_path: Path) -> None:
    output = tmp_path / "report.json"
    err, out = io.StringIO(), io.StringIO()
    call_command("report", year=2020, file_format="json", output=str(output), stdout=out, stderr=err)
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["year"] == 2020 and data["place"]["code"] == "england-and-wales"
    assert data["figures"]["nrm.referrals"]["value"] == 5 and data["marking"] == INTERNAL_MARKING
    assert f"to {output}" in out.getvalue()
    [event] = _reports()
    assert event.action == "disclosure" and event.user_id is None
    assert event.username == "lantern report (system)"
    assert event.organisation_name.startswith("Modern Slavery")
    assert event.object_id == "england-and-wales-2020" and str(output) in event.recipient
    assert event.detail["format"] == "json" and event.detail["year"] == 2020
    assert event.detail["place"] == "england-and-wales" and event.detail["for_publication"] is False
    assert "disclosure_threshold" not in event.detail


def test_the_command_for_publication_as_pdf_for_a_force(handmade: Handmade, tmp_path: Path) -> None:
    output = tmp_path / "wy.pdf"
    call_command("report", year=2020, file_format="pdf", output=str(output), place="west-yorkshire",
                 publish=True, stdout=io.StringIO(), stderr=io.StringIO())
    assert output.read_bytes().startswith(b"%PDF-")
    [event] = _reports()
    assert event.detail["format"] == "pdf" and event.detail["place"] == "west-yorkshire"
    assert event.detail["for_publication"] is True and event.detail["disclosure_threshold"] == 5
    assert event.detail["cells_suppressed"] > 0


def test_the_command_shows_its_progress(handmade: Handmade, tmp_path: Path) -> None:
    err = io.StringIO()
    saved, sys.stderr = sys.stderr, err
    try:
        call_command("report", year=2020, file_format="html", output=str(tmp_path / "r.html"),
                     stdout=io.StringIO())
    finally:
        sys.stderr = saved
    bar = err.getvalue()
    assert "[" in bar and "100% finished" in bar and "key data" in bar
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("options", "message"), [
    ({"year": 2014}, "from 2015"),
    ({"year": 2020, "place": "atlantis"}, "not a place"),
])
def test_a_wrong_year_or_place_writes_nothing(handmade: Handmade, tmp_path: Path, options: dict[str, object],
                                              message: str) -> None:
    output = tmp_path / "never.html"
    with pytest.raises(CommandError, match=message):
        call_command("report", output=str(output), stdout=io.StringIO(), stderr=io.StringIO(), **options)
    assert not output.exists() and not _reports()


def test_the_page_shows_the_report_and_records_each_download(handmade: Handmade) -> None:
    client = factories.signed_in_client(handmade.national)
    page = client.get(PAGE, {"year": "2020", "place": "england-and-wales"})
    assert page.status_code == 200
    html = page.content.decode()
    for anchor in ("key-data", "trends", "underlying-data", "justice", "figures"):
        assert f'id="{anchor}-heading"' in html
    assert html.count('class="lantern-chart"') == 8 and 'class="mark"' in html
    assert INTERNAL_MARKING in html and not _reports()  # looking is not a disclosure

    asked = {"year": "2020", "place": "england-and-wales", "publish": "on", "format": "json"}
    download = client.get(PAGE, asked)
    assert download.status_code == 200 and download["Content-Type"].startswith("application/json")
    name = "lantern-report-england-and-wales-2020-publication.json"
    assert f'filename="{name}"' in download["Content-Disposition"]
    assert json.loads(download.content)["for_publication"] is True
    [event] = _reports()
    assert event.user_id == handmade.national.pk and event.detail["format"] == "json"
    assert event.detail["for_publication"] is True and "(download file)" in event.recipient


def test_a_force_sees_its_own_report_and_is_refused_the_nations(handmade: Handmade) -> None:
    client = factories.signed_in_client(handmade.officer)
    form = client.get(PAGE)
    assert form.status_code == 200 and b'value="west-yorkshire"' in form.content
    assert b"england-and-wales" not in form.content
    own = client.get(PAGE, {"year": "2020", "place": "west-yorkshire"})
    assert own.status_code == 200 and b"West Yorkshire Police" in own.content
    assert client.get(PAGE, {"year": "2020", "place": "england-and-wales"}).status_code == 403
    nation = {"year": "2020", "place": "england-and-wales", "format": "pdf"}
    assert client.get(PAGE, nation).status_code == 403
    assert client.get(PAGE, {"year": "2020", "place": "atlantis"}).status_code == 404
    wrong = client.get(PAGE, {"year": "1999", "place": "west-yorkshire"})
    assert wrong.status_code == 400 and b"Choose a year from 2015" in wrong.content
    assert not _reports()
