# Canonical usage: https://docs.aiogram.dev/en/latest/dispatcher/router.html
import asyncio

from aiogram import Bot, Dispatcher, Router
from aiogram.types import Message
from openai import OpenAI

client = OpenAI()

router = Router()


@router.message()
async def answer(message: Message) -> None:
    text = message.text
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await message.answer(reply.choices[0].message.content)


async def main() -> None:
    dp = Dispatcher()
    dp.include_router(router)
    await dp.start_polling(Bot(token="TOKEN"))


if __name__ == "__main__":
    asyncio.run(main())
