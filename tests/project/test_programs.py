"""Which modules may share one running program (``project/programs.py``): import closures read
generously, modules loaded by name at run time counted as imports, on small programs written for
the test; and a project of thousands of modules importing their package answered in linear work."""
from __future__ import annotations

from typing import Tuple

from test_byname import BACKUP, BOT, by_name_edges
from test_celery_programs import SITE_LINE, old_copy
from test_graph import project

from llm_latency_lint.model import CallRef, FileFacts, FunctionFacts
from llm_latency_lint.project.programs import Programs


def module(name: str, *imports: str, calls: Tuple[CallRef, ...] = ()) -> FileFacts:
    facts = FileFacts(path=name.replace(".", "/") + ".py", module=name, imports={f"i{n}": i for n, i in enumerate(imports)})
    if calls:
        facts.functions[f"{name}.<module>"] = FunctionFacts(f"{name}.<module>", "<module>", 1, calls=list(calls))
    return facts


def test_a_module_loaded_by_a_literal_name_shares_the_program_of_its_loader(tmp_path):
    """``main`` imports ``backup`` and loads ``bot`` with ``import_module("bot")``: one program holds
    both, so ``session.run()`` in ``backup`` may be the bot's ``run``."""
    main = 'import importlib\nimport backup\n\nbot = importlib.import_module("bot")\n'
    project(tmp_path, {"bot.py": BOT, "backup.py": BACKUP, "main.py": main})
    assert by_name_edges(tmp_path, "backup.export") == ["bot.Bot.run"]


def test_a_script_no_program_shares_with_the_class_stays_unlinked(tmp_path):
    """``main`` loads the bot by name; the backup script runs on its own: no program holds both."""
    main = 'import importlib\n\nbot = importlib.import_module("bot")\n__import__("bot")\n'
    project(tmp_path, {"bot.py": BOT, "backup.py": BACKUP, "main.py": main})
    assert by_name_edges(tmp_path, "backup.export") == []


def test_loads_by_runpy_and_by_a_computed_name():
    run = CallRef(["name", "runpy.run_module"], 1, 0, values=["'bot'"])
    computed = CallRef(["name", "importlib.import_module"], 1, 0, values=["@name"])
    files = [module("bot"), module("backup"), module("main", calls=(run,)), module("other")]
    programs = Programs(files, {})
    assert programs.may_share("main", "bot") and not programs.may_share("backup", "bot")
    anything = Programs([*files, module("plugins", calls=(computed,))], {})
    assert anything.may_share("backup", "bot")  # a name read at run time may load any module


def test_an_import_cycle_is_one_program_and_what_it_imports_too():
    files = [module("a", "b"), module("b", "a", "c"), module("c"), module("d", "c"), module("e")]
    programs = Programs(files, {})
    assert programs.may_share("a", "b") and programs.may_share("a", "c") and programs.may_share("d", "c")
    assert not programs.may_share("a", "d")  # ``d`` loads only ``c``; nothing loads ``a`` and ``d``
    assert not programs.may_share("e", "c") and programs.may_share("e", "e")


def test_a_package_import_holds_every_module_under_it_and_no_sibling_package():
    files = [module("app", "app.core"), module("app.core"), module("app.jobs.run", "app"),
             module("tools.backup", "tools.db"), module("tools.db")]
    programs = Programs(files, {})
    assert programs.may_share("app.jobs.run", "app.core")
    assert not programs.may_share("tools.backup", "app.core")
    assert not programs.may_share("tools.db", "app.jobs.run")


def test_thousands_of_modules_importing_their_package_are_answered_in_linear_work():
    """Each of 3,000 modules imports the package: every pair shares a program (``proj.m0`` loads
    ``proj``, which holds them all); a script importing only ``tools`` shares none of them."""
    n = 3000
    files = [module("proj")] + [module(f"proj.m{i}", "proj") for i in range(n)]
    files += [module("tools.backup", "tools.db"), module("tools.db")]
    programs = Programs(files, {})
    assert all(programs.may_share(f"proj.m{i}", f"proj.m{(i * 7) % n}") for i in range(n))
    assert not any(programs.may_share("tools.backup", f"proj.m{i}") for i in range(n))


def test_a_module_loaded_from_its_file_path_is_that_module_and_no_other(tmp_path):
    """``module_from_spec`` of a spec on ``Path(__file__).parent / "bot.py"`` loads ``bot`` only:
    the loader's program does not swallow every module, so the lone backup script stays unlinked."""
    loader = ("import importlib.util\nfrom pathlib import Path\n\n"
              'spec = importlib.util.spec_from_file_location("bot", Path(__file__).parent / "bot.py")\n'
              "bot = importlib.util.module_from_spec(spec)\n")
    project(tmp_path / "a", {"bot.py": BOT, "backup.py": BACKUP, "main.py": loader})
    assert by_name_edges(tmp_path / "a", "backup.export") == []
    project(tmp_path / "b", {"bot.py": BOT, "backup.py": BACKUP, "main.py": loader + "import backup\n"})
    assert by_name_edges(tmp_path / "b", "backup.export") == ["bot.Bot.run"]


def test_one_project_builds_its_program_index_once_for_every_stage_that_asks(tmp_path, monkeypatch):
    """The name-based fallback (a runner verb), LlamaIndex ``Settings`` (set in another module) and a
    deployed Celery worker (its app's ``include``) all ask which modules share a program: the
    project's one index answers them all."""
    built = []
    init = Programs.__init__

    def counted(self, *args, **kwargs):
        built.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Programs, "__init__", counted)
    files = {
        "bot.py": BOT, "backup.py": BACKUP, "main.py": "import backup\nimport bot\nimport setup\nimport job\n",
        "setup.py": "from llama_index.core import Settings\nfrom llama_index.llms.anthropic import Anthropic\n\n"
                    "Settings.llm = Anthropic(model='claude-3-5-haiku-latest')\n",
        "job.py": "from llama_index.core import VectorStoreIndex\n\n\n"
                  "def nightly(docs):  # llm-latency: scheduled\n"
                  "    index = VectorStoreIndex.from_documents(docs)\n"
                  "    return index.as_query_engine().query('summary')\n",
        **old_copy(", include=['app.tasks']"),
    }
    result = project(tmp_path, files)
    found = {(s.resolved.facts.path, s.resolved.site.line): (s.latency_class, s.resolved.match.model)
             for s in result.sites}
    assert found[("bot.py", 8)][0] == "scheduled"  # ``session.run`` linked by name: one program holds both
    assert found[("job.py", 6)][1] == "Settings.llm = Anthropic"  # set in a module ``main`` loads with the job
    assert found[("app/tasks.py", SITE_LINE)][0] == "near-real-time"
    assert found[("app/old_tasks.py", SITE_LINE)][0] == "unknown"  # the worker does not include it
    assert len(built) == 1
