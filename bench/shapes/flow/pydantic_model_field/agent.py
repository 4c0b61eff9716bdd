from typing import Any

from pydantic import BaseModel, ConfigDict


class Agent(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    name: str
    client: Any = None

    def run(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
