"""The Streamlit app: the only package (with app.py) that imports streamlit."""
