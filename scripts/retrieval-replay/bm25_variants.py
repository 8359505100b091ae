from replay import *
import sys
B = run('bm25'); Dn = run('dense')
def lst(R): return {q: [i for i, _ in R[q]] for q in qids}
for name in sys.argv[1:]:
    R = run(name)
    print(f'{name:20s} bm25 {score(lst(R))[0]:.4f} hybrid {score(fuse_all(R, Dn))[0]:.4f}  R@100 {recall(fuse_all(R, Dn)):.4f}')
