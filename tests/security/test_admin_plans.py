"""``/admin/plans``: signed-in only; the same plan file as the CLI; the local-measure template,
filled and imported, puts the values on the summary cards with who imported them and when."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

from plotly.utils import PlotlyJSONEncoder

from tests.security.conftest import csrf_from, sign_in

PLANS = Path(__file__).resolve().parents[2] / "seed" / "data" / "plans"
OWF = "our-way-forward-2024-25"


def _upload(client, text: str, *, dry_run: bool = False, filename: str = "plan.csv"):
    token = csrf_from(client, "/admin/plans")
    data = {"csrf_token": token, "plan_file": (io.BytesIO(text.encode("utf-8")), filename)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/admin/plans", data=data, content_type="multipart/form-data")


def test_plans_page_needs_sign_in(admin_client) -> None:
    assert admin_client.get("/admin/plans").status_code == 302
    assert admin_client.get(f"/admin/plans/{OWF}/template.csv").status_code == 302
    assert admin_client.post("/admin/plans", data={}).status_code == 401


def test_signed_in_download_upload_and_bad_file(admin_client) -> None:
    sign_in(admin_client)
    page = admin_client.get("/admin/plans").get_data(as_text=True)
    assert "Our Way Forward" in page and f"/admin/plans/{OWF}/template.csv" in page
    exported = admin_client.get(f"/admin/plans/{OWF}.csv")
    assert exported.status_code == 200 and exported.get_data(as_text=True) == (PLANS / f"{OWF}.csv").read_text(encoding="utf-8")
    text = exported.get_data(as_text=True)
    checked = _upload(admin_client, text, dry_run=True)
    assert checked.status_code == 200 and "would be updated in place" in checked.get_data(as_text=True)
    bad = text.replace(",decrease,", ",downwards,", 1)
    refused = _upload(admin_client, bad, filename="bad.csv")
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "nothing was written" in body and re.search(r"line \d+, column direction", body)
    done = _upload(admin_client, text)
    assert done.status_code == 200 and "was updated in place: " in done.get_data(as_text=True)
    assert admin_client.get("/admin/plans/no-such-plan.csv").status_code == 404


def test_a_filled_local_measure_template_changes_the_card(admin_app, admin_client, admin_settings, tmp_path: Path) -> None:
    from data_access.__main__ import main

    sign_in(admin_client)
    template = admin_client.get(f"/admin/plans/{OWF}/template.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(template)))
    assert len(rows) == 19  # Our Way Forward's 19 local measures, one period (2024-25) each
    assert {r["area_code"] for r in rows} == {"E10000015"} and all(r["indicator_id"].startswith("local-") for r in rows)
    first = {**rows[0], "unit": "%", "value": "61.5"}
    assert first["indicator_id"] == "local-owf-66a"
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(first))
        writer.writeheader()
        writer.writerow(first)

    import pages.summary as page

    def card_text() -> str:
        return json.dumps(page.layout().to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False)

    before = card_text()
    assert "Local figures, imported on" not in before and f"/admin/plans/{OWF}/template.csv" in before
    assert main(["--database-url", admin_settings.database_url, "import", str(filled), "--no-progress"]) == 0
    from data_access.cache import clear

    clear()
    after = card_text()
    assert f"Local figures, imported on {dt.date.today().isoformat()} by " in after
    assert "61.5" in after
