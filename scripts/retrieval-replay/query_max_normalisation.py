from replay import *
B = run('bm25'); Dn = run('dense')
qmax = {l.split('\t')[0]: float(l.split('\t')[1]) for l in open(f'{D}/qmax.tsv')}
def fuse(b, d, w, bmode, dmode, q):
    f = collections.defaultdict(float)
    if b:
        s = [x for _, x in b]; mn, mx = min(s), max(s)
        for i, x in b:
            if bmode == 'mm': v = (x-mn)/(mx-mn) if mx>mn else 1
            elif bmode == 'qmax': v = (x-mn)/(qmax[q]-mn)
            elif bmode == 'qmax0': v = x/qmax[q]
            elif bmode == 'sqrt': v = ((x-mn)/(mx-mn))*math.sqrt(mx/qmax[q])
            f[i] += (1-w)*v
    if d:
        s = [x for _, x in d]; mn, mx = min(s), max(s)
        for i, x in d:
            if dmode == 'mm': v = (x-mn)/(mx-mn) if mx>mn else 1
            elif dmode == 'one': v = (x-mn)/(1-mn)
            f[i] += w*v
    return ranked(f)
import sys
for bmode in ["mm", "qmax", "qmax0", "sqrt"]:
    for dmode in ['mm','one']:
        for w in [0.4,0.5,0.6]:
            per = {q: fuse(B.get(q,[]), Dn.get(q,[]), w, bmode, dmode, q) for q in qids}
            print(bmode, dmode, w, round(score(per)[0],4))
