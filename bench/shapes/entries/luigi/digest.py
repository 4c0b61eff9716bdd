# Canonical usage: https://luigi.readthedocs.io/en/stable/example_top_artists.html
import luigi
from openai import OpenAI

client = OpenAI()


class DailyDigest(luigi.Task):
    date = luigi.DateParameter()

    def output(self):
        return luigi.LocalTarget(f"digest-{self.date}.txt")

    def run(self):
        text = f"Write the digest for {self.date}"
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
        with self.output().open("w") as out:
            out.write(reply.choices[0].message.content)


if __name__ == "__main__":
    luigi.run()
