# Canonical usage: https://rasa.com/docs/rasa/custom-actions/
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from openai import OpenAI

client = OpenAI()


class ActionAnswer(Action):
    def name(self):
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain):
        text = tracker.latest_message["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        dispatcher.utter_message(text=reply.choices[0].message.content)
        return []
