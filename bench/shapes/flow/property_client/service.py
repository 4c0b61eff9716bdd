from clients import make_client


class Service:
    @property
    def client(self):
        return make_client()

    def run(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
