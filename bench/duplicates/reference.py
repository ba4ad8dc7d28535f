#!/usr/bin/python3
"""Reference and data for the duplicate detection benchmark (bench/duplicates.sh).

  duplicates_reference.py quality OPEN_SDG_DIR            plain TF-IDF cosine (sklearn) on the UN repeats, JSON
  duplicates_reference.py generate OPEN_SDG_DIR N SEED OUT  N indicator texts drawn from the real titles, TSV
  duplicates_reference.py speed TEXTS.tsv K               TfidfVectorizer + NearestNeighbors (cosine, brute), JSON

Uses Debian's python3-sklearn and python3-yaml (run with /usr/bin/python3).
"""
import itertools, json, random, sys, time

import yaml

LANGS = ["kk", "ru", "en"]


def titles(d, lang):
    t = yaml.safe_load(open(f"{d}/translations/{lang}/global_indicators.yml", encoding="utf-8"))
    return {k: str(v) for k, v in t.items()}


def truth(d):
    en = titles(d, "en")
    by = {}
    for k, v in en.items():
        by.setdefault(v, []).append(k)
    return {tuple(sorted(p)) for ks in by.values() for p in itertools.combinations(ks, 2)}, set(en)


def quality(d):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import average_precision_score
    from sklearn.metrics.pairwise import cosine_similarity
    pairs, en_keys = truth(d)
    out = {}
    for lang in LANGS:
        t = titles(d, lang)
        keys = sorted(k for k in t if k in en_keys)
        s = cosine_similarity(TfidfVectorizer().fit_transform([t[k] for k in keys]))
        y, sc = [], []
        for i, j in itertools.combinations(range(len(keys)), 2):
            y.append((keys[i], keys[j]) in pairs)
            sc.append(s[i, j])
        top = sorted(zip(sc, y), key=lambda p: -p[0])[: len(pairs)]
        r_prec = sum(p[1] for p in top) / len(pairs)
        out[lang] = {"texts": len(keys), "true_pairs": len(pairs), "average_precision": round(average_precision_score(y, sc), 4),
                     "precision_at_r": round(r_prec, 4), "recall_at_r": round(r_prec, 4)}
    print(json.dumps(out))


def generate(d, n, seed, path):
    """The real titles of the three languages (so the UN repeats are in the set), then variations of
    them up to n texts: words dropped or swapped, a span replaced by a span of another title of the same
    language, numbers changed. Deterministic for a seed."""
    rnd = random.Random(seed)
    real = [(lang, k, v.replace("\n", " ").replace("\t", " ")) for lang in LANGS for k, v in sorted(titles(d, lang).items())]
    by_lang = {lang: [r for r in real if r[0] == lang] for lang in LANGS}
    rows = [(lang, k, v) for lang, k, v in real]
    while len(rows) < n:
        lang, k, v = rnd.choice(real)
        w = v.split()
        for _ in range(rnd.randint(1, 3)):
            op = rnd.random()
            if op < 0.3 and len(w) > 4:
                del w[rnd.randrange(len(w))]
            elif op < 0.5 and len(w) > 2:
                i = rnd.randrange(len(w) - 1)
                w[i], w[i + 1] = w[i + 1], w[i]
            elif op < 0.9:
                other = rnd.choice(by_lang[lang])[2].split()
                a = rnd.randrange(len(w))
                b = min(len(w), a + rnd.randint(2, 6))
                c = rnd.randrange(len(other))
                w[a:b] = other[c:c + rnd.randint(2, 6)]
            else:
                w.append(str(rnd.choice([5, 10, 12, 15, 18, 24, 100, 1000, 2030])))
        rows.append((lang, f"synthetic-{len(rows)}", " ".join(w)))
    with open(path, "w", encoding="utf-8") as f:
        for lang, k, v in rows:
            f.write(f"{lang}\t{k}\t{v}\n")


def speed(path, k):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")]
    texts = [r[2] for r in rows]
    t0 = time.perf_counter()
    x = TfidfVectorizer().fit_transform(texts)
    nn = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(x)
    dist, idx = nn.kneighbors(x)
    t1 = time.perf_counter()
    found = set()
    for i, row in enumerate(idx):
        for j in row:
            if j != i:
                found.add((min(i, int(j)), max(i, int(j))))
    print(json.dumps({"texts": len(texts), "total_s": round(t1 - t0, 4), "pairs": len(found)}))
    return found


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "quality":
        quality(sys.argv[2])
    elif cmd == "generate":
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif cmd == "speed":
        found = speed(sys.argv[2], int(sys.argv[3]))
        if len(sys.argv) > 4:
            with open(sys.argv[4], "w") as f:
                for a, b in sorted(found):
                    f.write(f"{a}\t{b}\n")
