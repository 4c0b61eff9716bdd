# Canonical usage: https://docs.livekit.io/agents/build/
from livekit import agents
from livekit.agents import JobContext, WorkerOptions, cli
from openai import OpenAI

client = OpenAI()


async def entrypoint(ctx: JobContext):
    await ctx.connect()
    text = "Greet the caller"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    cli.run_app(WorkerOptions(entrypoint_fnc=entrypoint))
