"""Scheduled jobs on the (deprecated) Vertex AI SDK: GenerativeModel, chat sessions, embeddings."""
import vertexai
from vertexai.batch_prediction import BatchPredictionJob
from vertexai.generative_models import GenerativeModel
from vertexai.language_models import TextEmbeddingModel
from vertexai.preview.generative_models import GenerativeModel as PreviewModel


class CatalogWriter:
    def __init__(self):
        vertexai.init(project="acme", location="us-central1")
        self.model = GenerativeModel("gemini-2.0-flash", system_instruction="Write product copy.")

    def nightly(self, items):  # llm-latency: scheduled
        copy = [self.model.generate_content(f"Describe {item}").text for item in items]  # expect: vertexai generate_content scheduled LLM001
        for response in self.model.generate_content("One slogan", stream=True):  # expect: vertexai generate_content scheduled LLM001 LLM004
            copy.append(response.text)
        session = self.model.start_chat()
        session.send_message("Make the first one shorter")  # expect: vertexai send_message scheduled
        return copy


async def preview_job(prompt):  # llm-latency: scheduled
    model = PreviewModel("gemini-2.0-flash")
    return await model.generate_content_async(prompt)  # expect: vertexai generate_content_async scheduled LLM001


def embed_catalog(texts):  # llm-latency: scheduled
    embedder = TextEmbeddingModel.from_pretrained("text-embedding-004")
    return [embedder.get_embeddings([text])[0].values for text in texts]  # expect: vertexai get_embeddings scheduled LLM001 LLM003


def submit_vertex_batch():  # llm-latency: scheduled
    job = BatchPredictionJob.submit(  # expect: vertexai vertexai.batch_prediction.BatchPredictionJob.submit scheduled
        source_model="gemini-2.0-flash-001",
        input_dataset="gs://acme-batch/in.jsonl",
        output_uri_prefix="gs://acme-batch/out/",
    )
    return job.resource_name
