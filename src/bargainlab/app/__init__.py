"""The Streamlit web app (extra ``[app]``): one page per model, discovered from ``app.pages``."""
