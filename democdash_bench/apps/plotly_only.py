"""Reference for `democdash bench`: the least a plotly map costs a visit.

One choropleth of a single square drawn from a local GeoJSON (no democdash data, no imports
beyond plotly), configured like the app's plotly maps were: the time any page pays for the
browser to fetch, compile and run plotly.js. A plotly map could not be drawn sooner.
"""

import plotly.graph_objects as go
import streamlit as st

#: The plotly config a geo chart needs to load offline (local topojson stubs), as the app's
#: plotly maps used it before the SVG map.
CONFIG = {"topojsonURL": "app/static/topojson/", "displaylogo": False}

SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"iso3": "AAA"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[0, 0], [0, 9], [9, 9], [9, 0], [0, 0]]],
            },
        }
    ],
}
figure = go.Figure(
    go.Choropleth(geojson=SQUARE, featureidkey="properties.iso3", locations=["AAA"], z=[1])
)
st.plotly_chart(figure, config=CONFIG)
