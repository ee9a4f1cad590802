#!/usr/bin/env python3
"""Writes samples/mentors.csv and samples/mentees.csv: a realistic, seeded intake of about 200 mentors and
300 young people across the programme's four areas plus remote towns, exercising every hard rule.
Run from the repository root: python3 samples/make_samples.py (output is the same for the same seed)."""
import csv, random, datetime, os

AS_OF = datetime.date(2026, 9, 1)
rng = random.Random(20260901)
AREAS = {
    "West Midlands": [("Birmingham", 52.4862, -1.8904), ("Telford", 52.6784, -2.4453), ("Wolverhampton", 52.5862, -2.1288), ("Coventry", 52.4068, -1.5197)],
    "Cardiff Capital Region": [("Cardiff", 51.4816, -3.1791), ("Newport", 51.5842, -2.9977), ("Caerphilly", 51.5750, -3.2180)],
    "Greater Manchester": [("Manchester", 53.4808, -2.2426), ("Oldham", 53.5409, -2.1114), ("Salford", 53.4875, -2.2901), ("Wigan", 53.5450, -2.6325)],
    "East London": [("Hackney", 51.5450, -0.0553), ("Newham", 51.5255, 0.0352), ("Tower Hamlets", 51.5203, -0.0293), ("Dagenham", 51.5397, 0.1480)],
}
REMOTE = {"Powys": ("Llandrindod Wells", 52.2420, -3.3790), "South Yorkshire": ("Rotherham", 53.4326, -1.3635), "North East": ("Sunderland", 54.9069, -1.3838)}
ETHNICITY = {
    "West Midlands": [("white", 55), ("asian", 25), ("black", 10), ("mixed", 6), ("other", 4)],
    "Cardiff Capital Region": [("white", 80), ("asian", 8), ("black", 4), ("mixed", 5), ("other", 3)],
    "Greater Manchester": [("white", 70), ("asian", 17), ("black", 6), ("mixed", 4), ("other", 3)],
    "East London": [("white", 30), ("asian", 35), ("black", 22), ("mixed", 7), ("other", 6)],
    "Powys": [("white", 95), ("asian", 2), ("mixed", 2), ("other", 1)],
    "South Yorkshire": [("white", 85), ("asian", 8), ("black", 3), ("mixed", 3), ("other", 1)],
    "North East": [("white", 92), ("asian", 4), ("black", 1), ("mixed", 2), ("other", 1)],
}
SECTORS = ["engineering", "finance", "health", "law", "education", "technology", "media", "public-sector", "retail", "construction"]
LANGS = ["english", "welsh", "urdu", "punjabi", "bengali", "polish", "somali", "arabic", "gujarati"]
PARTNERS = ["Hamstead Hall Academy", "Telford College", "Cardiff and Vale College", "Oldham Sixth Form College", "Newham Collegiate", "The Prince's Trust", "Youth Employment UK", "Wigan Youth Zone"]

def pick(weights):
    items, w = zip(*weights)
    return rng.choices(items, w)[0]

def birth(age_min, age_max):
    age = rng.randint(age_min, age_max)
    d = AS_OF.replace(year=AS_OF.year - age) - datetime.timedelta(days=rng.randint(1, 364))
    return d

def place(region, spread_km=12.0, missing=0.06):
    if region in REMOTE:
        town, lat, lon = REMOTE[region]
    else:
        town, lat, lon = rng.choice(AREAS[region])
    if rng.random() < missing:
        return "", ""
    dlat = rng.gauss(0, spread_km / 111.0 / 1.5)
    dlon = rng.gauss(0, spread_km / 70.0 / 1.5)
    return f"{lat + dlat:.4f}", f"{lon + dlon:.4f}"

def modes(weights):
    return pick(weights)

regions = list(AREAS)
mentors = []
for i in range(1, 201):
    region = rng.choices(regions + list(REMOTE), [30, 20, 25, 30, 2, 3, 2])[0]
    lat, lon = place(region)
    eth = pick(ETHNICITY[region]) if rng.random() < 0.92 else ""
    ses = pick([("professional", 55), ("intermediate", 30), ("working-class", 15)]) if rng.random() < 0.9 else ""
    m = dict(id=f"MR{i:04d}", birth_date=birth(27, 68).isoformat(), region=region, latitude=lat, longitude=lon,
             modes=modes([("hybrid", 30), ("face-to-face|hybrid", 25), ("hybrid|virtual", 20), ("face-to-face|hybrid|virtual", 15), ("virtual", 6), ("face-to-face", 4)]),
             capacity=pick([("1", 68), ("2", 22), ("3", 10)]),
             training_complete=pick([("yes", 93), ("no", 7)]), dbs_checked=pick([("yes", 55), ("no", 45)]),
             ethnicity=eth, socioeconomic=ses, gender=pick([("female", 52), ("male", 46), ("non-binary", 2)]),
             sector=rng.choice(SECTORS),
             languages="|".join(["english"] + ([rng.choice(LANGS[1:])] if rng.random() < 0.3 else [])))
    mentors.append(m)
# Boundary cases for the age rule: exactly 26 on the as-of date (eligible) and 25 (not).
mentors[0]["birth_date"] = "2000-09-01"
mentors[1]["birth_date"] = "2000-09-02"
mentors[1]["training_complete"] = "yes"

mentees = []
for i in range(1, 301):
    region = rng.choices(regions + list(REMOTE), [28, 18, 25, 29, 3, 4, 3])[0]
    lat, lon = place(region, missing=0.05)
    under18 = rng.random() < 0.17
    age_lo, age_hi = (11, 17) if under18 else (18, 25)
    bd = birth(age_lo, age_hi)
    if under18:
        md = modes([("face-to-face", 55), ("face-to-face|hybrid", 25), ("face-to-face|hybrid|virtual", 12), ("virtual", 8)])
    else:
        md = modes([("hybrid", 30), ("face-to-face|hybrid", 20), ("hybrid|virtual", 25), ("face-to-face|hybrid|virtual", 15), ("virtual", 7), ("face-to-face", 3)])
    eth = pick(ETHNICITY[region]) if rng.random() < 0.9 else ""
    ses = pick([("working-class", 60), ("intermediate", 30), ("professional", 10)]) if rng.random() < 0.85 else ""
    langs = ["english"] + ([rng.choice(LANGS[1:])] if rng.random() < 0.35 else [])
    pref = pick([("female", 12), ("male", 6), ("", 82)])
    mentees.append(dict(id=f"ME{i:04d}", birth_date=bd.isoformat(), region=region, latitude=lat, longitude=lon, modes=md,
                        unmet_needs=pick([("yes", 61), ("no", 39)]), ethnicity=eth, socioeconomic=ses,
                        gender=pick([("female", 50), ("male", 48), ("non-binary", 2)]),
                        interests="|".join(rng.sample(SECTORS, rng.randint(0, 3))), languages="|".join(langs),
                        preferred_mentor_gender=pref, partner=rng.choice(PARTNERS)))
# Boundary cases for the mentee age rule and the 18+ rule for remote modes.
mentees[0].update(birth_date="2015-09-01", modes="face-to-face")   # exactly 11: eligible
mentees[1].update(birth_date="2000-09-02", modes="hybrid")         # exactly 25: eligible
mentees[2].update(birth_date="2015-09-02", modes="face-to-face")   # 10: too young
mentees[3].update(birth_date="2000-09-01", modes="hybrid")         # 26: too old
mentees[4].update(birth_date="2009-03-14", modes="virtual")        # 17, virtual only: no mode allowed

here = os.path.dirname(os.path.abspath(__file__))
for name, rows in (("mentors.csv", mentors), ("mentees.csv", mentees)):
    with open(os.path.join(here, name), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
print("wrote", len(mentors), "mentors and", len(mentees), "mentees")

# The same people as a UK spreadsheet export has them (samples/uk/): human headers, dd/MM/yyyy dates, CRLF, and
# made-up names and e-mail addresses for the mail-merge (--carry). Read it with:
#   matchengine match --mentors samples/uk/mentors.csv --mentees samples/uk/mentees.csv -o out --date-format dd/MM/yyyy --carry first_name,last_name,email
FIRST = ["Aisha", "Ben", "Chloe", "Dylan", "Efua", "Femi", "Grace", "Harpreet", "Ieuan", "Jade", "Kofi", "Leah", "Mohammed", "Niamh", "Owain", "Priya", "Rhys", "Sana", "Tomasz", "Zoë-Siân"]
LAST = ["Ahmed", "Begum", "Davies", "Evans", "Hughes", "Jones", "Khan", "Kowalski", "Mensah", "Nowak", "Okafor", "Patel", "Roberts", "Singh", "Smith", "Taylor", "Thomas", "Williams"]
HUMAN = {"birth_date": "Date of Birth", "modes": "Meeting modes", "training_complete": "Training complete", "dbs_checked": "DBS checked", "unmet_needs": "Unmet needs"}
names = random.Random(20261127)
os.makedirs(os.path.join(here, "uk"), exist_ok=True)
for name, rows in (("mentors.csv", mentors), ("mentees.csv", mentees)):
    out = []
    for r in rows:
        first, last = names.choice(FIRST), names.choice(LAST)
        y, m, d = r["birth_date"].split("-")
        uk = {HUMAN.get(k, k): v for k, v in r.items()}
        uk["Date of Birth"] = f"{d}/{m}/{y}"
        uk.update(first_name=first, last_name=last, email=f"{first.lower()}.{last.lower()}.{r['id'].lower()}@example.org")
        out.append(uk)
    with open(os.path.join(here, "uk", name), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(out[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(out)
print("wrote samples/uk/ (the same people as a UK export, with names)")
