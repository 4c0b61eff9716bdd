"""Catalog entries added from the coverage survey of canonical usage (``bench/shapes``): each
library's documented call shapes are sites of its provider and operation; look-alikes are not."""
from __future__ import annotations

import pytest
from support.scan import scan, sites

from llm_latency_lint.catalog import providers


def test_providers_own_sdks_next_to_their_openai_compatible_endpoints(tmp_path):
    found = sites(tmp_path, """
        import dashscope
        from dashscope import Generation
        from huggingface_hub import InferenceClient
        from volcenginesdkarkruntime import Ark
        from zhipuai import ZhipuAI
        from fireworks.client import Fireworks

        class Clients:
            def __init__(self):
                self.zhipu = ZhipuAI(api_key="k")
                self.ark = Ark()
                self.hf = InferenceClient()

            def ask(self, text):
                a = self.zhipu.chat.completions.create(model="glm-4", messages=[])
                b = self.ark.embeddings.create(model="doubao-embedding", input=[text])
                c = self.hf.chat_completion(messages=[], model="m")
                d = Generation.call(model="qwen-plus", messages=[])
                e = dashscope.TextEmbedding.call(model="text-embedding-v3", input=text)
                f = Fireworks().chat.completions.create(model="m", messages=[])
                return a, b, c, d, e, f
    """)
    assert found == [(16, "zhipu", "chat.completions.create"), (17, "volcengine-ark", "embeddings.create"),
                     (18, "huggingface", "chat_completion"), (19, "dashscope", "dashscope.Generation.call"),
                     (20, "dashscope", "dashscope.TextEmbedding.call"), (21, "fireworks", "chat.completions.create")]


def test_dashscope_speech_synthesis_is_a_hosted_model_request(tmp_path):
    """CosyVoice's synthesizer is given its model and each ``call(text)`` is one request, also when
    a star import brings it and a factory method builds it; the class-method TTS APIs name the model.
    A project's own ``call`` on another object is none."""
    found = sites(tmp_path, """
        import dashscope
        from dashscope.audio.tts_v2 import *

        class Tts:
            def model(self, name="cosyvoice-v1"):
                return SpeechSynthesizer(model=name, voice="longxiaochun")

        def speak(text, other):
            audio = Tts().model().call(text)
            qwen = dashscope.audio.qwen_tts.SpeechSynthesizer.call(model="qwen-tts", text=text)
            other.call(text)
            return audio, qwen
    """)
    assert found == [(10, "dashscope", "call"), (11, "dashscope", "dashscope.audio.qwen_tts.SpeechSynthesizer.call")]


def test_xai_sdk_chat_is_made_by_the_client_and_sampled(tmp_path):
    found = sites(tmp_path, """
        from xai_sdk import Client

        client = Client()

        def ask(text):
            conversation = client.chat.create(model="grok-4")
            return conversation.sample()
    """)
    assert found == [(8, "xai", "sample")]


def test_new_sdks_azure_inference_cerebras_voyage_qianfan(tmp_path):
    found = sites(tmp_path, """
        import qianfan
        import voyageai
        from azure.ai.inference import ChatCompletionsClient, EmbeddingsClient
        from cerebras.cloud.sdk import Cerebras

        chat = ChatCompletionsClient(endpoint="https://x", credential=None)
        vo = voyageai.Client()

        def run(text, docs):
            a = chat.complete(messages=[])
            b = EmbeddingsClient(endpoint="https://x", credential=None).embed(input=[text])
            c = Cerebras().chat.completions.create(model="llama3.1-8b", messages=[])
            d = vo.embed([text], model="voyage-3.5"), vo.rerank(text, docs, model="rerank-2.5")
            e = qianfan.ChatCompletion().do(messages=[]), qianfan.Embedding().do(texts=[text])
            return a, b, c, d, e
    """)
    assert found == [(11, "azure-ai-inference", "complete"), (12, "azure-ai-inference", "embed"),
                     (13, "cerebras", "chat.completions.create"), (14, "voyageai", "embed"),
                     (14, "voyageai", "rerank"), (15, "qianfan", "do"), (15, "qianfan", "do")]
    embed = providers.match_client_call("voyageai.Client", ("embed",))
    assert embed is not None and embed.op.embedding and not embed.provider.batch_supported


def test_bedrock_agent_runtime_answers_are_sites_no_batch_accepts(tmp_path):
    found = sites(tmp_path, """
        import boto3

        agents = boto3.client("bedrock-agent-runtime")

        def ask(text):
            return agents.invoke_agent(agentId="a", agentAliasId="b", sessionId="s", inputText=text)

        def rag(text):
            return agents.retrieve_and_generate(input={"text": text}, retrieveAndGenerateConfiguration={})
    """)
    assert found == [(7, "bedrock", "invoke_agent"), (10, "bedrock", "retrieve_and_generate")]
    match = providers.match_client_call("boto3.client#bedrock-agent-runtime", ("invoke_agent",))
    assert match is not None and not match.op.batchable


def test_haystack_components_and_pipelines_with_their_backend(tmp_path):
    found = sites(tmp_path, """
        from haystack import Pipeline
        from haystack.components.generators.chat import OpenAIChatGenerator
        from haystack.components.builders import PromptBuilder

        generator = OpenAIChatGenerator(model="gpt-4o-mini")

        def chat(messages):
            return generator.run(messages)

        def piped(question):
            pipe = Pipeline()
            pipe.add_component("llm", generator)
            return pipe.run({"llm": {"messages": []}})

        def template(question):
            return PromptBuilder(template="{{q}}").run(q=question)
    """)
    assert found == [(9, "haystack", "run"), (14, "haystack", "run")]
    match = providers.match_client_call("haystack.components.generators.chat.OpenAIChatGenerator", ("run",))
    assert match is not None and match.batch_provider is not None and match.batch_provider.id == "openai"


def test_semantic_kernel_services_prompts_and_agents_but_not_kernel_invoke(tmp_path):
    found = sites(tmp_path, """
        from semantic_kernel import Kernel
        from semantic_kernel.agents import ChatCompletionAgent
        from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion

        service = OpenAIChatCompletion(ai_model_id="gpt-4o")
        kernel = Kernel()

        async def run(history, text, native):
            a = await service.get_chat_message_content(chat_history=history, settings=None)
            b = await kernel.invoke_prompt(prompt=text)
            c = await ChatCompletionAgent(service=service, name="n").get_response(messages=text)
            d = await kernel.invoke(native)
            return a, b, c, d
    """)
    assert found == [(10, "semantic-kernel", "get_chat_message_content"), (11, "semantic-kernel", "invoke_prompt"),
                     (12, "semantic-kernel", "get_response")]


def test_agents_called_directly_strands_agno_camel(tmp_path):
    found = sites(tmp_path, """
        from agno.agent import Agent as AgnoAgent
        from camel.agents import ChatAgent
        from strands import Agent

        class Assistant:
            def __init__(self):
                self.agent = Agent(system_prompt="be brief")
                self.agno = AgnoAgent(markdown=True)
                self.camel = ChatAgent("be brief")

            async def ask(self, text, schema):
                a = self.agent(text)
                b = self.agent.structured_output(schema, text)
                c = await self.agent.invoke_async(text)
                d = self.agno.run(text)
                self.agno.print_response(text)
                e = self.camel.step(text)
                return a, b, c, d, e
    """)
    assert found == [(13, "strands", "__call__"), (14, "strands", "structured_output"), (15, "strands", "invoke_async"),
                     (16, "agno", "run"), (17, "agno", "print_response"), (18, "camel", "step")]


def test_a_project_class_named_agent_is_no_site(tmp_path):
    found = sites(tmp_path, """
        class Agent:
            def __call__(self, text):
                return text.upper()

            def run(self, text):
                return text

        def use(text):
            agent = Agent()
            return agent(text), agent.run(text)
    """)
    assert found == []


def test_marvin_functions_outlines_models_and_instructor_from_provider(tmp_path):
    found = sites(tmp_path, """
        import instructor
        import marvin
        import openai
        import outlines

        model = outlines.from_openai(openai.OpenAI(), "gpt-4o-mini")
        client = instructor.from_provider("anthropic/claude-3-5-haiku-latest")

        def run(text, Person):
            a = marvin.extract(text, target=str)
            b = model(text, Person)
            c = client.chat.completions.create(response_model=Person, messages=[])
            return a, b, c
    """)
    assert found == [(11, "marvin", "marvin.extract"), (12, "outlines", "__call__"),
                     (13, "instructor", "chat.completions.create")]


def test_autogen_teams_model_clients_smolagents_models_and_crewai_llm(tmp_path):
    found = sites(tmp_path, """
        from autogen_agentchat.teams import RoundRobinGroupChat
        from autogen_ext.models.openai import OpenAIChatCompletionClient
        from crewai import LLM
        from smolagents import InferenceClientModel

        client = OpenAIChatCompletionClient(model="gpt-4o")
        model = InferenceClientModel()

        async def run(agents, task, messages):
            a = await RoundRobinGroupChat(agents).run(task=task)
            b = await client.create(messages)
            c = model(messages)
            d = LLM(model="gpt-4o").call(task)
            return a, b, c, d
    """)
    assert found == [(11, "autogen", "run"), (12, "autogen", "create"), (13, "smolagents", "__call__"),
                     (14, "crewai", "call")]
    create = providers.match_client_call("autogen_ext.models.openai.OpenAIChatCompletionClient", ("create",))
    assert create is not None and create.batch_provider is not None and create.batch_provider.id == "openai"


@pytest.mark.parametrize("model, operation", [
    ("langchain_community.chat_models.ChatTongyi", "invoke"),
    ("langchain_perplexity.ChatPerplexity", "invoke"),
    ("langchain_cerebras.ChatCerebras", "ainvoke"),
    ("langchain_voyageai.VoyageAIEmbeddings", "embed_documents"),
    ("langchain_community.embeddings.JinaEmbeddings", "embed_query"),
    ("langchain_nvidia_ai_endpoints.NVIDIAEmbeddings", "embed_query"),
])
def test_more_langchain_integrations(model, operation):
    match = providers.match_client_call(model, (operation,))
    assert match is not None and match.provider.id == "langchain" and match.operation == operation


def test_langchain_integration_package_is_anchored_alone(tmp_path):
    found = sites(tmp_path, """
        from langchain_voyageai import VoyageAIEmbeddings

        def embed(texts):
            return VoyageAIEmbeddings(model="voyage-3.5").embed_documents(texts)
    """)
    assert found == [(5, "langchain", "embed_documents")]


def test_langfuse_drop_in_alone_is_the_openai_sdk(tmp_path):
    found = sites(tmp_path, """
        from langfuse.openai import openai

        def ask(text):
            return openai.chat.completions.create(model="gpt-4o", messages=[])
    """)
    assert found == [(5, "openai", "langfuse.openai.openai.chat.completions.create")]


def test_prompt_decorators_are_sites_inside_the_function_their_callers_reach(tmp_path):
    """``@openai.call(...)`` / ``@prompt(...)`` make the decorated function a model request: the
    decorator is the site, and a schedule that calls the function makes it scheduled."""
    result = scan(tmp_path, """
        import schedule
        from magentic import prompt
        from mirascope.core import openai
        from somewhere import cache

        @openai.call("gpt-4o-mini")
        def recommend(genre: str) -> str:
            return f"Recommend a {genre} book"

        @prompt("Summarise {text}")
        def summarise(text: str) -> str: ...

        @cache(maxsize=1)
        def plain(text):
            return text

        def job():
            return recommend("fantasy"), summarise("news"), plain("x")

        schedule.every().day.at("09:00").do(job)
    """)
    found = sorted((s.resolved.site.line, s.resolved.match.provider.id, s.resolved.site.function, s.latency_class)
                   for s in result.sites)
    assert found == [(7, "mirascope", "app.recommend", "scheduled"), (11, "magentic", "app.summarise", "scheduled")]


@pytest.mark.parametrize("model, operation, embedding", [
    ("llama_index.llms.deepseek.DeepSeek", "complete", False),
    ("llama_index.llms.dashscope.DashScope", "achat", False),
    ("llama_index.llms.huggingface_api.HuggingFaceInferenceAPI", "stream_complete", False),
    ("llama_index.embeddings.voyageai.VoyageEmbedding", "get_query_embedding", True),
    ("llama_index.embeddings.cohere.CohereEmbedding", "get_text_embedding_batch", True),
])
def test_more_llamaindex_integrations(model, operation, embedding):
    match = providers.match_client_call(model, (operation,))
    assert match is not None and match.provider.id == "llamaindex" and match.op.embedding is embedding
