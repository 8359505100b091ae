from replay import *
B = run('bm25'); Dn = run('dense'); H = run('hybrid')
def lst(R): return {q: [i for i, _ in R[q]] for q in qids}
print('engine bm25 %.4f dense %.4f hybrid %.4f replay %.4f' % (score(lst(B))[0], score(lst(Dn))[0], score(lst(H))[0], score(fuse_all(B, Dn))[0]))
ED = {q: sorted(((int(i), float(EXACT[k, i])) for i in np.argsort(-EXACT[k])[:900]), key=lambda x: -x[1]) for k, q in enumerate(qids)}
print('dense exact %.4f, hybrid with exact dense %.4f' % (score(lst(ED))[0], score(fuse_all(B, ED))[0]))
for name in ['all','all+head0.25','all+head0.5','all+head1.0','body+head0.25','body+head0.5','body+head1.0','bm25f1.0','bm25f2.0','bm25f3.0','sdm1-0.1','sdm1-0.25','sdm8-0.1','sdm8-0.25','sdm8-0.5']:
    R = run(name)
    print(f'{name:16s} bm25 {score(lst(R))[0]:.4f} hybrid {score(fuse_all(R, Dn))[0]:.4f}')
b100 = {q: set(docs_of(lst(B)[q],100)) for q in qids}
d100 = {q: set(docs_of(lst(Dn)[q],100)) for q in qids}
tot=neither=onlyb=onlyd=both=0
for q in qids:
    for d,g in qrels[q].items():
        if g<=0: continue
        tot+=1
        ib, idd = d in b100[q], d in d100[q]
        both+=ib and idd; onlyb+=ib and not idd; onlyd+=idd and not ib; neither+= not ib and not idd
print('relevant', tot, 'both', both, 'only bm25', onlyb, 'only dense', onlyd, 'neither', neither)
print('chunks/doc', N / len(set(ext)))
