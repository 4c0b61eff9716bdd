"""SDK shapes a model request hides behind: LiteLLM's key check, a deployed Vertex AI Agent Engine
queried through its engine's GAPIC client, Imagen through the Vertex AI SDK."""
from __future__ import annotations

from support.scan import sites


def test_litellm_key_check_is_a_completion(tmp_path):
    """``check_valid_key`` sends a 10-token ``litellm.completion`` (litellm 1.110.2 ``utils.py``)."""
    assert sites(tmp_path, """
        from litellm import check_valid_key
        import litellm

        def validate(key):
            return check_valid_key(model="gemini/gemini-2.0-flash-exp", api_key=key)

        def retried(messages):
            return litellm.completion_with_retries(model="gpt-4o", messages=messages)
    """) == [(6, "litellm", "litellm.check_valid_key"), (9, "litellm", "litellm.completion_with_retries")]


def test_vertex_agent_engine_through_its_execution_client(tmp_path):
    """The engine object's ``execution_api_client`` kept in a dict, its ``stream_query_reasoning_engine``
    run in an executor's closure; and ``agent_engines.get(name).stream_query(...)``."""
    found = sites(tmp_path, """
        import asyncio
        from vertexai import agent_engines
        from vertexai.preview import reasoning_engines

        class Service:
            def __init__(self):
                self._engines = {}
                self._exec_clients = {}

            def _get_engine(self, agent_id):
                if agent_id not in self._engines:
                    engine = reasoning_engines.ReasoningEngine(agent_id)
                    self._engines[agent_id] = engine
                    self._exec_clients[agent_id] = engine.execution_api_client
                return self._engines[agent_id]

            async def send(self, agent_id, request):
                self._get_engine(agent_id)
                exec_client = self._exec_clients[agent_id]

                def stream_query():
                    return [c.data for c in exec_client.stream_query_reasoning_engine(request=request)]

                return await asyncio.get_event_loop().run_in_executor(None, stream_query)

        def ask(name, text):
            return list(agent_engines.get(name).stream_query(user_id="u", message=text))
    """)
    assert found == [(23, "vertex-agent-engine", "execution_api_client.stream_query_reasoning_engine"),
                     (28, "vertex-agent-engine", "stream_query")]


def test_imagen_through_the_vertex_sdk(tmp_path):
    assert sites(tmp_path, """
        from vertexai.preview.vision_models import ImageGenerationModel

        def draw(prompt):
            model = ImageGenerationModel.from_pretrained("imagen-3.0-generate-002")
            return model.generate_images(prompt=prompt, number_of_images=1)
    """) == [(6, "vertexai", "generate_images")]
