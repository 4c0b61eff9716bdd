# library: helpers handed their client (a module that imports no SDK: the call's shape names the provider)
# source: https://github.com/openai/openai-python#usage ; https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html ; https://github.com/anthropics/anthropic-sdk-python#usage ; https://googleapis.github.io/python-genai/
def summarize(client, text):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect: openai-compatible


def critique(client, text):
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[{"role": "user", "content": text}])  # expect: anthropic


def caption(client, text):
    return client.models.generate_content(model="gemini-2.5-flash", contents=text)  # expect: google


class Assistant:
    def __init__(self, client, model):
        self.client = client
        self.model = model

    def embed(self, texts):
        return self.client.embeddings.create(model="text-embedding-3-small", input=texts)  # expect: openai-compatible

    def respond(self, text):
        return self.client.responses.create(model=self.model, input=text)  # expect: openai-compatible


def converse(bedrock_runtime, text):
    return bedrock_runtime.converse(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": text}]}])  # expect: bedrock


def notify(twilio, to):
    return twilio.messages.create(to=to, from_="+15550100", body="report ready")  # a text message, no model
