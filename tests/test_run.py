"""run.py is the one sequencer: knowledge is read once per run, the CLI orders no stages, and the spaCy
pipeline names the knowledge it was built with (``lull.knowledge.v1``), through ``to_disk`` and back."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

import lull.cli
from lull.cli import EXIT_OK, main
from lull.knowledge import Knowledge, KnowledgeSource
from lull.records import Document
from lull.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "lull" / "data" / "samples"
TEXT = "Three U.S. soldiers were killed in a drone attack on a U.S. base near Jordan's border with Syria."
STAGES = {"run", "ingest", "extract", "link", "delete", "import_acled", "import_events"}


def _count_calls(monkeypatch, calls: Counter, owner, name: str, key: str) -> None:
    """Count the calls of ``owner.name`` (a function or a classmethod) under ``calls[key]``."""
    original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    is_classmethod = isinstance(original, classmethod)
    func = original.__func__ if is_classmethod else original

    def counted(*args, **kwargs):
        calls[key] += 1
        return func(*args, **kwargs)

    monkeypatch.setattr(owner, name, classmethod(counted) if is_classmethod else counted)


def test_run_reads_every_rule_file_once_per_run(tmp_path, monkeypatch):
    """``lull run`` on the samples reads each rule file exactly once, though ingest (reference events), six
    spaCy components and linking (actors) all use them; ``lull delete`` is a run of its own."""
    from lull.extract.claims import attribution, causal, causes
    from lull.extract.claims.numbers import rules
    from lull.extract.events import lexicon
    from lull.knowledge.actors import ActorKB
    from lull.nlp import sentences
    from lull.knowledge.places import Gazetteer
    from lull.knowledge.reference_events import ReferenceEvents

    calls: Counter = Counter()
    loaders = [(ActorKB, "load", "actors"), (Gazetteer, "load", "places"), (ReferenceEvents, "load", "references"),
               (lexicon, "load_lexicon", "lexicon"), (rules, "load_number_rules", "numbers"),
               (attribution, "load_speech_rules", "speech"), (causes, "load_causes", "causes"),
               (causal, "load_causal", "causal"), (sentences, "load_abbreviations", "abbreviations"),
               (Knowledge, "load", "knowledge")]
    for owner, name, key in loaders:
        _count_calls(monkeypatch, calls, owner, name, key)

    db = tmp_path / "lull.db"
    result = CliRunner().invoke(main, ["--db", str(db), "run", str(SAMPLES)], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    assert "extracted" in result.output and "resolved" in result.output
    assert dict(calls) == {key: 1 for _, _, key in loaders}

    from lull.store import Store

    with Store(db, read_only=True) as store:
        doc_id = store.documents()[0].id
    calls.clear()
    result = CliRunner().invoke(main, ["--db", str(db), "delete", doc_id[:12]], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    assert dict(calls) == {"knowledge": 1, "actors": 1}, "delete re-links with the actors only, read once"


def test_run_cli_holds_no_stage_ordering():
    """Every CLI command calls at most one function of run.py, and no stage package directly."""
    tree = ast.parse(Path(lull.cli.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            assert (node.module or "").split(".")[0] not in ("ingest", "extract", "link", "nlp", "knowledge") \
                or node.module == "knowledge", f"cli.py imports the stage package .{node.module}"
    for func in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        used = {alias.name for n in ast.walk(func) if isinstance(n, ast.ImportFrom) and n.module == "run"
                for alias in n.names} & STAGES
        stage_calls = {n.attr for n in ast.walk(func) if isinstance(n, ast.Attribute) and n.attr in STAGES
                       and isinstance(n.value, ast.Name) and n.value.id == "stages"}
        assert len(used | stage_calls) <= 1, f"cli.{func.name} orders stages itself: {sorted(used | stage_calls)}"


def test_run_pipeline_config_names_the_knowledge_and_survives_to_disk(tmp_path):
    from lull.extract.documents import extract_document
    from lull.nlp.pipeline import COMPONENTS, build_pipeline, initialize_knowledge

    settings = Settings()
    knowledge = Knowledge.load(settings)
    nlp = build_pipeline(settings, knowledge=knowledge)
    expected = KnowledgeSource.from_settings(settings).config()
    for name in COMPONENTS:
        assert dict(nlp.config["components"][name]["knowledge"]) == expected, name
    assert expected["@misc"] == "lull.knowledge.v1"
    assert expected["actors"] == str(settings.actors_path)

    nlp.to_disk(tmp_path / "pipeline")
    loaded = initialize_knowledge(spacy.load(tmp_path / "pipeline"))
    assert loaded.config["components"]["lull_events"]["knowledge"] == nlp.config["components"]["lull_events"]["knowledge"]
    doc = Document(id="d", text=TEXT, locator="d.txt")
    assert extract_document(doc, nlp=loaded).mentions == extract_document(doc, nlp=nlp).mentions


def test_run_components_never_fall_back_to_bundled_files():
    """A lull component needs its knowledge named in its config, and initialized before use."""
    from lull.errors import ConfigError
    from lull.nlp import event_coder  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    with pytest.raises(Exception, match="knowledge"):
        nlp.add_pipe("lull_events")
    coder = nlp.add_pipe("lull_events", config={"knowledge": KnowledgeSource.from_settings(Settings()).config()})
    with pytest.raises(ConfigError, match="no knowledge yet"):
        nlp(TEXT)
    del coder


def test_run_knowledge_paths_are_settings(tmp_path):
    from lull.settings import load_settings

    cfg = tmp_path / "lull.toml"
    cfg.write_text(f'[lull]\nactors_path = "{tmp_path / "mine.yaml"}"\n', encoding="utf-8")
    settings = load_settings(cfg, env={"LULL_CAUSES_PATH": str(tmp_path / "causes.yaml")})
    source = Knowledge.load(settings).source
    assert source.actors == tmp_path / "mine.yaml"
    assert source.causes == tmp_path / "causes.yaml"
    assert source.places == Settings().places_path
