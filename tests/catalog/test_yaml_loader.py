"""Schedule files' YAML is read with libyaml when PyYAML has it, with the same documents, key
lines and error messages as the pure-Python loader."""
from __future__ import annotations

import pytest

from llm_latency_lint.catalog.sources import _yaml

yaml = pytest.importorskip("yaml")
TEXT = ("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: '0 2 * * *'\n"
        "  jobTemplate:\n    spec: !Ref Template\n---\nfunctions:\n  - handler: app.main\n    events: [1, 2]\n")


def test_native_and_python_loaders_agree() -> None:
    plain = list(yaml.load_all(TEXT, Loader=_yaml._loader()))
    found = list(_yaml.documents(TEXT))
    assert found == plain
    assert [d.lines for d in found] == [{"apiVersion": 1, "kind": 2, "metadata": 3, "spec": 4}, {"functions": 9}]
    assert found[0]["spec"].lines == {"schedule": 5, "jobTemplate": 6}
    if yaml.__with_libyaml__:
        native = list(yaml.load_all(TEXT, Loader=_yaml._loader(True)))
        assert native == plain and [d.lines for d in native] == [d.lines for d in plain]


def test_rejected_yaml_gets_the_python_loaders_error() -> None:
    broken = "a: [1, 2\nb: 3\n"
    with pytest.raises(yaml.YAMLError) as ours:
        list(_yaml.documents(broken))
    with pytest.raises(yaml.YAMLError) as theirs:
        list(yaml.load_all(broken, Loader=_yaml._loader()))
    assert str(ours.value) == str(theirs.value)
