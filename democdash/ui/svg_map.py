"""The map component: a server-made SVG (`democdash.svgmap`) mounted inline with Streamlit's
custom components v2 (no iframe, no build step, no charting library, nothing fetched).

A click on a country (or Enter on the country that has keyboard focus) returns its ISO code
for one rerun; hovering or focusing a country shows its name and value (the path's
`<title>`, which is also what a screen reader reads). A zoomed map has a button to show the
whole world and back. The SVG is replaced only when it changed, so a rerun that draws the
same map costs the browser nothing.
"""

from __future__ import annotations

import json

import streamlit as st

from democdash.svgmap import SvgMap

_CSS = """
.dd-map { position: relative; font: 12px/1.4 "Source Sans", sans-serif; color: #262730; }
.dd-map svg { display: block; width: 100%; height: auto; }
.dd-map svg [data-iso3]:hover, .dd-map svg [data-iso3]:focus {
  fill-opacity: 0.7; stroke: #111; stroke-width: 1.2; outline: none; }
.dd-map .pt:focus { outline: none; stroke: #d55e00; stroke-width: 2; }
.dd-tip { position: absolute; display: none; pointer-events: none; z-index: 3;
  max-width: 22rem; padding: 0.3rem 0.5rem; background: #fff; border: 1px solid #8a8a8a;
  border-radius: 0.3rem; box-shadow: 0 1px 4px rgba(0,0,0,0.2); }
.dd-bar { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
.dd-bar .legend ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem;
  padding: 0; margin: 0.2rem 0 0; }
.dd-bar .sw { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem;
  vertical-align: -0.1rem; border: 1px solid #bbb; }
.dd-bar button { font: inherit; padding: 0.15rem 0.6rem; border: 1px solid #bbb;
  border-radius: 0.3rem; background: #fff; cursor: pointer; white-space: nowrap; }
"""

_JS = """
function label(el) {
  const t = el.querySelector("title");
  return t ? t.textContent : "";
}

function fit(svg) {
  // labels, markers and points keep their size on screen whatever the zoom and width
  const vb = svg.viewBox.baseVal;
  const px = svg.clientWidth || 900;
  const u = vb.width / px;
  svg.querySelectorAll(".lbl").forEach((t) => {
    t.style.fontSize = 12 * u + "px"; t.style.strokeWidth = 3 * u + "px"; });
  svg.querySelectorAll("circle.mk").forEach((c) => c.setAttribute("r", 4.5 * u));
  svg.querySelectorAll("circle.pt").forEach((c) => c.setAttribute("r", 3.5 * u));
  separate(svg, u);
}

function separate(svg, u) {
  // a label wider than its country would hide it (Belarus at world zoom, Hong Kong's
  // marker): it stands just above the country instead; then a label that would cover a
  // point (an event's place: Minsk lies under "Belarus") or one drawn before it moves down
  // below it (at world zoom, Hong Kong's and Myanmar's labels met); measured at the size on
  // screen, so on every fit
  const placed = Array.from(svg.querySelectorAll("circle.pt"), (c) => c.getBBox());
  svg.querySelectorAll(".lbl").forEach((t) => {
    t.removeAttribute("dy");
    let box = t.getBBox();
    let shift = 0;
    const code = t.dataset.for;
    const shape = svg.querySelector(`circle.mk[data-iso3="${code}"]`) ||
      svg.querySelector(`path[data-iso3="${code}"]`);
    const own = shape && shape.getBBox();
    if (own && box.width > own.width) {
      shift = own.y - 2 * u - (box.y + box.height);
      t.setAttribute("dy", shift);
      box = t.getBBox();
    }
    for (let tries = 0; tries < 8; tries++) {
      const hit = placed.find((b) => box.x < b.x + b.width && b.x < box.x + box.width &&
        box.y < b.y + b.height && b.y < box.y + box.height);
      if (!hit) break;
      shift += hit.y + hit.height - box.y + 4 * u;  // clear of the white halo as well
      t.setAttribute("dy", shift);
      box = t.getBBox();
    }
    placed.push(box);
  });
}

function setup(root) {
  const tip = root.querySelector(".dd-tip");
  const show = (el, x, y) => {
    tip.textContent = label(el);
    tip.style.display = "block";
    const box = root.getBoundingClientRect();
    let left = x - box.left + 12, top = y - box.top + 12;
    if (left + tip.offsetWidth > root.clientWidth) left = Math.max(0, left - tip.offsetWidth - 24);
    tip.style.left = left + "px"; tip.style.top = top + "px";
  };
  const target = (e) => e.target.closest && e.target.closest("[data-iso3], .pt");
  root.addEventListener("mousemove", (e) => {
    const el = target(e);
    if (el) show(el, e.clientX, e.clientY); else tip.style.display = "none";
  });
  root.addEventListener("mouseleave", () => { tip.style.display = "none"; });
  root.addEventListener("focusin", (e) => {
    const el = target(e);
    if (!el) return;
    const r = el.getBoundingClientRect();
    show(el, r.left + r.width / 2, r.top + r.height / 2);
  });
  root.addEventListener("focusout", () => { tip.style.display = "none"; });
  const pick = (el) => root._trigger && root._trigger("clicked", el.dataset.iso3);
  root.addEventListener("click", (e) => {
    const el = e.target.closest && e.target.closest("[data-iso3]");
    if (el) pick(el);
  });
  root.addEventListener("keydown", (e) => {
    const el = e.target.closest && e.target.closest("[data-iso3]");
    if (el && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); pick(el); }
  });
  const zoom = root.querySelector(".dd-zoom");
  zoom.addEventListener("click", () => {
    const svg = root.querySelector("svg");
    const toWorld = root.dataset.zoomed === "1";
    svg.setAttribute("viewBox", toWorld ? svg.dataset.world : root._view);
    root.dataset.zoomed = toWorld ? "0" : "1";
    zoom.textContent = toWorld ? "Back to the region" : "Show the whole world";
    fit(svg);
  });
  new ResizeObserver(() => { const s = root.querySelector("svg"); if (s) fit(s); }).observe(root);
}

// The map arrives as bytes: one JSON line (sig, legend, zoomed), then the SVG (see `payload`).
// Only the line is decoded while the signature is the one already drawn.
const NEWLINE = 10;
function header(bytes) {
  return JSON.parse(new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(NEWLINE))));
}
function svgOf(bytes) {
  return new TextDecoder().decode(bytes.subarray(bytes.indexOf(NEWLINE) + 1));
}

export default function ({ parentElement, data: bytes, setTriggerValue }) {
  const data = header(bytes);
  let root = parentElement.querySelector(".dd-map");
  if (!root) {
    root = document.createElement("div");
    root.className = "dd-map";
    root.innerHTML = '<div class="dd-svg"></div><div class="dd-tip" role="status"></div>' +
      '<div class="dd-bar"><div class="dd-legend"></div>' +
      '<button type="button" class="dd-zoom" hidden>Show the whole world</button></div>';
    parentElement.appendChild(root);
    setup(root);
  }
  root._trigger = setTriggerValue;
  if (root.dataset.sig !== data.sig) {
    root.querySelector(".dd-svg").innerHTML = svgOf(bytes);
    root.querySelector(".dd-legend").innerHTML = data.legend;
    root.dataset.sig = data.sig;
    const svg = root.querySelector("svg");
    root._view = svg.getAttribute("viewBox");
    const zoom = root.querySelector(".dd-zoom");
    zoom.hidden = !data.zoomed;
    zoom.textContent = "Show the whole world";
    root.dataset.zoomed = data.zoomed ? "1" : "0";
    fit(svg);
  }
}
"""

_component = st.components.v2.component("democdash_svg_map", css=_CSS, js=_JS)


def payload(drawn: SvgMap) -> bytes:
    """What the component is sent: a JSON line (the signature, the legend, whether the map is
    zoomed), then the SVG, as UTF-8 bytes. Streamlit forwards bytes as they are, where a dict
    was JSON-encoded twice a rerun (once to send, once sorted for the element's identity) and
    hashed: about 0.5 ms of every map page's rerun for 110 KB of SVG."""
    line = json.dumps(
        {
            "sig": drawn.signature,
            "legend": drawn.legend,
            "zoomed": drawn.view_box != drawn.world_box,
        }
    )
    return f"{line}\n{drawn.svg}".encode()


def unpack(sent: bytes) -> dict:
    """`payload` read back as the component's script reads it: the JSON line's fields and
    `svg`."""
    line, _, svg = sent.decode("utf-8").partition("\n")
    return {**json.loads(line), "svg": svg}


def svg_map(drawn: SvgMap, key: str) -> str | None:
    """Mount a drawn map; returns the ISO code of a country clicked (or picked with the
    keyboard) since the last run, else None."""
    result = _component(key=key, data=payload(drawn), on_clicked_change=lambda: None)
    return clicked_code(getattr(result, "clicked", None), drawn.countries)


def clicked_code(value: object, countries: tuple[str, ...]) -> str | None:
    """A click's value as an ISO code of a country on the map, else None (anything else a
    browser could send is ignored)."""
    if isinstance(value, str) and value.upper() in countries:
        return value.upper()
    return None
