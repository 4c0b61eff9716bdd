"""``Config`` is a plain value: a project without a ``[tool.llm-latency-lint]`` section gets the
defaults without pydantic (start-up), and every other config is the models' validation copied.
Both forms must hold the same values and key the caches alike."""
from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import pytest

from llm_latency_lint.config import DEFAULTS, Config, ConfigError, load, parse
from llm_latency_lint.config.models import Settings

VALUES = {
    "select": ["LLM001"], "ignore": ["LLM1"], "per_file_ignores": {"tests/*": ["LLM"]},
    "wrappers": [{"function": "app.llm.ask", "provider": "anthropic", "operation": "messages.create"}],
    "cache": False, "cache_dir": "/tmp/caché", "graph_budget": 3, "discounts": {"openai": 0.4},
    "prices": {"gpt-x": {"input": 1.5, "batch-output": 2}}, "spend": {"sites": [{"path": "a/*", "monthly-usd": 7}]},
    "flex_models": ["o3"], "fix_time_critical": True, "fix_helper_module": "pkg/_batch.py",
}


def test_the_plain_defaults_are_the_models_defaults_and_key_the_cache_alike():
    assert list(DEFAULTS) == list(Settings.model_fields)
    assert Config().model_dump() == Settings().model_dump()
    assert Config().model_dump_json() == Settings().model_dump_json()
    assert Config().spend.sites == [] and Config().wrapper_names == frozenset()


def test_values_are_validated_by_the_models_and_held_as_they_give_them():
    config, settings = Config(**VALUES), Settings(**VALUES)
    assert config.model_dump() == settings.model_dump()
    assert config.model_dump_json() == settings.model_dump_json()
    assert config.wrapper_names == {"app.llm.ask"} and config.spend.sites[0].monthly == 7
    assert Config.model_validate(config.model_dump()) == config
    assert pickle.loads(pickle.dumps(config)) == config
    with pytest.raises(Exception):  # pydantic's ValidationError, as before
        Config(select=["NOPE"])
    with pytest.raises(ConfigError, match="tool.llm-latency-lint.graph-budget"):
        parse({"graph-budget": -1}, "pyproject.toml")


def test_a_copy_replaces_values_and_the_original_stays_frozen():
    config = Config()
    copy = config.model_copy(update={"cache": False, "select": ["LLM001"]})
    assert (copy.cache, copy.select, config.cache, config.select) == (False, ["LLM001"], True, ["LLM"])
    assert copy != config and copy.model_copy(update={"cache": True, "select": ["LLM"]}) == config
    with pytest.raises(AttributeError):
        config.cache = False  # type: ignore[misc]


def test_load_reads_a_section_and_gives_defaults_without_one(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert load(pyproject) == Config()
    pyproject.write_text("[tool.llm-latency-lint]\nextend-exclude = ['gen']\n", encoding="utf-8")
    assert load(pyproject).extend_exclude == ["gen"] and load(pyproject).is_excluded("gen/x.py", "x.py")


def _imports_pydantic(code: str) -> bool:
    probe = code + "\nimport sys\nprint('pydantic' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return out.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("section, expected", [("", False), ("[tool.llm-latency-lint]\nignore = ['LLM100']\n", True)])
def test_a_check_reads_pydantic_only_for_a_section(tmp_path, section, expected):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n" + section, encoding="utf-8")
    (tmp_path / "app.py").write_text("import openai\nopenai.OpenAI().chat.completions.create(model='m')\n")
    run = textwrap.dedent(f"""
        import contextlib, io
        from llm_latency_lint.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["check", {str(tmp_path)!r}, "--cache-dir", {str(tmp_path / 'cache')!r}, "-q", "--exit-zero"])
    """)
    assert _imports_pydantic(run) is expected
