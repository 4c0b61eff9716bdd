# Canonical usage: https://docs.streamlit.io/develop/concepts/multipage-apps/pages-directory
import streamlit as st
from openai import OpenAI

client = OpenAI()

text = st.text_area("Text")
if st.button("Summarize"):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    st.write(reply.choices[0].message.content)
