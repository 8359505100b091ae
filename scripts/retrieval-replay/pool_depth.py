from replay import *
B = run('bm25'); Dn = run('dense')
qi = {q: k for k, q in enumerate(qids)}
def fill(q, dep):
    b = B.get(q, [])[:dep]; d = Dn.get(q, [])[:dep]
    bfull = dict(B.get(q, []))
    pool = {i for i, _ in b} | {i for i, _ in d}
    # every pool chunk gets both its exact scores; normalise over the pool by each list's own min/max
    bs = {i: bfull.get(i, 0.0) for i in pool}
    ds_ = {i: float(EXACT[qi[q], i]) for i in pool}
    def mm(x):
        mn, mx = min(x.values()), max(x.values())
        return {k: (v-mn)/(mx-mn) if mx>mn else 1 for k, v in x.items()}
    nb, nd = mm(bs), mm(ds_)
    return ranked({i: 0.4*nb[i] + 0.6*nd[i] for i in pool})
def fill2(q, dep):
    # as now (missing = 0), but missing dense filled with exact cosine normalised by the dense list's min-max (clipped at 0)
    b = B.get(q, [])[:dep]; d = Dn.get(q, [])[:dep]
    f, nb, nd = convex(b, d, depth=dep)
    dmn = min(x for _, x in d); dmx = max(x for _, x in d)
    bfull = dict(B.get(q, []))
    bmn = min(x for _, x in b) if b else 0; bmx = max(x for _, x in b) if b else 1
    for i in list(f):
        if i not in nd: f[i] += 0.6*max(0,(EXACT[qi[q], i]-dmn)/(dmx-dmn))
        if i not in nb and b: f[i] += 0.4*max(0,(bfull.get(i,0)-bmn)/(bmx-bmn))
    return ranked(f)
for dep in [10, 30, 50, 100, 300, 900]:
    base = score(fuse_all(B, Dn, depth=dep))[0]
    a = score({q: fill(q, dep) for q in qids})[0]
    b2 = score({q: fill2(q, dep) for q in qids})[0]
    print(dep, f'base {base:.4f} pool-exact-renorm {a:.4f} fill-missing {b2:.4f}')
