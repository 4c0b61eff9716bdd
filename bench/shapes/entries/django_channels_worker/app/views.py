# Canonical usage: https://channels.readthedocs.io/en/latest/topics/worker.html (sending to a named channel)
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.http import JsonResponse


def upload(request):
    channel_layer = get_channel_layer()
    async_to_sync(channel_layer.send)("summaries", {"type": "summarize.document", "text": request.POST["text"]})
    return JsonResponse({"queued": True})
