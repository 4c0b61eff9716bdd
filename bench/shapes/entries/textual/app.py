# Canonical usage: https://textual.textualize.io/guide/input/
from textual.app import App, ComposeResult
from textual.widgets import Input, Static
from openai import OpenAI

client = OpenAI()


class ChatApp(App):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="Ask")
        yield Static(id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        self.query_one("#answer", Static).update(reply.choices[0].message.content)


if __name__ == "__main__":
    ChatApp().run()
