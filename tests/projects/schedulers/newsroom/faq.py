"""Draft answers to reader questions for the audience editor to approve."""
from newsroom.ai import claude
from newsroom.models import Topic


def open_questions() -> list:
    return list(Topic.objects.filter(summary="").values_list("name", flat=True))


def draft_answer(question: str) -> str:
    msg = claude.messages.create(  # expect: anthropic messages.create scheduled LLM001
        model="claude-sonnet-4-5",
        max_tokens=600,
        messages=[{"role": "user", "content": f"Draft a short, sourced answer for our reader FAQ: {question}"}],
    )
    return msg.content[0].text


def draft_answers(questions: list) -> int:
    for question in questions:
        Topic.objects.filter(name=question).update(summary=draft_answer(question))
    return len(questions)
