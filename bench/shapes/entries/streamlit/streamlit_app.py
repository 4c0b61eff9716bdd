# Canonical usage: https://docs.streamlit.io/develop/tutorials/chat-and-llm-apps/build-conversational-apps
import streamlit as st
from openai import OpenAI

client = OpenAI()

st.title("Chat")
if text := st.chat_input("Say something"):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    st.chat_message("assistant").write(reply.choices[0].message.content)
