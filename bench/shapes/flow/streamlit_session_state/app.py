import streamlit as st
from langchain_openai import ChatOpenAI

if "chain" not in st.session_state:
    st.session_state["chain"] = ChatOpenAI(model="gpt-4o-mini")

question = st.text_input("Question")
if question:
    st.write(st.session_state["chain"].invoke(question).content)  # expect-class: real-time
