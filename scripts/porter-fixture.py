#!/usr/bin/env python3
"""Writes Tests/Fixtures/porter-stems.tsv: every plain word of the sample content, and words
that exercise each rule, with the stem NLTK's Porter stemmer gives in its ORIGINAL_ALGORITHM
mode (the 1980 paper). Swift's stemmer is tested against the file, JavaScript's against
NLTK itself in make verify (scripts/browser_search.py).

    python3 -m pip install nltk && python3 scripts/porter-fixture.py
"""
import glob
import json
import os
import re

from nltk.stem.porter import PorterStemmer

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = """caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping
tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer
conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness
hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical
hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement
adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate
cease controll roll generalization oscillators us as is dying lying news abli ably agreement enement""".split()


def words():
    found = set(RULES)
    for path in glob.glob(os.path.join(REPO, "Content", "**", "*.json"), recursive=True):
        found.update(re.findall(r"[a-z]+", json.dumps(json.load(open(path, encoding="utf-8")), ensure_ascii=True).lower()))
    return sorted(w for w in found if len(w) > 1)


def main():
    stemmer = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
    with open(os.path.join(REPO, "Tests", "Fixtures", "porter-stems.tsv"), "w") as out:
        for word in words():
            out.write(f"{word}\t{stemmer.stem(word)}\n")


if __name__ == "__main__":
    main()
