# Canonical usage: https://modelcontextprotocol.io/quickstart/server
from mcp.server.fastmcp import FastMCP
from openai import OpenAI

client = OpenAI()

mcp = FastMCP("summarizer")


@mcp.tool()
async def summarize(text: str) -> str:
    """Summarise a text."""
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


if __name__ == "__main__":
    mcp.run(transport="stdio")
