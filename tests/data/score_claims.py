# Copied unchanged from the team's development key (shared/eval/score_claims.py): the scorer the
# project is measured with. Kept here so the quality gate needs nothing outside the repository.
#!/usr/bin/env python3
"""Score extracted numeric claims against a gold answer key.

usage: score_claims.py GOLD.jsonl CLAIMS.jsonl [--pairs PAIRS.jsonl] [--sections 1,2,intro] [--show] [--json]

Both files hold one JSON object per line with at least "lang" ("zh"/"en"),
"kind" and "value" (see README.md beside this file). Claims are compared per
language as (group, value) keys, in document order first (longest common
subsequence) and then regardless of order. Gold rows marked "optional" count
neither for nor against. Prints precision, recall and F1 per language and per
group, and exits 0. With --pairs (rows {"zh": claim id, "en": claim id}; the
claims then need "id"), it also scores the pairing: a predicted pair is right
when both of its claims match gold rows that carry the same gold pair id.
With --json, prints one JSON summary instead.
"""
import argparse, json, re, sys
from collections import Counter

GROUP = {"count": "Q", "money": "Q", "percent": "Q", "ratio": "Q", "duration": "Q", "fraction": "Q",
         "rank": "R", "ordinal": "R", "year": "T", "date": "T", "period": "T"}


def key(row):
    kind = row.get("kind")
    group = GROUP.get(kind)
    if group is None:
        return None  # identifiers and unknown kinds are not claims
    value = row.get("value")
    if group == "T":
        digits = re.findall(r"\d{4}", str(value))
        return (group, digits[0] if digits else str(value))
    try:
        number = float(value)
    except (TypeError, ValueError):
        return (group, str(value))
    if kind == "fraction" and number <= 1:
        number *= 100
    return (group, round(number, 6))


def section_of(row):
    return str(row.get("section") or "").split(".")[0]


def lcs_pairs(a, b):
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    i = j = 0
    pairs = []
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j)); i += 1; j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def match(gold, pred):
    """Map predicted rows to gold rows: returns {pred_index: gold_index}."""
    gk, pk = [key(g) for g in gold], [key(p) for p in pred]
    mapping = {j: i for i, j in lcs_pairs(gk, pk)}
    used = set(mapping.values())
    free = {}
    for i, k in enumerate(gk):
        if i not in used:
            free.setdefault(k, []).append(i)
    for j, k in enumerate(pk):
        if j not in mapping and free.get(k):
            mapping[j] = free[k].pop(0)
    return mapping


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(gold_rows, pred_rows, sections=None):
    result = {}
    for lang in ("zh", "en"):
        gold = [g for g in gold_rows if g["lang"] == lang and key(g) is not None]
        pred = [p for p in pred_rows if p.get("lang") == lang and key(p) is not None]
        if sections:
            gold = [g for g in gold if section_of(g) in sections]
            pred = [p for p in pred if section_of(p) in sections]
        mapping = match(gold, pred)
        tp, fp, fn = Counter(), Counter(), Counter()
        misses, extras = [], []
        for j, p in enumerate(pred):
            if j in mapping:
                if not gold[mapping[j]].get("optional"):
                    tp[key(p)[0]] += 1
            else:
                fp[key(p)[0]] += 1; extras.append(p)
        hit = set(mapping.values())
        for i, g in enumerate(gold):
            if i not in hit and not g.get("optional"):
                fn[key(g)[0]] += 1; misses.append(g)
        groups = {}
        for group in ("Q", "R", "T", "all"):
            t = sum(tp.values()) if group == "all" else tp[group]
            f = sum(fp.values()) if group == "all" else fp[group]
            n = sum(fn.values()) if group == "all" else fn[group]
            p_ = t / (t + f) if t + f else 1.0
            r_ = t / (t + n) if t + n else 1.0
            f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
            groups[group] = {"tp": t, "fp": f, "fn": n, "precision": round(p_, 4), "recall": round(r_, 4), "f1": round(f1, 4)}
        result[lang] = {"groups": groups, "misses": misses, "extras": extras}
    return result


def score_pairs(gold_rows, pred_rows, pair_rows, sections=None):
    """Precision/recall of zh-en claim pairs against the gold "pair" ids."""
    gold_of = {}  # (lang, predicted claim id) -> gold row
    for lang in ("zh", "en"):
        gold = [g for g in gold_rows if g["lang"] == lang and key(g) is not None]
        pred = [p for p in pred_rows if p.get("lang") == lang and key(p) is not None]
        if sections:
            gold = [g for g in gold if section_of(g) in sections]
            pred = [p for p in pred if section_of(p) in sections]
        for j, i in match(gold, pred).items():
            gold_of[(lang, pred[j].get("id"))] = gold[i]
    wanted = {g["pair"] for g in gold_rows if g.get("pair") and not g.get("optional") and key(g) is not None
              and (not sections or section_of(g) in sections)}
    wanted = {p for p in wanted if {g["lang"] for g in gold_rows if g.get("pair") == p} == {"zh", "en"}}
    ids = {(p.get("lang"), p.get("id")) for p in pred_rows if key(p) is not None}  # identifiers are not scored
    right, wrong, found = 0, [], set()
    for pr in pair_rows:
        if ("zh", pr.get("zh")) not in ids or ("en", pr.get("en")) not in ids:
            continue
        gz, ge = gold_of.get(("zh", pr.get("zh"))), gold_of.get(("en", pr.get("en")))
        if sections and not (gz or ge):
            continue  # both sides outside the scored sections
        if gz and ge and gz.get("pair") and gz.get("pair") == ge.get("pair"):
            if not gz.get("optional"):
                right += 1; found.add(gz["pair"])
        else:
            wrong.append((pr, gz, ge))
    missed = sorted(wanted - found, key=lambda p: (p[0], int(re.sub(r"\D", "", p) or 0)))
    p_ = right / (right + len(wrong)) if right + len(wrong) else 1.0
    r_ = len(found & wanted) / len(wanted) if wanted else 1.0
    f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
    return {"pairs": {"right": right, "wrong": len(wrong), "missed": len(wanted - found), "precision": round(p_, 4),
                      "recall": round(r_, 4), "f1": round(f1, 4)}, "wrong": wrong, "missed": missed}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold"); ap.add_argument("claims")
    ap.add_argument("--pairs", help="pairs.jsonl to score as well")
    ap.add_argument("--sections", help="comma-separated top-level sections to score (e.g. intro,1,2)")
    ap.add_argument("--show", action="store_true", help="list misses and extras")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sections = set(args.sections.split(",")) if args.sections else None
    gold_rows, pred_rows = load(args.gold), load(args.claims)
    result = score(gold_rows, pred_rows, sections)
    paired = score_pairs(gold_rows, pred_rows, load(args.pairs), sections) if args.pairs else None
    if args.json:
        summary = {lang: r["groups"] for lang, r in result.items()}
        if paired:
            summary["pairs"] = paired["pairs"]
        print(json.dumps(summary)); return
    names = {"Q": "quantities", "R": "ranks/ordinals", "T": "dates/years", "all": "all"}
    for lang, r in result.items():
        for group, s in r["groups"].items():
            print(f"{lang} {names[group]:15} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
        if args.show:
            for g in r["misses"]:
                print(f"  missed {lang} [{g.get('section')}] {g.get('text')!r} {g['kind']}={g['value']}")
            for p in r["extras"]:
                print(f"  extra  {lang} [{p.get('section')}] {p.get('text')!r} {p.get('kind')}={p.get('value')}")
    if paired:
        s = paired["pairs"]
        print(f"pairs P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  (right {s['right']}, wrong {s['wrong']}, missed {s['missed']})")
        if args.show:
            for pr, gz, ge in paired["wrong"]:
                print(f"  wrong pair {pr.get('zh')} ~ {pr.get('en')}: gold {gz and gz.get('text')!r} ({gz and gz.get('pair')}) ~ {ge and ge.get('text')!r} ({ge and ge.get('pair')})")
            for p in paired["missed"]:
                print(f"  missed pair {p}")


if __name__ == "__main__":
    main()
