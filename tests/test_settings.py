"""Settings: defaults < lull.toml < LULL_* environment < flags."""
from pathlib import Path

import pytest

from lull.errors import ConfigError
from lull.settings import load_settings


def test_settings_precedence(tmp_path):
    cfg = tmp_path / "lull.toml"
    cfg.write_text('[lull]\ndb = "from-file.db"\ntimeout = 3\nmax_bytes = 100\n')
    s = load_settings(cfg, env={"LULL_TIMEOUT": "7", "LULL_ALLOW_PRIVATE": "yes"}, max_bytes=5)
    assert s.db == Path("from-file.db")
    assert s.timeout == 7.0
    assert s.allow_private is True
    assert s.max_bytes == 5


@pytest.mark.parametrize("text, fix", [
    ('[lull]\ntimeout = "soon"\n', "timeout"),
    ("[lull]\ncolour = 1\n", "not a lull setting"),
    ("[lull\n", "not valid TOML"),
])
def test_settings_bad_file_names_the_problem(tmp_path, text, fix):
    cfg = tmp_path / "lull.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=fix):
        load_settings(cfg, env={})


def test_settings_missing_explicit_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", env={})
