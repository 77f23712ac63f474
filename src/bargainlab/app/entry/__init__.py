"""The app's Streamlit entry script lives here, away from ``app/pages/``.

A script whose folder has a ``pages/`` sub-folder makes Streamlit serve that folder's modules as
scripts (its older multipage mode) before ``st.navigation`` runs, so a link straight to
``/two_sided`` would show an empty page. Keeping the entry script in its own folder avoids that.
"""
