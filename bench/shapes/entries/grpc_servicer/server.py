# Canonical usage: https://grpc.io/docs/languages/python/basics/
from concurrent import futures

import grpc

import chat_pb2
import chat_pb2_grpc
from openai import OpenAI

client = OpenAI()


class ChatServicer(chat_pb2_grpc.ChatServicer):
    def Ask(self, request, context):
        text = request.text
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return chat_pb2.Reply(text=reply.choices[0].message.content)


def serve():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))
    chat_pb2_grpc.add_ChatServicer_to_server(ChatServicer(), server)
    server.add_insecure_port("[::]:50051")
    server.start()
    server.wait_for_termination()


if __name__ == "__main__":
    serve()
