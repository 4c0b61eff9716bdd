# Canonical usage: https://python-watchdog.readthedocs.io/en/stable/quickstart.html
import time

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from openai import OpenAI

client = OpenAI()


class SummarizeHandler(FileSystemEventHandler):
    def on_created(self, event):
        with open(event.src_path) as handle:
            text = handle.read()
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
        print(reply.choices[0].message.content)


observer = Observer()
observer.schedule(SummarizeHandler(), "inbox", recursive=False)
observer.start()
try:
    while True:
        time.sleep(1)
finally:
    observer.stop()
    observer.join()
