class Worker:
    def __init__(self, client):
        self.client = client

    def run(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
