#!/usr/bin/env python3
"""A Hugo project equivalent to the Digest site of a corpus, for `make bench`'s Hugo column.

    hugo_site.py CORPUS PROJECT

Reads a corpus in our content format (site.json and papers/**/*.json, every file shape
bench/run.py reads) and writes PROJECT: hugo.toml, one content/papers/<id>.md per paper
and a small theme in layouts/. `hugo --source PROJECT` then builds a site that does about
what Digest's does, so the two build times compare:

- a page per paper: title, authors (linked to their pages), topics, day, table of
  contents, key points, summary and abstract;
- a page and an RSS feed per topic (the papers of the last `historyDays` days, like
  Digest's topic pages) and per author on at least `authorPages` papers (all their
  papers; the feed has the newest ten, with key points only, as Digest's author feeds);
- a page per day listing its papers with their authors and key points (Digest keeps
  day pages for the last week and lists older days in its archive);
- a home page with the newest day's papers and their summaries; lists of topics, days
  and authors; an RSS feed of the newest `feedItems` papers; a sitemap.

It leaves out what Digest does beyond that: math, the search index, related papers,
BibTeX and citation data, the week and month pages and the reader's scripts.
"""

import argparse
import collections
import datetime
import json
import os
import shutil
import zoneinfo

from run import paper_files, records

# Front matter dates: TOML's own datetime, always in UTC.
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

CONFIG = """\
baseURL = {base_url}
title = {title}
languageCode = {language}
# Hugo would also make a page listing every paper of the papers section; Digest has none.
disableKinds = ["section"]
# Digest builds every day up to the newest in the content, even one after the clock's today.
buildFuture = true

[taxonomies]
  topic = "topics"
  author = "authors"
  day = "days"

# RSS for the home page and each topic and author, as Digest has; not for the lists of terms.
# (Day pages turn theirs off in content/days/_index.md.)
[outputs]
  home = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]

# The extensions Digest gives cmark-gfm, and no raw HTML (Digest filters it out).
[markup.goldmark.extensions]
  table = true
  footnote = true
  strikethrough = true
  linkify = true
  taskList = true
  definitionList = false
  typographer = false
[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3

[params]
  today = "{today}"
  windowStart = "{window_start}"
  historyDays = {history_days}
  feedItems = {feed_items}
"""

# Day pages are plain lists: Digest's readers follow days through one daily feed, not a feed a day.
DAYS_INDEX = """\
+++
title = "Days"
[[cascade]]
  outputs = ["HTML"]
  [cascade._target]
    kind = "term"
+++
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{- with .OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}" title="{{ $.Title }}">
{{- end }}
<style>
body { max-width: 46rem; margin: 0 auto; padding: 0 1rem; font: 1rem/1.5 system-ui, sans-serif; }
header, footer { padding: 1rem 0; color: #555; }
article { border-top: 1px solid #ddd; }
.meta { color: #555; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
</style>
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a> ·
<a href="{{ "topics/" | relURL }}">Topics</a> ·
<a href="{{ "days/" | relURL }}">Days</a> ·
<a href="{{ "authors/" | relURL }}">Authors</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ site.Title }} · <a href="{{ "index.xml" | relURL }}">RSS</a></footer>
</body>
</html>
""",
    # One paper: everything a Digest paper page shows except related papers, citations and math.
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>{{ partial "authors.html" (dict "page" . "limit" 0) }}</p>
{{ partial "topics.html" . }}
<p class="meta"><a href="{{ printf "days/%s/" .Params.day | relURL }}">{{ .Params.day }}</a></p>
{{ .TableOfContents }}
<h2>Key points</h2>
{{ .Content }}
</article>
{{ end }}
""",
    # A day: each paper's card (title, topics, authors, key points), like Digest's lists.
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="meta">{{ len .Pages }} papers</p>
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}
{{ end }}
""",
    # A topic: the cards of the last historyDays days, as on Digest's topic pages.
    "topics/term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $recent := where .Pages "Params.day" "ge" site.Params.windowStart }}
<p class="meta">{{ len $recent }} papers in the last {{ site.Params.historyDays }} days ·
<a href="{{ (.OutputFormats.Get "rss").RelPermalink }}">RSS feed</a></p>
{{ range $recent }}{{ partial "card.html" . }}{{ end }}
{{ end }}
""",
    # An author: every paper, one line each with its day, first topic and co-authors, as Digest's.
    "authors/term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="meta">{{ len .Pages }} papers, newest first ·
<a href="{{ (.OutputFormats.Get "rss").RelPermalink }}">RSS feed</a></p>
<ul>
{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ .Params.day }} · {{ index .Params.topics 0 }}<br>
{{ partial "authors.html" (dict "page" . "limit" 3) }}</li>
{{ end }}
</ul>
{{ end }}
""",
    # The lists of topics, days (newest first) and authors.
    "_default/terms.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $terms := .Data.Terms.Alphabetical }}
{{ if eq .Data.Plural "days" }}{{ $terms = $terms.Reverse }}{{ end }}
<ul>
{{ range $terms }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
""",
    # The newest day with each paper's whole text, as Digest's home page.
    "index.html": """\
{{ define "main" }}
{{ with site.GetPage (printf "/days/%s" site.Params.today) }}
<h1>{{ site.Title }}: {{ .Title }}</h1>
<p class="meta">{{ len .Pages }} papers</p>
{{ range .Pages }}
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "topics.html" . }}
<p>{{ partial "authors.html" (dict "page" . "limit" 3) }}</p>
{{ .Content }}
</article>
{{ end }}
{{ end }}
{{ end }}
""",
    "404.html": """\
{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ "" | relURL }}">{{ site.Title }}</a></p>
{{ end }}
""",
    "partials/card.html": """\
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "topics.html" . }}
<p>{{ partial "authors.html" (dict "page" . "limit" 3) }}</p>
{{ .Summary }}
</article>
""",
    # Names with a page (the `authors` taxonomy) are links, the others plain text, as in
    # Digest; `limit` > 0 shows that many and "… and N more".
    "partials/authors.html": """\
{{- $page := .page -}}
{{- $names := $page.Params.names -}}
{{- $shown := $names -}}
{{- if and .limit (gt (len $names) .limit) }}{{ $shown = first .limit $names }}{{ end -}}
{{- range $i, $name := $shown -}}
{{- if $i }}, {{ end -}}
{{- if in $page.Params.authors $name -}}
<a href="{{ printf "authors/%s/" (urlize $name) | relURL }}">{{ $name }}</a>
{{- else }}{{ $name }}{{ end -}}
{{- end -}}
{{- with sub (len $names) (len $shown) }}, … and {{ . }} more{{ end -}}
""",
    "partials/topics.html": """\
<p class="meta">
{{- range $i, $topic := .Params.topics }}{{ if $i }} · {{ end }}<a href="{{ printf "topics/%s/" (urlize $topic) | relURL }}">{{ $topic }}</a>{{ end -}}
</p>
""",
    # The feeds of the home page, topics and authors: feedItems papers with their whole
    # text, or for an author ten with the key points only, as Digest's feeds.
    "_default/rss.xml": """\
{{- $author := and (eq .Kind "term") (eq .Type "authors") -}}
{{- $pages := cond .IsHome site.RegularPages .Pages -}}
{{- $pages = first (cond $author 10 site.Params.feedItems) $pages -}}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ if not .IsHome }}{{ .Title }} papers in {{ end }}{{ site.Title }}</description>
<language>{{ site.LanguageCode }}</language>
{{- with .OutputFormats.Get "rss" }}
<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml"/>
{{- end }}
{{- range $pages }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid isPermaLink="true">{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
{{- range .Params.names }}
<dc:creator>{{ . }}</dc:creator>
{{- end }}
{{- range .Params.topics }}
<category>{{ . }}</category>
{{- end }}
<description>{{ if $author }}{{ .Summary | html }}{{ else }}{{ .Content | html }}{{ end }}</description>
</item>
{{- end }}
</channel>
</rss>
""",
}


def toml_string(text):
    """A TOML basic string. JSON's escapes are all valid TOML; TOML also wants DEL escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_array(texts):
    return "[" + ", ".join(toml_string(text) for text in texts) + "]"


def when(date, zone):
    """A record's `date` as (digest day, instant in UTC): a bare day is that day, at midnight
    UTC; a timestamp's day is its date in the site's time zone, as Digest reads it."""
    if len(date) == 10:
        day = datetime.date.fromisoformat(date)
        return day, datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
    instant = datetime.datetime.fromisoformat(date)
    return instant.astimezone(zone).date(), instant.astimezone(datetime.timezone.utc)


def load(corpus):
    """site.json, and the papers by id in file order, each with its `day` and `instant`.

    A paper collected twice keeps its first day and takes the later record's fields, as in
    Digest."""
    with open(os.path.join(corpus, "site.json")) as file:
        site = json.load(file)
    zone = zoneinfo.ZoneInfo(site.get("timeZone", "UTC"))
    papers = {}
    for path in paper_files(corpus):
        with open(path) as file:
            document = json.load(file)
        file_date = document.get("date") if isinstance(document, dict) else None
        for record in records(document):
            day, instant = when(record.get("date", file_date), zone)
            first = papers.get(record["id"], {"day": day, "instant": instant})
            papers[record["id"]] = {**record, "day": first["day"], "instant": first["instant"]}
    return site, papers


def with_pages(papers, threshold):
    """The authors who get a page: those on at least `threshold` papers (none for 0)."""
    counts = collections.Counter(name for paper in papers.values() for name in set(paper["authors"]))
    return {name for name, count in counts.items() if threshold and count >= threshold}


def paper_markdown(paper, page_authors):
    """A content file: TOML front matter, then key points, Hugo's summary divider (so a list's
    `.Summary` is the key points, rendered once per paper), the summary and the abstract."""
    names = paper["authors"]
    front = [
        "+++",
        f"title = {toml_string(paper['title'])}",
        f"date = {paper['instant']:{DATE_FORMAT}}",
        f'day = "{paper["day"]}"',
        f'days = ["{paper["day"]}"]',
        f"topics = {toml_array(paper.get('topics') or ['Other'])}",
        f"names = {toml_array(names)}",
        f"authors = {toml_array([name for name in names if name in page_authors])}",
        "+++",
    ]
    # A key point's further lines are indented to stay inside its list item.
    points = "\n".join("- " + point.replace("\n", "\n  ") for point in paper.get("highlights", []))
    parts = [points, "<!--more-->", paper.get("summary", "")]
    if paper.get("abstract"):
        parts.append("## Abstract\n\n" + paper["abstract"])
    return "\n".join(front) + "\n\n" + "\n\n".join(parts) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as file:
        file.write(text)


def write_project(corpus, project):
    """Writes the Hugo project for `corpus` into `project`, replacing what was there."""
    site, papers = load(corpus)
    today = max(paper["day"] for paper in papers.values())
    history_days = site.get("historyDays", 7)
    shutil.rmtree(project, ignore_errors=True)
    write(os.path.join(project, "hugo.toml"), CONFIG.format(
        base_url=toml_string(site["baseURL"]), title=toml_string(site["title"]),
        language=toml_string(site.get("language", "en")), today=today,
        window_start=today - datetime.timedelta(days=history_days - 1), history_days=history_days,
        feed_items=site.get("feedItems", 50)))
    for name, text in LAYOUTS.items():
        write(os.path.join(project, "layouts", name), text)
    write(os.path.join(project, "content", "days", "_index.md"), DAYS_INDEX)
    page_authors = with_pages(papers, site.get("authorPages", 2))
    for paper_id, paper in papers.items():
        # Old arXiv ids have a slash ("hep-th/9901001"); a file name cannot.
        write(os.path.join(project, "content", "papers", paper_id.replace("/", "-") + ".md"), paper_markdown(paper, page_authors))
    return len(papers)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("project")
    args = parser.parse_args()
    count = write_project(args.corpus, args.project)
    print(f"hugo_site: {count:,} papers written to {args.project}")


if __name__ == "__main__":
    main()
