"""A name guess (``create_weekly_digest`` suggests a periodic digest) starts no code that only dead
branches call (round 19, ``DheerajNalapat/Briefly``, policy 14): a strategy branch no caller selects
leaves the digest method it calls unknown. A digest method a live path calls keeps its class, and one
nothing calls at all is still judged by its name as before."""
from __future__ import annotations

from support.scan import project_classes

SUMMARIZER = """
    from openai import OpenAI

    class Summarizer:
        def create_article_tldr(self, article):
            return OpenAI().chat.completions.create(model="m", messages=[article])

        def create_weekly_digest(self, articles):
            return OpenAI().chat.completions.create(model="m", messages=articles)
"""

SERVICE = """
    from summarizer import Summarizer

    class Service:
        def __init__(self):
            self.summarizer = Summarizer()

        def digest(self, articles):
            return self.summarizer.create_weekly_digest(articles)

        def summarize_with_strategy(self, articles, strategy="individual"):
            if strategy == "digest":
                return self.digest(articles)
            return [self.summarizer.create_article_tldr(a) for a in articles]
"""


def test_a_digest_only_a_dead_strategy_branch_calls_is_unknown(tmp_path):
    classes = project_classes(tmp_path, {"summarizer.py": SUMMARIZER, "service.py": SERVICE, "main.py": """
        import sys
        from service import Service

        if __name__ == "__main__":
            Service().summarize_with_strategy(sys.argv[1:], strategy="individual")
    """})
    assert classes == {("summarizer.py", 5): "real-time", ("summarizer.py", 8): "unknown"}


def test_a_digest_a_live_strategy_reaches_keeps_its_class(tmp_path):
    classes = project_classes(tmp_path, {"summarizer.py": SUMMARIZER, "service.py": SERVICE, "main.py": """
        import sys
        from service import Service

        if __name__ == "__main__":
            Service().summarize_with_strategy(sys.argv[2:], strategy=sys.argv[1])
    """})
    assert classes[("summarizer.py", 5)] == "real-time"
    assert classes[("summarizer.py", 8)] != "unknown"  # reached: whatever the name adds, it is live
