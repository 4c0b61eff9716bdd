# library: portkey-ai
# source: https://portkey.ai/docs/api-reference/sdk/python
from portkey_ai import Portkey

portkey = Portkey(api_key="k", virtual_key="v")


def chat(text):
    return portkey.chat.completions.create(model="gpt-4o", messages=[])  # expect: portkey
