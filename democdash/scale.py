"""A deterministic, synthetic dataset at scale (default 10,000 events, 2,000 options,
1,000 articles across all countries) for performance work and tests.

Everything it writes is labelled synthetic; it is never mixed with the curated data.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import pycountry
import yaml

from democdash.vocab import EventType, Instrument, OptionStatus, Stance

SYNTHETIC_NOTE = "Synthetic record for scale testing; not drawn from any real source."


def _date(rng: random.Random) -> dict:
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    form = rng.random()
    if form < 0.5:
        return {"value": day.isoformat(), "text": day.strftime("%d %B %Y")}
    if form < 0.8:
        return {"value": day.strftime("%Y-%m"), "text": day.strftime("%B %Y")}
    if form < 0.95:
        return {"value": str(day.year), "text": str(day.year)}
    return {"basis": "not_stated"}


def generate(
    out_dir: Path,
    *,
    events: int = 10_000,
    options: int = 2_000,
    articles: int = 1_000,
    seed: int = 20201109,
) -> dict[str, int]:
    """Write a complete, valid data folder to `out_dir`; returns the counts written."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    codes = sorted(c.alpha_3 for c in pycountry.countries)
    focus = set(rng.sample(codes, 12))
    with (out_dir / "countries.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["iso3", "name", "role", "context", "alt_names"])
        for code in codes:
            role = "focus" if code in focus else rng.choice(["secondary", "mentioned"])
            name = pycountry.countries.get(alpha_3=code).name
            writer.writerow([code, name, role, SYNTHETIC_NOTE, ""])

    def source(article_no: int) -> dict:
        return {
            "article": f"art-{article_no:05d}",
            "paragraph": rng.randint(1, 12),
            "quote": f"synthetic quote {rng.randrange(10**6)} for scale testing",
        }

    article_rows = [
        {
            "id": f"art-{n:05d}",
            "title": f"Synthetic article {n}",
            "outlet": f"Synthetic outlet {n % 40}",
            "author": None,
            "source_type": rng.choice(["reporting", "analysis", "opinion", "official"]),
            "published": {"value": (date(2016, 1, 1) + timedelta(days=n * 3)).isoformat()},
            "paragraphs": 12,
        }
        for n in range(articles)
    ]
    actor_rows = [
        {
            "id": f"actor-{n:04d}",
            "name": f"Synthetic actor {n}",
            "kind": rng.choice(["person", "government", "party", "organisation", "movement"]),
            "country": rng.choice(codes),
            "role": rng.choice(["incumbent", "opposition", "external_backer", "mediator"]),
            "sources": [source(rng.randrange(articles))],
        }
        for n in range(max(50, events // 20))
    ]
    event_rows = [
        {
            "id": f"ev-{n:05d}",
            "date": _date(rng),
            "country": (where := rng.choice(codes)),
            "countries_involved": [where, rng.choice(codes)] if rng.random() < 0.3 else [where],
            "type": rng.choice(list(EventType)).value,
            "actors": [a["id"] for a in rng.sample(actor_rows, 2)],
            "summary": f"Synthetic event {n}.",
            "sources": [source(rng.randrange(articles)) for _ in range(rng.randint(1, 3))],
        }
        for n in range(events)
    ]
    sanction_rows = [
        {
            "id": f"sanction-{n:04d}",
            "imposed_by": [rng.choice(actor_rows)["id"]],
            "target_country": rng.choice(codes),
            "targets": [{"kind": "person", "name": f"Synthetic target {n}"}],
            "statuses": [
                {
                    "status": "in_force",
                    "as_of": {"value": str(rng.randint(2016, 2024))},
                    "source": source(rng.randrange(articles)),
                }
            ],
            "summary": f"Synthetic sanction {n}.",
        }
        for n in range(max(20, options // 10))
    ]
    risk_rows = [
        {
            "id": f"risk-{n:04d}",
            "title": f"Synthetic risk {n}",
            "description": SYNTHETIC_NOTE,
            "threatens_countries": [rng.choice(codes)],
            "sources": [source(rng.randrange(articles))],
        }
        for n in range(max(20, options // 10))
    ]
    option_rows = [
        {
            "id": f"opt-{n:05d}",
            "title": f"Synthetic option {n}",
            "instrument": rng.choice(list(Instrument)).value,
            "actors": [rng.choice(actor_rows)["id"]],
            "target": rng.choice(codes),
            "positions": [
                {
                    "holder": rng.choice(["author", rng.choice(actor_rows)["id"]]),
                    "stance": rng.choice(list(Stance)).value,
                    "source": source(rng.randrange(articles)),
                }
                for _ in range(rng.randint(1, 3))
            ],
            "statuses": [
                {
                    "status": rng.choice(list(OptionStatus)).value,
                    "as_of": {"value": str(year)},
                    "source": source(rng.randrange(articles)),
                }
                for year in sorted(rng.sample(range(2016, 2025), rng.randint(1, 3)))
            ],
            "rationale": SYNTHETIC_NOTE,
            "risks": [rng.choice(risk_rows)["id"]],
            "related_events": [rng.choice(event_rows)["id"]],
            "sanctions": [rng.choice(sanction_rows)["id"]] if rng.random() < 0.2 else [],
        }
        for n in range(options)
    ]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    files = {
        "articles": article_rows,
        "actors": actor_rows,
        "events": event_rows,
        "options": option_rows,
        "sanctions": sanction_rows,
        "risks": risk_rows,
    }
    for kind, rows in files.items():
        with (out_dir / f"{kind}.yaml").open("w", encoding="utf-8") as fh:
            yaml.dump(rows, fh, Dumper=dumper, sort_keys=False, allow_unicode=True)
    (out_dir / "dataset.yaml").write_text(
        yaml.safe_dump({"name": "synthetic scale fixture", "version": f"scale-{seed}"}),
        encoding="utf-8",
    )
    return {kind: len(rows) for kind, rows in files.items()} | {"countries": len(codes)}
