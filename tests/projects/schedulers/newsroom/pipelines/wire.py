"""Wire enrichment on Bedrock (the data team's AWS account)."""
import json

import boto3

from newsroom.models import Article

bedrock = boto3.client("bedrock-runtime", region_name="eu-central-1")
MODEL_ID = "anthropic.claude-3-5-haiku-20241022-v1:0"


def load_wire_batch() -> int:
    return Article.objects.filter(section__slug="wire", tags=[]).count()


def enrich_wire_stories(limit: int) -> int:
    done = 0
    for article in Article.objects.filter(section__slug="wire", tags=[])[:limit]:
        resp = bedrock.converse(  # expect: bedrock converse scheduled LLM001
            modelId=MODEL_ID,
            messages=[{"role": "user", "content": [{"text": f"Return JSON with people, places, orgs:\n{article.body[:4000]}"}]}],
        )
        entities = json.loads(resp["output"]["message"]["content"][0]["text"])
        article.tags = sorted({*entities.get("people", []), *entities.get("orgs", [])})
        article.save(update_fields=["tags"])
        done += 1
    return done
