"""Code that registers itself when its module is imported runs only if something imports it (issue
15, round 9): a Django signal receiver in a module Django does not load itself and nothing imports
is never connected; a CloudFormation function whose code is the template's own text (``ZipFile``)
deploys no file of the repository."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

LLM = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
       "def summarize(text):\n    return client.chat.completions.create(model='m', messages=[text])\n")
SIGNALS = ("from django.db.models.signals import post_save\nfrom django.dispatch import receiver\n\n"
           "from .llm import summarize\nfrom .models import Paper\n\n\n@receiver(post_save, sender=Paper)\n"
           "def on_paper(sender, instance, **kwargs):\n    summarize(instance.abstract)\n")
MODELS = "from django.db import models\n\n\nclass Paper(models.Model):\n    abstract = models.TextField()\n"
APPS = "from django.apps import AppConfig\n\n\nclass PapersConfig(AppConfig):\n    name = 'papers'\n"
READY = "\n    def ready(self):\n        from . import signals  # noqa: F401\n"
SITE = ("papers/llm.py", 7)


def app(**extra: str):
    files = {"papers/__init__.py": "", "papers/llm.py": LLM, "papers/models.py": MODELS, "papers/apps.py": APPS,
             "papers/signals.py": SIGNALS}
    files.update(extra)
    return files


def test_a_signals_module_nothing_imports_connects_nothing(tmp_path):
    assert classes_of(project(tmp_path, app())) == {SITE: "unknown"}


def test_a_signals_module_the_app_config_imports_is_connected(tmp_path):
    assert classes_of(project(tmp_path, app(**{"papers/apps.py": APPS + READY}))) == {SITE: "near-real-time"}


def test_a_signals_module_the_app_config_imports_by_its_dotted_name_is_connected(tmp_path):
    """``import papers.signals`` binds ``papers`` but loads ``papers.signals`` (round 19's capybara_API)."""
    ready = READY.replace("from . import signals", "import papers.signals")
    assert classes_of(project(tmp_path, app(**{"papers/apps.py": APPS + ready}))) == {SITE: "near-real-time"}


def test_importing_a_sibling_of_the_signals_module_connects_nothing(tmp_path):
    ready = READY.replace("from . import signals", "import papers.models")
    assert classes_of(project(tmp_path, app(**{"papers/apps.py": APPS + ready}))) == {SITE: "unknown"}


def test_a_receiver_in_models_is_connected_when_django_loads_the_models(tmp_path):
    models = MODELS + "\n\n" + SIGNALS.replace("from .models import Paper\n", "")
    files = app(**{"papers/models.py": models})
    del files["papers/signals.py"]
    assert classes_of(project(tmp_path, files)) == {("papers/llm.py", 7): "near-real-time"}


CFN = ("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: handler.lambda_handler\n"
       "      Code:\n        ZipFile: |\n          def lambda_handler(event, context):\n              return 1\n"
       "  Queue:\n    Type: AWS::SQS::Queue\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
       "      EventSourceArn: !GetAtt Queue.Arn\n      FunctionName: !Ref Fn\n")
HANDLER = LLM + "\n\ndef lambda_handler(event, context):\n    return summarize('x')\n"


def test_a_function_whose_code_is_the_templates_text_deploys_no_file(tmp_path):
    result = project(tmp_path, {"cfn/template.yaml": CFN, "copy/handler.py": HANDLER})
    assert classes_of(result) == {("copy/handler.py", 7): "unknown"}


def test_the_same_template_with_a_code_folder_deploys_the_file(tmp_path):
    template = CFN.replace("AWS::Lambda::Function", "AWS::Serverless::Function").replace(
        "      Code:\n        ZipFile: |\n          def lambda_handler(event, context):\n              return 1\n",
        "      CodeUri: ../copy/\n")
    result = project(tmp_path, {"cfn/template.yaml": "Transform: AWS::Serverless-2016-10-31\n" + template,
                                "copy/handler.py": HANDLER})
    assert classes_of(result) == {("copy/handler.py", 7): "near-real-time"}


BOT = ("import discord\nfrom discord.ext import commands\n\nEXTENSIONS = ['cogs.chat']\n\n\n"
       "class Bot(commands.Bot):\n    async def setup_hook(self):\n        for ext in EXTENSIONS:\n"
       "            await self.load_extension(ext)\n\n\nBot(command_prefix='!').run('TOKEN')\n")
COG = ("from discord.ext import commands\nfrom openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\n"
       "class {name}(commands.Cog):\n    @commands.command()\n    async def ask(self, ctx, *, q):\n"
       "        await client.chat.completions.create(model='m', messages=[q])\n\n\n"
       "async def setup(bot):\n    await bot.add_cog({name}(bot))\n")


def cogs(bot: str):
    return {"main.py": bot, "cogs/chat.py": COG.format(name="Chat"), "cogs/ollama.py": COG.format(name="Ollama")}


def test_a_cog_no_load_names_answers_no_command(tmp_path):
    assert classes_of(project(tmp_path, cogs(BOT))) == {("cogs/chat.py", 10): "real-time",
                                                          ("cogs/ollama.py", 10): "unknown"}


def test_cogs_loaded_by_a_computed_name_may_all_answer(tmp_path):
    bot = BOT.replace("for ext in EXTENSIONS:", "for ext in os.listdir('cogs'):").replace(
        "load_extension(ext)", "load_extension(f'cogs.{ext[:-3]}')").replace("import discord", "import os\nimport discord")
    assert classes_of(project(tmp_path, cogs(bot))) == {("cogs/chat.py", 10): "real-time",
                                                         ("cogs/ollama.py", 10): "real-time"}


def test_a_schema_migrations_calls_are_no_sites(tmp_path):
    """A data migration runs once, when the database is migrated (the corpus labels none)."""
    embed = "from openai import OpenAI\n\n\ndef backfill(*args):\n    return OpenAI().embeddings.create(model='e', input=['x'])\n"
    migration = embed + "\n\nfrom django.db import migrations\n\n\nclass Migration(migrations.Migration):\n" \
                        "    operations = [migrations.RunPython(backfill)]\n"
    files = app(**{"papers/apps.py": APPS + READY, "papers/migrations/__init__.py": "",
                   "papers/migrations/0002_backfill.py": migration, "alembic/versions/3f2a_embed.py": embed})
    assert classes_of(project(tmp_path, files)) == {SITE: "near-real-time"}


def test_a_loaded_cog_in_a_deeper_copy_named_by_its_path(tmp_path):
    # ``old/bot/cogs/chat.py`` copies ``cogs/chat.py`` deeper: named by its path, ``cogs.chat`` still loads it
    files = {"old/bot/main.py": BOT, "old/bot/cogs/chat.py": COG.format(name="Chat"), "cogs/chat.py": COG.format(name="Chat")}
    assert classes_of(project(tmp_path, files))[("old/bot/cogs/chat.py", 10)] == "real-time"
