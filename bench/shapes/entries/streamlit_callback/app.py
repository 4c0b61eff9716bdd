# Canonical usage: https://docs.streamlit.io/develop/api-reference/widgets/st.button
import streamlit as st
from openai import OpenAI

client = OpenAI()


def summarize():
    text = st.session_state.text
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    st.session_state.summary = reply.choices[0].message.content


st.text_area("Text", key="text")
st.button("Summarize", on_click=summarize)
st.write(st.session_state.get("summary", ""))
