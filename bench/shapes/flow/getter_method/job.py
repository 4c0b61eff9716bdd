class Job:
    def __init__(self, client):
        self._client = client

    def get_client(self):
        return self._client

    def run(self, text):
        return self.get_client().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
