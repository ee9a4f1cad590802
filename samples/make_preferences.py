#!/usr/bin/env python3
"""Writes samples/preferences.csv: stated preferences for the sample intake, as people give them after browsing
profiles. Every third young person ranks 2 to 5 mentors of their own area whose sector is among their interests
(or any mentor of their area), and every fifth mentor ranks 1 to 3 young people of their area. Seeded: the same
files give the same preferences. Some choices are for people the rules do not allow (too far, no background
check): MatchEngine reports them with the rule that blocks them."""
import csv, math, random
from pathlib import Path

here = Path(__file__).parent
rng = random.Random(15)
mentors = list(csv.DictReader(open(here / "mentors.csv", newline="", encoding="utf-8")))
mentees = list(csv.DictReader(open(here / "mentees.csv", newline="", encoding="utf-8")))

def km(a, b):
    if not a["latitude"] or not b["latitude"]:
        return 0.0
    la1, lo1, la2, lo2 = map(math.radians, map(float, (a["latitude"], a["longitude"], b["latitude"], b["longitude"])))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))

rows = []
for i, e in enumerate(mentees):
    if i % 3:
        continue
    area = [m for m in mentors if m["region"] == e["region"]]
    interests = set(filter(None, e["interests"].split("|")))
    liked = [m for m in area if m["sector"] in interests] or area
    liked.sort(key=lambda m: (km(m, e) + rng.uniform(0, 40), m["id"]))
    for rank, m in enumerate(liked[: rng.randint(2, 5)], start=1):
        rows.append((e["id"], m["id"], rank))

for i, m in enumerate(mentors):
    if i % 5:
        continue
    area = [e for e in mentees if e["region"] == m["region"]]
    area.sort(key=lambda e: (km(m, e) + rng.uniform(0, 40), e["id"]))
    for rank, e in enumerate(area[: rng.randint(1, 3)], start=1):
        rows.append((m["id"], e["id"], rank))

with open(here / "preferences.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["chooser_id", "chosen_id", "rank"])
    w.writerows(rows)
print(f"wrote {len(rows)} preferences")
