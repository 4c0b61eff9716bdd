# Canonical usage: https://airflow.apache.org/docs/apache-airflow-providers-cncf-kubernetes/stable/operators.html
from openai import OpenAI

client = OpenAI()


def main():
    text = "Summarise the news"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    main()
