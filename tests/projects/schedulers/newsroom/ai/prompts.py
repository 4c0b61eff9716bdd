"""Prompt text shared by the jobs."""

SECTION_SYSTEM = "You are a news editor. Summarise the section's stories in three neutral sentences."
MODERATION_SYSTEM = "Score this reader comment from 0 (abusive) to 1 (constructive). Reply with the number."
TAGS_SYSTEM = "Suggest up to five topic tags for the article, comma separated, lower case."


def section_messages(title: str, stories: list) -> list:
    body = "\n\n".join(f"## {s.headline}\n{s.body[:2000]}" for s in stories)
    return [
        {"role": "system", "content": SECTION_SYSTEM},
        {"role": "user", "content": f"Section: {title}\n\n{body}"},
    ]
