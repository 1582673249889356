"""The lull command end to end, on the bundled samples and the bad-input fixtures (real SQLite files)."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from lull.cli import EXIT_OK, EXIT_REJECTED, main
from lull.store import Store

BAD = Path(__file__).parent / "fixtures" / "ingest" / "bad"


def _lull(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_cli_ingest_samples_then_again_adds_nothing(db_path, samples_dir):
    first = _lull(db_path, "ingest", str(samples_dir))
    assert first.exit_code == EXIT_OK, first.output
    assert "5 new, 0 duplicate, 0 rejected" in first.output
    again = _lull(db_path, "ingest", str(samples_dir))
    assert "0 new, 5 duplicate, 0 rejected" in again.output
    with Store(db_path) as store:
        assert store.counts()["documents"] == 5


def test_cli_samples_plus_bad_inputs_store_everything_good(db_path, samples_dir, tmp_path):
    mixed = tmp_path / "mixed"
    shutil.copytree(samples_dir, mixed, ignore=shutil.ignore_patterns("*.md"))
    bad_files = sorted(p for p in BAD.iterdir() if p.is_file())
    for p in bad_files:
        shutil.copy(p, mixed / p.name)
    result = _lull(db_path, "ingest", str(mixed), str(tmp_path / "no-such-file.txt"))
    assert result.exit_code == EXIT_REJECTED
    with Store(db_path) as store:
        assert store.counts()["documents"] == 5
        rejected = store.rejections()
    assert len(rejected) == len(bad_files) + 1
    for rej in rejected:
        assert Path(rej.input.split(" line ")[0].split(":")[0]).name in rej.message or rej.input in rej.message
        assert rej.message.endswith(".")


def test_cli_docs_json_has_stable_keys(db_path, samples_dir):
    _lull(db_path, "ingest", str(samples_dir))
    rows = json.loads(_lull(db_path, "docs", "--json").output)
    assert len(rows) == 5
    assert all(set(r) == {"id", "title", "outlet", "author", "url", "language", "published", "content_type",
                          "chars", "sources", "removed", "near_duplicates"} for r in rows)
    isw = [r for r in rows if r["published"] and r["published"]["basis"] == "dateline"]
    assert [(r["published"]["start"], r["published"]["precision"]) for r in isw] == [("2023-04-29", "day")]
    hits = json.loads(_lull(db_path, "docs", "--search", "Harir", "--json").output)
    assert len(hits) == 1 and "Harir" in _doc_text(db_path, hits[0]["id"])


def _doc_text(db_path, doc_id):
    with Store(db_path) as store:
        return store.document(doc_id).text


def test_cli_user_published_date_is_kept_with_its_basis(db_path, samples_dir):
    _lull(db_path, "ingest", "--published", "2024-02-20", str(samples_dir / "002_605ee820a628266e.txt"))
    (row,) = json.loads(_lull(db_path, "docs", "--json").output)
    assert row["published"] == {"start": "2024-02-20", "end": "2024-02-20", "precision": "day", "basis": "user"}


def test_cli_bad_flag_value_is_a_usage_error(db_path, samples_dir):
    result = _lull(db_path, "ingest", "--published", "last week", str(samples_dir))
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_cli_docs_without_database_says_what_to_do(tmp_path):
    result = _lull(tmp_path / "none.db", "docs")
    assert result.exit_code == 1 and "lull ingest" in result.output


def test_cli_installed_command_runs(tmp_path):
    exe = Path(sys.executable).parent / "lull"
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("lull, version ")
