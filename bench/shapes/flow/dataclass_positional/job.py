from dataclasses import dataclass


@dataclass
class Job:
    name: str
    client: object

    def run(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
