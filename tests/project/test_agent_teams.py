"""Agent teams (issue 15, round 10): a team, crew or group chat runs its members, and so the tools
they hold. A tool list named by a global (``tools=MAIN_TOOLS``) or joined (``MAIN_TOOLS + extra``)
is followed like a list display; agents and teams built at module level hold their tools and
members, so the code that runs the team runs them, not the module that builds it."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of, evidence_notes

TOOLS = ("from openai import OpenAI\n\n\ndef draw(prompt):\n    return OpenAI().images.generate(prompt=prompt)\n\n\n"
         "def search(q):\n    return OpenAI().embeddings.create(input=q, model='m')\n")
DRAW, SEARCH = ("tools.py", 5), ("tools.py", 9)
AGNO = ("from agno.agent import Agent\nfrom agno.team import Team\nfrom fastapi import FastAPI\n"
        "from tools import draw, search\n\napp = FastAPI()\n")


def sites(tmp_path, app: str) -> dict:
    return classes_of(project(tmp_path, {"app.py": app, "tools.py": TOOLS}))


def test_a_team_s_tools_named_by_a_global_list(tmp_path):
    app = AGNO + ("MAIN_TOOLS: list = [draw]\nEXTRA = [search]\n\n\ndef build():\n"
                  "    return Team(members=[], tools=MAIN_TOOLS + EXTRA)\n\n\n"
                  "@app.post('/chat')\nasync def chat(msg: str):\n    return await build().arun(msg)\n")
    found = sites(tmp_path, app)
    assert found[DRAW] == "real-time" and found[SEARCH] == "real-time"


def test_a_joined_tool_list_in_a_local(tmp_path):
    app = AGNO + ("MAIN_TOOLS = [draw]\n\n\ndef build(extra):\n    all_tools = MAIN_TOOLS + extra\n"
                  "    return Team(members=[], tools=all_tools)\n\n\n"
                  "@app.post('/chat')\nasync def chat(msg: str):\n    return await build([]).arun(msg)\n")
    assert sites(tmp_path, app)[DRAW] == "real-time"


def test_module_level_members_run_where_the_team_runs(tmp_path):
    app = AGNO + ("from apscheduler.schedulers.blocking import BlockingScheduler\n\n"
                  "researcher = Agent(tools=[search])\nteam = Team(members=[researcher, Agent(tools=[draw])])\n\n\n"
                  "def nightly():\n    team.print_response('digest')\n\n\n"
                  "sched = BlockingScheduler()\nsched.add_job(nightly, 'cron', hour=2)\n")
    found = sites(tmp_path, app)
    assert found[SEARCH] == "scheduled" and found[DRAW] == "scheduled"


def test_a_module_level_agent_run_in_a_route(tmp_path):
    app = AGNO + ("agent = Agent(tools=[search])\n\n\n"
                  "@app.post('/ask')\nasync def ask(q: str):\n    return await agent.arun(q)\n")
    result = project(tmp_path, {"app.py": app, "tools.py": TOOLS, "jobs.py": "import app\n"})
    assert classes_of(result)[SEARCH] == "real-time"
    notes = evidence_notes(result, SEARCH)
    assert "ask calls search" in notes


def test_a_crew_built_in_a_job_runs_its_module_level_agents_tools(tmp_path):
    app = ("from crewai import Agent, Crew, Task\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n"
           "from tools import search\n\nwriter = Agent(role='w', goal='g', backstory='b', tools=[search])\n\n\n"
           "def nightly():\n    crew = Crew(agents=[writer], tasks=[Task(description='d', agent=writer)])\n"
           "    crew.kickoff()\n\n\nsched = BlockingScheduler()\nsched.add_job(nightly, 'cron', hour=2)\nsched.start()\n")
    assert sites(tmp_path, app)[SEARCH] == "scheduled"


def test_an_autogen_team_takes_its_participants_first(tmp_path):
    app = ("from autogen_agentchat.agents import AssistantAgent\nfrom autogen_agentchat.teams import RoundRobinGroupChat\n"
           "from fastapi import FastAPI\nfrom tools import search\n\napp = FastAPI()\n"
           "helper = AssistantAgent('helper', model_client=None, tools=[search])\n\n\n"
           "@app.post('/ask')\nasync def ask(q: str):\n    team = RoundRobinGroupChat([helper])\n"
           "    return await team.run(task=q)\n")
    result = project(tmp_path, {"app.py": app, "tools.py": TOOLS})
    assert classes_of(result)[SEARCH] == "real-time"
    notes = evidence_notes(result, SEARCH)
    assert "ask gives search to a team (a participant's tool)" in notes


def test_a_team_nothing_runs_leaves_its_tools_with_the_module(tmp_path):
    # no run of the agent is seen: the module that registers the tool stays its runner (run by hand)
    app = "from agno.agent import Agent\nfrom tools import search\n\nagent = Agent(tools=[search])\n"
    result = project(tmp_path, {"app.py": app, "tools.py": TOOLS})
    assert classes_of(result)[SEARCH] == "real-time"
    notes = evidence_notes(result, SEARCH)
    assert "registers search" in notes


def test_a_project_class_built_with_tools_keeps_its_own_value(tmp_path):
    # ``agent = MyAgent(tools=[search])``: the instance's own ``run`` still answers the route
    app = ("from fastapi import FastAPI\nfrom openai import OpenAI\nfrom tools import search\n\napp = FastAPI()\n\n\n"
           "class MyAgent:\n    def __init__(self, tools):\n        self.tools = tools\n\n"
           "    def run(self, q):\n        return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
           "agent = MyAgent(tools=[search])\n\n\n@app.post('/ask')\ndef ask(q: str):\n    return agent.run(q)\n")
    assert sites(tmp_path, app)[("app.py", 13)] == "real-time"
