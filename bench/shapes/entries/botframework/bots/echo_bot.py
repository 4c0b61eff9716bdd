# Canonical usage: https://learn.microsoft.com/en-us/azure/bot-service/bot-builder-basics
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from openai import OpenAI

client = OpenAI()


class EchoBot(ActivityHandler):
    async def on_message_activity(self, turn_context: TurnContext):
        text = turn_context.activity.text
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        await turn_context.send_activity(MessageFactory.text(reply.choices[0].message.content))
