from replay import *
B = run('bm25'); Dn = run('dense')
def agg(q, eps, mode):
    f, nb, nd = convex(B.get(q, []), Dn.get(q, []))
    per = collections.defaultdict(list)
    for i, s in f.items(): per[ext[i]].append(s)
    out = {}
    for d, v in per.items():
        v.sort(reverse=True)
        if mode == 'sum': out[d] = v[0] + eps * sum(v[1:])
        elif mode == 'second': out[d] = v[0] + eps * (v[1] if len(v) > 1 else 0)
        elif mode == 'mean': out[d] = (1-eps)*v[0] + eps*sum(v)/len(v)
    return [d for d, _ in sorted(out.items(), key=lambda x: -x[1])]
def dscore(fn): return sum(ndcg(fn(q), qrels[q]) for q in qids)/len(qids)
print('max', round(dscore(lambda q: agg(q, 0, 'sum')), 4))
for mode in ['sum','second','mean']:
    for eps in [0.05, 0.1, 0.2, 0.3]:
        print(mode, eps, round(dscore(lambda q: agg(q, eps, mode)), 4))
