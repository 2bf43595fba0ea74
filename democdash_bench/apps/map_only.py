"""Reference for `democdash bench`: only the world map, drawn as the overview draws it.

Same data, widget and colouring as the overview (`mapview.world_map`), no frame around it; a
`country` query parameter selects a country as it does there.
"""

import streamlit as st

from democdash.ui import mapview

mapview.world_map("bench_map", "role", st.query_params.get_all("country")[:1])
