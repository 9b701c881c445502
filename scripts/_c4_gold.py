import sys
from pathlib import Path
from ocrfix.bench.correct import clean_sentences
from ocrfix.confusables import load_confusables
from ocrfix.corrector import Corrector
from ocrfix.evidence import load_weights, Weights
from ocrfix.lm import correction_models
from ocrfix.protect import load_protected_terms, protected_mask
lm, ctx = correction_models(None, 'auto')
terms = load_protected_terms()
w = load_weights('word+context')
for thr in map(float, sys.argv[1:]):
    corr = Corrector(lm, load_confusables(), context=ctx, weights=Weights(w.profile, w.w, thr, w.follow))
    for g in clean_sentences(Path('golden')):
        for c in corr.find(g, protected_mask(g, terms)):
            print(thr, f"{c.before}->{c.after} {c.source} m={c.margin:.2f} ", g[max(0,c.pos-10):c.pos+10], c.evidence.describe())
