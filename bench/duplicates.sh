#!/usr/bin/env bash
# Duplicate detection benchmark (run by scripts/bench.sh; alone: bench/duplicates.sh).
# 1. Quality on the UN indicators repeated under several SDG targets (true pairs: identical English titles):
#    average precision, precision and recall per language, Jospar beside plain TF-IDF cosine (sklearn).
# 2. Speed on 20,000 indicator texts drawn from the real titles with variation (seeded): Jospar's
#    candidate search beside sklearn TfidfVectorizer + NearestNeighbors (cosine, brute, k=10), with the
#    recall of the UN repeats among the 20,000 for both. Writes bench/results/duplicates.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3  # Debian's python3 with python3-sklearn, whatever python3 is first on PATH
N=${BENCH_DUP_TEXTS:-20000}
SEED=${BENCH_DUP_SEED:-42}
data=$root/data/open-sdg-kz
export CCACHE_BASEDIR=$root
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target jospar_duplicates_bench >/dev/null
bin=$root/build/release/bench/duplicates/jospar_duplicates_bench
work=$(mktemp -d /tmp/jospar-dup.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p bench/results

ours_q=$("$bin" quality "$data")
ref_q=$($PY bench/duplicates/reference.py quality "$data")
$PY bench/duplicates/reference.py generate "$data" "$N" "$SEED" "$work/texts.tsv"
cut -f1,3 "$work/texts.tsv" >"$work/ours_in.tsv"
ours_s=$(/usr/bin/time -f '%e %U %S %M' -o "$work/ours.time" "$bin" speed "$work/ours_in.tsv" "$work/ours_pairs.tsv")
ref_s=$(/usr/bin/time -f '%e %U %S %M' -o "$work/ref.time" $PY bench/duplicates/reference.py speed "$work/texts.tsv" 10 "$work/ref_pairs.tsv")

$PY - "$ours_q" "$ref_q" "$ours_s" "$ref_s" "$work" "$data" "$N" "$SEED" <<'PY'
import itertools, json, sys, datetime, platform
ours_q, ref_q, ours_s, ref_s = (json.loads(a) for a in sys.argv[1:5])
work, data, n, seed = sys.argv[5], sys.argv[6], int(sys.argv[7]), int(sys.argv[8])
import yaml
en = yaml.safe_load(open(f"{data}/translations/en/global_indicators.yml", encoding="utf-8"))
by = {}
for k, v in en.items(): by.setdefault(v, []).append(k)
truth = {tuple(sorted(p)) for ks in by.values() for p in itertools.combinations(ks, 2)}
rows = [l.rstrip("\n").split("\t") for l in open(f"{work}/texts.tsv", encoding="utf-8")]
index = {(r[0], r[1]): i for i, r in enumerate(rows)}
want = set()
for lang in ("kk", "ru", "en"):
    for a, b in truth:
        if (lang, a) in index and (lang, b) in index:
            i, j = index[(lang, a)], index[(lang, b)]
            want.add((min(i, j), max(i, j)))
def found(path):
    got = set()
    for l in open(path):
        p = l.split("\t")
        got.add((int(p[0]), int(p[1])))
    return len(want & got)
def times(path):
    wall, user, sys_, rss = open(path).read().split()[-4:]
    return {"wall_s": float(wall), "cpu_s": round(float(user) + float(sys_), 2), "peak_rss_mb": round(int(rss) / 1024, 1)}
ours_t, ref_t = times(f"{work}/ours.time"), times(f"{work}/ref.time")
ours_rec, ref_rec = found(f"{work}/ours_pairs.tsv") / len(want), found(f"{work}/ref_pairs.tsv") / len(want)
speedup_cpu = ref_t["cpu_s"] / max(ours_t["cpu_s"], 1e-9)
speedup_wall = ref_t["wall_s"] / max(ours_t["wall_s"], 1e-9)
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
out = {"machine": {"cpu": cpu, "date": datetime.datetime.utcnow().strftime('%Y-%m-%d'), "kernel": platform.release()},
       "quality": {"jospar": ours_q["languages"], "jospar_across_languages": ours_q["across"], "tfidf_cosine_sklearn": ref_q},
       "speed": {"texts": n, "seed": seed, "un_repeat_pairs_in_set": len(want),
                 "jospar": {**ours_t, **ours_s, "un_repeat_recall": round(ours_rec, 4)},
                 "sklearn_tfidf_nearestneighbors_k10": {**ref_t, **ref_s, "un_repeat_recall": round(ref_rec, 4)},
                 "speedup_cpu": round(speedup_cpu, 1), "speedup_wall": round(speedup_wall, 1),
                 "targets": {"speedup": 5, "recall": "not below the reference"}}}
json.dump(out, open("bench/results/duplicates.json", "w"), indent=2, ensure_ascii=False)
print()
print("duplicates: UN indicator repeats (16 true pairs per language)")
print("Jospar AP: pair by pair; AP via 3rd: scores raised through a third text (WithTransitiveScores)")
print(f"{'lang':5} {'Jospar AP':>10} {'AP via 3rd':>11} {'P':>6} {'R':>6}   {'TF-IDF AP':>10} {'P@16':>6} {'R@16':>6}   target AP >= 0.95")
for lang in ("kk", "ru", "en"):
    o, r = ours_q["languages"][lang], ref_q[lang]
    print(f"{lang:5} {o['average_precision']:10.3f} {o['transitive_average_precision']:11.3f} {o['precision']:6.2f} {o['recall']:6.2f}   {r['average_precision']:10.3f} {r['precision_at_r']:6.2f} {r['recall_at_r']:6.2f}")
print("across languages: a title of one language against the other language's title of another indicator")
print("(32 true pairs: the 16 repeats in both orders); translation table learned from the catalogue's")
print("parallel texts with the indicators of the true pairs held out")
print(f"{'pair':9} {'Jospar AP':>10} {'P':>6} {'R':>6}   {'shared terms only AP':>21}   target AP >= 0.95")
for key, o in ours_q["across"].items():
    print(f"{key:9} {o['average_precision']:10.3f} {o['precision']:6.2f} {o['recall']:6.2f}   {o['shared_terms_only_average_precision']:21.3f}")
print(f"duplicates: {n} indicator texts (seed {seed}); UN repeat pairs among them: {len(want)}")
print(f"{'':34} {'wall s':>8} {'cpu s':>8} {'RSS MB':>8} {'UN recall':>10}")
print(f"{'Jospar (index + candidate search)':34} {ours_t['wall_s']:8.2f} {ours_t['cpu_s']:8.2f} {ours_t['peak_rss_mb']:8.1f} {ours_rec:10.3f}")
print(f"{'sklearn TF-IDF + NearestNeighbors':34} {ref_t['wall_s']:8.2f} {ref_t['cpu_s']:8.2f} {ref_t['peak_rss_mb']:8.1f} {ref_rec:10.3f}")
print(f"speed-up: {speedup_cpu:.1f}x CPU time, {speedup_wall:.1f}x wall time (target >= 5x, recall not below the reference)")
PY
