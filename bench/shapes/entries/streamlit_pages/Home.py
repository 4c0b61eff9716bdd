# Canonical usage: https://docs.streamlit.io/develop/concepts/multipage-apps/pages-directory
import streamlit as st

st.title("Home")
