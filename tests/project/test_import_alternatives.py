"""An import with a fallback import of the same name (``try: from summarizer_v2 import S`` /
``except ImportError: from summarizer import S``, issue 15, round 10): the name is either module's,
so a call through it reaches both; outside a ``try`` the later import rebinds the name, as before."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

SUMMARIZER = ("from anthropic import Anthropic\n\n\nclass Summarizer:\n    def run(self, text):\n"
              "        return Anthropic().messages.create(model='m', max_tokens=9, messages=[])\n")
MAIN = ("import argparse\n\n{imports}\n\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n"
        "    Summarizer().run('x')\n\n\nif __name__ == '__main__':\n    main()\n")
FALLBACK = ("try:\n    from summarizer_v2 import Summarizer\n    USE_V2 = True\nexcept ImportError:\n"
            "    from summarizer import Summarizer\n    USE_V2 = False")


def test_a_fallback_import_reaches_both_modules(tmp_path):
    files = {"main.py": MAIN.format(imports=FALLBACK), "summarizer.py": SUMMARIZER, "summarizer_v2.py": SUMMARIZER}
    assert classes_of(project(tmp_path, files)) == {("summarizer.py", 6): "real-time", ("summarizer_v2.py", 6): "real-time"}


def test_an_aliased_fallback_import_too(tmp_path):
    imports = ("try:\n    import summarizer_v2 as impl\nexcept ImportError:\n    import summarizer as impl\n"
               "Summarizer = impl.Summarizer")
    files = {"main.py": MAIN.format(imports=imports), "summarizer.py": SUMMARIZER, "summarizer_v2.py": SUMMARIZER}
    assert classes_of(project(tmp_path, files)) == {("summarizer.py", 6): "real-time", ("summarizer_v2.py", 6): "real-time"}


def test_a_plain_rebinding_is_the_later_import(tmp_path):
    imports = "from summarizer_v2 import Summarizer\nfrom summarizer import Summarizer"
    files = {"main.py": MAIN.format(imports=imports), "summarizer.py": SUMMARIZER, "summarizer_v2.py": SUMMARIZER}
    assert classes_of(project(tmp_path, files)) == {("summarizer.py", 6): "real-time", ("summarizer_v2.py", 6): "unknown"}
