from clients import client


class Service:
    def summarize(self, text):
        return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
