#!/usr/bin/env python3
"""Writes a deterministic synthetic Digest content folder for benchmarks.

    generate.py OUT_DIR --days D --per-day N [--seed S] [--start 2024-01-01]

Sentences draw on 40 common words and a long tail of 30,000 rarer ones; authors draw on
120,000 names in three scripts, a few of them on many papers. Four abstracts in five carry
TeX (math, accents, \\emph, now and then the code's \\url), some titles math and subtitles;
each day is three collector runs in three files written three ways (the object form with
a day, an array with timestamps and \\u escapes, a timestamp whose offset crosses midnight). Each paper has a 2.5–3.5 kB Markdown summary (the four usual sections, and now and then a
table, a list, inline code, a footnote and TeX math), four highlights and a 1 kB
abstract, like the papers a real collector saves. The same arguments always give the
same bytes, so timings compare across runs and machines.
"""

import argparse
import datetime
import itertools
import json
import os
import random

TOPICS = ["Language Models", "Computer Vision", "Generative Models", "Reinforcement Learning", "Robotics",
          "Efficient ML", "Graph Learning", "Speech & Audio", "AI Safety", "Theory", "Optimization", "Datasets"]
FIRST = ["Ada", "Bo", "Chen", "Dana", "Emil", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kenji", "Lea", "Mateo",
         "Nia", "Oskar", "Priya", "Quinn", "Rafael", "Sofia", "Tomás", "Uma", "Viktor", "Wen", "Xavier", "Yara", "Zoë"]
LAST = ["Abe", "Berg", "Castro", "Dahl", "Eze", "Fischer", "García", "Haddad", "Ivanova", "Jensen", "Kowalski", "Laurent",
        "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi", "Sato", "Tanaka", "Ueda", "Varga", "Weber", "Yılmaz", "Zhang"]
WORDS = ("model method training data attention token layer sparse dense retrieval benchmark policy reward agent graph node "
         "diffusion sampler latent encoder decoder robust efficient scaling loss gradient memory context vision language "
         "speech audio robot control safety alignment theory bound convergence kernel inference latency throughput").split()
NOUNS = ["Attention", "Diffusion", "Retrieval", "Policies", "Graphs", "Tokens", "Kernels", "Agents", "Rewards", "Priors"]


# A long tail of rarer words, like a real abstract's: made of syllables, drawn with Zipf-like
# weights, so a search index and related papers see terms of every frequency (not only the
# 40 above). 30,000 of them: a year of real arXiv abstracts and summaries has a vocabulary
# of that order, and a smaller one makes every rare word far too common.
SYLLABLES = "ka ro mi ten sa lu vor en di pra to ne sil ga mor u thi bel qua dex".split()
TAIL = sorted({a + b + c + d for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES for d in SYLLABLES[:8]})[::2][:30000]
TAIL_WEIGHTS = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(TAIL))))

# Authors as on arXiv: a few write many papers, most one or two. An author's rank draws
# from 120,000 with weight 1 / (rank + 200); the name is made from the rank, in Latin
# script with accents, in Chinese characters or in Cyrillic.
AUTHOR_POOL = 120_000
AUTHOR_WEIGHTS = list(itertools.accumulate(1 / (rank + 200) for rank in range(AUTHOR_POOL)))
HAN_FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
HAN_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
CYRILLIC_FIRST = ["Иван", "Анна", "Дмитрий", "Ольга", "Сергей", "Мария", "Алексей", "Елена"]
CYRILLIC_LAST = ["Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов", "Волкова"]


def author_name(rank):
    if rank % 10 == 3:
        return HAN_FAMILY[rank // 10 % 20] + HAN_GIVEN[rank // 200 % 24] + HAN_GIVEN[rank // 4800 % 24]
    if rank % 10 == 7:
        return f"{CYRILLIC_FIRST[rank // 10 % 8]} {CYRILLIC_LAST[rank // 80 % 10]}-{SYLLABLES[rank // 800 % 20].capitalize()}{SYLLABLES[rank // 16000 % 20]}"
    last = LAST[rank % 25] if rank < 25 * 26 else SYLLABLES[rank % 20].capitalize() + SYLLABLES[rank // 20 % 20] + LAST[rank // 400 % 25].lower()
    return f"{FIRST[rank // 25 % 26]} {last}"


def word(rng):
    return rng.choice(WORDS) if rng.random() < 0.6 else rng.choices(TAIL, cum_weights=TAIL_WEIGHTS)[0]


def sentence(rng, low=8, high=18):
    words = [word(rng) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def summary(rng):
    """A Markdown summary of 2.5–3.5 kB, in the shape collectors produce."""
    target = rng.randint(2500, 3500)
    parts = ["## Summary\n\n" + paragraph(rng, 4)]
    method = "## Methodology\n\n" + paragraph(rng, 3)
    if rng.random() < 0.4:
        method += "\n\n- " + "\n- ".join(sentence(rng, 5, 10) for _ in range(3))
    if rng.random() < 0.3:
        method += f"\n\nThe objective is $\\mathcal{{L}} = \\sum_i \\ell(x_i, y_i) + \\lambda \\|w\\|_2^2$ with `lr={rng.choice([1, 3, 5])}e-4`."
    parts.append(method)
    results = "## Results\n\n" + paragraph(rng, 3)
    if rng.random() < 0.35:
        rows = "\n".join(f"| {rng.choice(NOUNS)} | {rng.uniform(50, 90):.1f} | {rng.uniform(50, 95):.1f} |" for _ in range(4))
        results += "\n\n| Setting | Baseline | Ours |\n|---|---:|---:|\n" + rows
    if rng.random() < 0.2:
        results += "\n\nThe gain holds across seeds.[^1]\n\n[^1]: Five seeds, standard deviation below 0.3."
    parts.append(results)
    parts.append("## Implications\n\n" + paragraph(rng, 3))
    text = "\n\n".join(parts)
    while len(text.encode()) < target:
        text += " " + sentence(rng)
    return text[: target]


# TeX as arXiv abstracts and titles carry it: math, accents, commands, and now and then
# the code's address.
TEX_MATH = [r"$O(n^2)$", r"$\tilde{O}(\sqrt{T})$", r"$\alpha$-divergence", r"$\mathcal{O}(n \log n)$", r"$k$-NN",
            r"$\ell_1$", r"$\epsilon = 10^{-3}$", r"$\times 4.2$", r"$p < 0.05$", r"$\beta$-VAE", r"$\sim$3B"]
TEX_TEXT = [r"na\"ive", r"\emph{without}", r"\textit{in situ}", r"state-of-the-art", r"Erd\H{o}s", r"\'{e}tude",
            r"\textbf{all}", r"a la Poincar\'e", r"10\%", r"G\"odel"]


def tex_sentence(rng):
    """A sentence with TeX in it, as most real abstracts have at least one."""
    words = [word(rng) for _ in range(rng.randint(8, 16))]
    for _ in range(rng.randint(1, 3)):
        words.insert(rng.randrange(len(words)), rng.choice(TEX_MATH if rng.random() < 0.6 else TEX_TEXT))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def abstract(rng):
    sentences = [sentence(rng) for _ in range(8)]
    if rng.random() < 0.8:  # about four abstracts in five have TeX
        for _ in range(rng.randint(1, 3)):
            sentences[rng.randrange(len(sentences))] = tex_sentence(rng)
    text = " ".join(sentences)
    if rng.random() < 0.15:
        text += rf" Code is available at \url{{https://github.com/lab-{rng.randint(1, 400)}/{rng.choice(TAIL)}}}."
    return (text + " " * 1024)[:1024].rstrip()


def paper(rng, day, index):
    title = f"{rng.choice(NOUNS)} {rng.choice(['for', 'via', 'without', 'under'])} {' '.join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))}"
    if rng.random() < 0.15:
        title += " with " + rng.choice(TEX_MATH)
    if rng.random() < 0.2:  # long titles, with a subtitle
        title += ": " + " ".join(word(rng) for _ in range(rng.randint(6, 12)))
    record = {
        "id": f"{day:%y%m}.{index:05d}",
        "title": title[0].upper() + title[1:],
        "authors": [author_name(rank) for rank in rng.choices(range(AUTHOR_POOL), cum_weights=AUTHOR_WEIGHTS, k=rng.randint(2, 9))],
        "topics": rng.sample(TOPICS, rng.randint(1, 3)),
        "highlights": [sentence(rng, 10, 20) for _ in range(4)],
        "summary": summary(rng),
        "abstract": abstract(rng),
        "published": f"{day - datetime.timedelta(days=rng.randint(0, 3)):%Y-%m-%d}T{rng.randint(0, 23):02d}:00:00Z",
    }
    if rng.random() < 0.4:
        record["upvotes"] = rng.randint(0, 250)
    if rng.random() < 0.3:
        record["relevance"], record["novelty"] = rng.randint(1, 10), rng.randint(1, 10)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--days", type=int, required=True)
    parser.add_argument("--per-day", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--start", default="2024-01-01")
    parser.add_argument("--runs", type=int, default=3, help="collector runs (files) a day")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    papers_dir = os.path.join(args.out, "papers")
    os.makedirs(papers_dir, exist_ok=True)
    with open(os.path.join(args.out, "site.json"), "w") as file:
        json.dump({"title": "Benchmark Digest", "baseURL": "https://example.org/bench/", "updateEvery": "8h",
                   "topics": TOPICS}, file, indent=2)
    start = datetime.date.fromisoformat(args.start)
    for offset in range(args.days):
        day = start + datetime.timedelta(days=offset)
        # Paper numbers restart each month, like arXiv's.
        first = (day.day - 1) * args.per_day
        records = [paper(rng, day, first + i) for i in range(args.per_day)]
        folder = os.path.join(papers_dir, f"{day:%Y-%m}")
        os.makedirs(folder, exist_ok=True)
        if args.runs == 1:
            with open(os.path.join(folder, f"{day}.json"), "w") as file:
                json.dump({"date": str(day), "papers": records}, file, ensure_ascii=False, indent=1)
            continue
        # Several runs a day, each file written the way some collector writes them:
        # - at 00:00, the object form, pretty-printed, with a day;
        # - at 08:00, an array with a timestamp on every record and \u escapes for every
        #   non-ASCII letter;
        # - at 16:00, the object form with a timestamp whose offset crosses midnight
        #   (01:30 the next day in UTC+3 is 22:30 this day in UTC).
        next_day = day + datetime.timedelta(days=1)
        parts = [records[i * len(records) // args.runs:(i + 1) * len(records) // args.runs] for i in range(args.runs)]
        for run, part in enumerate(parts):
            hour = 24 * run // args.runs
            path = os.path.join(folder, f"{day}-{hour:02d}00.json")
            with open(path, "w") as file:
                if run % 3 == 1:
                    for record in part:
                        record["date"] = f"{day}T{hour:02d}:00:00Z"
                    json.dump(part, file, ensure_ascii=True, indent=2)
                elif run % 3 == 2:
                    json.dump({"date": f"{next_day}T01:30:00+03:00", "papers": part}, file, ensure_ascii=False, indent=4)
                else:
                    json.dump({"date": str(day), "papers": part}, file, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
