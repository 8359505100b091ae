from replay import *
B = run('bm25'); Dn = run('dense')
def lst(R): return {q: [i for i, _ in R[q]] for q in qids}
def show(name, per): print(f'{name:50s} {score(per)[0]:.4f}  R@100 {recall(per):.4f}')
show('base', fuse_all(B, Dn))
for dep in [100, 300]:
    show(f'depth {dep}', fuse_all(B, Dn, depth=dep))
show('lo_b=0', fuse_all(B, Dn, lo_b=0))
for lod in [0.0, 0.3, 0.5]:
    show(f'lo_b=0 lo_d={lod}', fuse_all(B, Dn, lo_b=0, lo_d=lod))
# doc-level fusion: per list, doc score = max chunk; normalise over docs; fuse; doc order
def docfuse(b, d, w=0.6, agg='max', eps=0.0):
    def docs(lst):
        m = collections.defaultdict(list)
        for i, s in lst: m[ext[i]].append(s)
        out = {}
        for k, v in m.items():
            v.sort(reverse=True)
            out[k] = v[0] + eps * sum(v[1:])
        return out
    db, dd = docs(b), docs(d)
    def mm(x):
        mn, mx = min(x.values()), max(x.values())
        return {k: (v-mn)/(mx-mn) if mx>mn else 1 for k, v in x.items()}
    nb, nd = mm(db), mm(dd)
    f = collections.defaultdict(float)
    for k, v in nb.items(): f[k] += (1-w)*v
    for k, v in nd.items(): f[k] += w*v
    return [k for k, _ in sorted(f.items(), key=lambda x: -x[1])]
def dscore(fn):
    return sum(ndcg(fn(q), qrels[q]) for q in qids)/len(qids)
print('docfuse max', round(dscore(lambda q: docfuse(B[q], Dn[q])),4))
for eps in [0.1, 0.3]:
    print('docfuse max+eps', eps, round(dscore(lambda q: docfuse(B[q], Dn[q], eps=eps)),4))
# oracle per-query best weight
best=0
for q in qids:
    best += max(ndcg(docs_of(ranked(convex(B[q], Dn[q], w=w)[0])), qrels[q]) for w in [0.0,0.2,0.4,0.6,0.8,1.0])
print('oracle per-query w', round(best/len(qids),4))
