"""Offline fusion replay on a Dump.java output directory."""
import sys, math, collections
import numpy as np

import os
D = os.environ.get("DUMP") or sys.argv[1]
chunks = [l.rstrip('\n').split('\t') for l in open(f'{D}/chunks.tsv')]
ext = [c[2] for c in chunks]
N = len(chunks)
vecs = np.fromfile(f'{D}/vecs.f32', dtype='<f4').reshape(N, -1)
vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
qids = open(f'{D}/qids.txt').read().split('\n')
qids = [q for q in qids if q]
qv = np.fromfile(f'{D}/qvecs.f32', dtype='<f4').reshape(len(qids), -1)
qv = qv / np.linalg.norm(qv, axis=1, keepdims=True)
qrels = collections.defaultdict(dict)
for l in open(f'{D}/qrels.tsv'):
    q, d, g = l.split('\t'); qrels[q][d] = int(g)


def run(name):
    r = collections.defaultdict(list)
    for l in open(f'{D}/run-{name}.tsv'):
        q, i, s = l.split('\t'); r[q].append((int(i), float(s)))
    return r


def ndcg(docs, judged, k=10):
    dcg = sum(max(0, judged.get(d, 0)) / math.log2(i + 2) for i, d in enumerate(docs[:k]))
    ideal = sorted([g for g in judged.values() if g > 0], reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0


def docs_of(ranked, k=100):
    out, seen = [], set()
    for i in ranked:
        d = ext[i]
        if d not in seen:
            seen.add(d); out.append(d)
            if len(out) == k: break
    return out


def score(per_query):
    """per_query: q -> list of chunk idx best first. Returns mean nDCG@10 and per-query dict."""
    vals = {q: ndcg(docs_of(per_query[q]), qrels[q]) for q in qids}
    return sum(vals.values()) / len(qids), vals


def recall(per_query, k=100):
    t = 0
    for q in qids:
        rel = {d for d, g in qrels[q].items() if g > 0}
        got = set(docs_of(per_query[q], k))
        t += len(rel & got) / len(rel) if rel else 0
    return t / len(qids)


def ranked(scores):
    return [i for i, _ in sorted(scores.items(), key=lambda x: -x[1])]


def minmax(lst, lo=None):
    s = [x for _, x in lst]
    mn = min(s) if lo is None else lo
    mx = max(s)
    return {i: (x - mn) / (mx - mn) if mx > mn else 1.0 for i, x in lst}


EXACT = qv @ vecs.T  # cosine of every chunk


def convex(b, d, w=0.6, depth=900, exact_for=0, lo_b=None, lo_d=None):
    """min-max convex; exact_for: the top N bm25 chunks get their exact dense score if missing."""
    b = b[:depth]; d = d[:depth]
    nb = minmax(b, lo_b) if b else {}
    nd = minmax(d, lo_d) if d else {}
    f = collections.defaultdict(float)
    for i, x in nb.items(): f[i] += (1 - w) * x
    for i, x in nd.items(): f[i] += w * x
    return f, nb, nd


def fuse_all(B, Dn, **kw):
    return {q: ranked(convex(B.get(q, []), Dn.get(q, []), **kw)[0]) for q in qids}


if __name__ == '__main__':
    B = run('bm25'); Dn = run('dense'); H = run('hybrid')
    print('engine bm25', round(score({q: [i for i, _ in B[q]] for q in qids})[0], 4))
    print('engine dense', round(score({q: [i for i, _ in Dn[q]] for q in qids})[0], 4))
    print('engine hybrid', round(score({q: [i for i, _ in H[q]] for q in qids})[0], 4))
    print('replay hybrid', round(score(fuse_all(B, Dn))[0], 4))
