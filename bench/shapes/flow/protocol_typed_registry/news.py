from openai import OpenAI

client = OpenAI()


class NewsletterSource:
    name = "newsletter"

    def fetch_items(self) -> list:
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}])  # expect-class: scheduled
        return [reply]
