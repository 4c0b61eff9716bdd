"""Round 17's review of the catalog17 shapes: LlamaIndex operations that use ``Settings.llm`` or
their own model besides ``Settings.embed_model``, ``Settings`` read only in the modules a program
loads, wxPython timers, and the ``self.`` URL reading at the size of a long class."""
from __future__ import annotations

from typing import List

from support.scan import project_classes, scan

from llm_latency_lint.facts import url_choices
from llm_latency_lint.facts.visitor import extract


def test_a_wx_timer_is_no_person_waiting_but_a_button_is(tmp_path):
    """``wx.EVT_TIMER`` fires on the clock (wxPython docs, wx.Timer): a report the window refreshes
    hourly and a cron job also runs is scheduled, not mixed; ``wx.EVT_BUTTON`` stays a person."""
    files = {
        "report.py": """
            from openai import OpenAI

            def make_report():
                return OpenAI().chat.completions.create(model="m", messages=[])
        """,
        "dashboard.py": """
            import wx
            from report import make_report

            class Dashboard(wx.Frame):
                def __init__(self):
                    super().__init__(None)
                    self.timer = wx.Timer(self)
                    self.Bind(wx.EVT_TIMER, self.on_tick, self.timer)
                    self.Bind(wx.EVT_IDLE, self.on_tick)

                def on_tick(self, event):
                    make_report()
        """,
        "nightly.py": """
            from report import make_report

            if __name__ == "__main__":
                make_report()
        """,
        "crontab": "0 2 * * * cd /srv/app && python nightly.py\n",
    }
    assert project_classes(tmp_path, files) == {("report.py", 4): "scheduled"}
    (tmp_path / "ask.py").write_text(
        "import wx\nfrom report import make_report\n\n\nclass Ask(wx.Frame):\n    def __init__(self):\n"
        "        super().__init__(None)\n        button = wx.Button(self)\n"
        "        button.Bind(wx.EVT_BUTTON, lambda event: make_report())\n", encoding="utf-8")
    result = scan(tmp_path, "", name="empty.py")
    assert {(s.resolved.facts.path, s.latency_class) for s in result.sites} == {("report.py", "mixed")}


def test_a_self_url_set_by_many_setters_is_read_once_per_assignment(tmp_path, monkeypatch):
    """A class of 200 setters each writing ``self.url = self.url if flag else self.url``: the
    request still goes to the one URL ``__init__`` names, and the attribute's choices are read once
    per assignment (a setter reading the attribute back adds nothing), not once per assignment per
    hop, which took minutes at this size."""
    calls: List[int] = []
    real = url_choices.UrlChoicesMixin.url_choices

    def counted(self, node, depth=0):
        calls.append(depth)
        return real(self, node, depth)

    monkeypatch.setattr(url_choices.UrlChoicesMixin, "url_choices", counted)
    setters = "".join(f"\n    def set{i}(self, flag):\n        self.url = self.url if flag else self.url\n"
                      for i in range(200))
    source = ("import requests\n\n\nclass Client:\n    def __init__(self):\n"
              "        self.url = 'https://api.openai.com/v1/chat/completions'\n" + setters +
              "\n    def ask(self, messages):\n"
              "        return requests.post(self.url, json={'model': 'gpt-4o', 'messages': messages})\n")
    facts = extract(source, "client.py", "client")
    posts = [s for s in facts.call_sites if str(s.callee[1]).startswith("POST:")]
    assert [(s.line, s.callee[1]) for s in posts] == [(609, "POST:api.openai.com/chat/completions")]
    assert len(calls) <= 4 * 200
