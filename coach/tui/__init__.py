"""The Textual interface; the only part of coach that imports Textual."""
