"""Alt text and captions for photos uploaded without them."""
from newsroom.ai.clients import openai_client


def caption(url: str) -> str:
    resp = openai_client().responses.create(  # expect: openai responses.create scheduled LLM001
        model="gpt-4o",
        input=[{
            "role": "user",
            "content": [
                {"type": "input_text", "text": "Write alt text (max 120 characters) for this news photo."},
                {"type": "input_image", "image_url": url},
            ],
        }],
    )
    return resp.output_text


def caption_uncaptioned(limit: int) -> int:
    from newsroom.models import Photo

    photos = Photo.objects.filter(alt_text="")[:limit]
    for photo in photos:
        photo.alt_text = caption(photo.url)
        photo.save(update_fields=["alt_text"])
    return len(photos)
