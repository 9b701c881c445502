"""How well the fluency model tells true junctions from random ones, on golden text.

Why: the layout stages' thresholds assume that a cut inside running text gains more from
being read on than a cut glued to an unrelated text. This measures it: 1,000 junctions
cut at random inside golden paragraphs (true) and 1,000 with the right side taken from
another random place (random); prints, per threshold, the share of each above it.

    python scripts/measure_junctions.py [--fluency-lm auto|PATH]
"""

from __future__ import annotations

import glob
import random
import sys

from ocrfix.fluency import fluency


def main(setting: str = "auto") -> None:
    fl = fluency(setting)
    if fl is None:
        sys.exit("no fluency model installed (libime-data-language-model + kenlm)")
    text = "".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob("golden/*.txt")))
    paras = [p for p in text.split("\n") if len(p) > 40]
    rng = random.Random(1)
    true, rand = [], []
    for _ in range(1000):
        p = rng.choice(paras)
        k = rng.randrange(10, len(p) - 10)
        true.append(fl.gain(p[:k], p[k:]))
        q = rng.choice(paras)
        rand.append(fl.gain(p[:k], q[rng.randrange(10, len(q) - 10):]))
    print("gain >   true   random")
    for th in (-2, -1, 0, 1, 2, 3):
        print(f"{th:6}  {sum(t > th for t in true) / len(true):6.3f}  "
              f"{sum(t > th for t in rand) / len(rand):6.3f}")


if __name__ == "__main__":
    main(*(sys.argv[2:3] if len(sys.argv) > 2 and sys.argv[1] == "--fluency-lm" else []))
