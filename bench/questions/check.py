#!/usr/bin/env python3
"""Validate a labelled retrieval question set such as bench/questions/demo.json.

Usage:
    python3 bench/questions/check.py [bench/questions/demo.json] [--texts DIR]

Structure (always checked):
  * the file is a JSON object with "description", "documents" and "questions";
  * every document has a unique "key", a "title" (with "titleMatch": "exact" or "prefix" -- the minutes'
    uploaded titles end with the meeting date, so their "title" is the part before it), a "language"
    ("sk"/"en"), a "format" (pdf, docx, txt, md, html) and an "access" ("all", "owners", "building-b");
  * every question has a unique id "<language>-NNN", a language, a non-empty question, a "document" that is
    the title of a listed document in the same language, and a "passage" of 15-90 characters on one line;
  * a question on a restricted document carries that document's "access", and only then;
  * there are at least 120 questions, at least 60 per language, every document is asked about, and no more
    than 12 questions need a restricted document;
  * passages of PDF documents use only characters the demo PDF writer keeps (Windows-1252: it writes
    `c` for `č`, `l` for `ľ`, `?` for `→`), so they match the text that pdftotext reads back.

Passages (with --texts DIR): DIR holds one rendering per document, named after its "key", in any of
these forms -- the first that exists is used:
    <key>.txt   plain text (a TXT upload, or any extracted text: DOCX paragraphs, pdftotext output, ...)
    <key>.md    Markdown, read as is
    <key>.html  HTML; tags are dropped and character references decoded
    <key>.pdf   PDF; converted with `pdftotext -enc UTF-8` (poppler-utils), which must be installed
    <key>.docx  DOCX; the text of the w:t runs of word/document.xml, one paragraph per line
Every passage must occur in its document's rendering after both are whitespace-normalised (each run of
whitespace, including line breaks from PDF line wrapping, becomes one space). The simplest way to get
renderings is to seed the demo (`ppt seed --demo`), download each document's content as the staff user
and save it as DIR/<key>.<extension of its file>.

Exit status 0 when everything holds; otherwise each problem is printed and the status is 1.
"""

import html
import html.parser
import json
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter

LANGUAGES = {"sk", "en"}
FORMATS = {"pdf", "docx", "txt", "md", "html"}
ACCESS = {"all", "owners", "building-b"}
MIN_TOTAL, MIN_PER_LANGUAGE, MAX_RESTRICTED = 120, 60, 12
PASSAGE_MIN, PASSAGE_MAX = 15, 90


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


class _HTMLText(html.parser.HTMLParser):
    """Collects an HTML page's text, one line per block element, skipping <head>, <script> and <style>."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "tr", "ul", "ol", "title"}
    SKIP = {"head", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(source):
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    return "".join(parser.parts)


def docx_text(path):
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    paragraphs = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        runs = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", paragraph, flags=re.S)
        paragraphs.append(html.unescape("".join(runs)))
    return "\n".join(paragraphs)


def rendering(directory, key):
    """The text of document `key` in `directory`, or None when no rendering exists."""
    for extension in ("txt", "md", "html", "pdf", "docx"):
        path = os.path.join(directory, f"{key}.{extension}")
        if not os.path.exists(path):
            continue
        if extension == "pdf":
            result = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=True)
            return result.stdout.decode("utf-8")
        if extension == "docx":
            return docx_text(path)
        with open(path, encoding="utf-8") as file:
            text = file.read()
        return html_text(text) if extension == "html" else text
    return None


def pdf_safe(text):
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def check(data, texts_dir):
    problems = []
    if not isinstance(data, dict):
        return ["the file must hold a JSON object"]
    for field in ("description", "documents", "questions"):
        if field not in data:
            problems.append(f"missing top-level field {field!r}")
    if problems:
        return problems
    if not isinstance(data["description"], str) or not data["description"].strip():
        problems.append("description must be a non-empty string")

    documents = {}
    for index, document in enumerate(data["documents"]):
        where = f"documents[{index}]"
        for field in ("key", "title", "titleMatch", "language", "format", "access"):
            if not isinstance(document.get(field), str) or not document[field]:
                problems.append(f"{where}: {field} must be a non-empty string")
        if any(not isinstance(document.get(f), str) for f in ("key", "title")):
            continue
        if document["title"] in documents:
            problems.append(f"{where}: title {document['title']!r} is listed twice")
        if sum(1 for d in data["documents"] if d.get("key") == document["key"]) > 1:
            problems.append(f"{where}: key {document['key']!r} is listed twice")
        if document.get("titleMatch") not in ("exact", "prefix"):
            problems.append(f"{where}: titleMatch must be 'exact' or 'prefix'")
        if document.get("language") not in LANGUAGES:
            problems.append(f"{where}: language must be one of {sorted(LANGUAGES)}")
        if document.get("format") not in FORMATS:
            problems.append(f"{where}: format must be one of {sorted(FORMATS)}")
        if document.get("access") not in ACCESS:
            problems.append(f"{where}: access must be one of {sorted(ACCESS)}")
        documents[document["title"]] = document

    texts = {}
    if texts_dir:
        for document in documents.values():
            text = rendering(texts_dir, document["key"])
            if text is None:
                problems.append(f"no rendering of {document['key']!r} in {texts_dir}")
            else:
                texts[document["title"]] = normalise(text)

    questions = data["questions"]
    ids = Counter(q.get("id") for q in questions)
    for duplicate in sorted(str(i) for i, n in ids.items() if n > 1):
        problems.append(f"id {duplicate} is used more than once")
    asked = Counter(q.get("document") for q in questions)
    for index, question in enumerate(questions):
        qid = question.get("id", f"questions[{index}]")
        language = question.get("language")
        if language not in LANGUAGES:
            problems.append(f"{qid}: language must be one of {sorted(LANGUAGES)}")
        if not re.fullmatch(r"(sk|en)-\d{3}", str(question.get("id"))) or not str(qid).startswith(f"{language}-"):
            problems.append(f"{qid}: id must be '<language>-NNN'")
        if not isinstance(question.get("question"), str) or not question["question"].strip():
            problems.append(f"{qid}: question must be a non-empty string")
        document = documents.get(question.get("document"))
        if document is None:
            problems.append(f"{qid}: document {question.get('document')!r} is not listed in documents")
            continue
        if document["language"] != language:
            problems.append(f"{qid}: a {language} question targets the {document['language']} document")
        expected_access = None if document["access"] == "all" else document["access"]
        if question.get("access") != expected_access:
            problems.append(f"{qid}: access must be {expected_access!r} for {document['title']!r}")
        passage = question.get("passage")
        if not isinstance(passage, str):
            problems.append(f"{qid}: passage must be a string")
            continue
        if not PASSAGE_MIN <= len(passage) <= PASSAGE_MAX:
            problems.append(f"{qid}: passage has {len(passage)} characters, not {PASSAGE_MIN}-{PASSAGE_MAX}")
        if "\n" in passage or passage != passage.strip():
            problems.append(f"{qid}: passage must be one line without surrounding spaces")
        if document["format"] == "pdf" and not pdf_safe(passage):
            problems.append(f"{qid}: passage has characters the PDF writer replaces: {passage!r}")
        text = texts.get(document["title"])
        if text is not None and normalise(passage) not in text:
            problems.append(f"{qid}: passage not found in {document['key']!r}: {passage!r}")

    counts = Counter(q.get("language") for q in questions)
    if len(questions) < MIN_TOTAL:
        problems.append(f"{len(questions)} questions, fewer than {MIN_TOTAL}")
    for language in sorted(LANGUAGES):
        if counts[language] < MIN_PER_LANGUAGE:
            problems.append(f"{counts[language]} {language} questions, fewer than {MIN_PER_LANGUAGE}")
    for title in documents:
        if asked[title] == 0:
            problems.append(f"no question targets {title!r}")
    restricted = sum(1 for q in questions if q.get("access"))
    if restricted > MAX_RESTRICTED:
        problems.append(f"{restricted} questions need a restricted document, more than {MAX_RESTRICTED}")
    return problems


def main(arguments):
    path, texts_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo.json"), None
    rest = list(arguments)
    while rest:
        argument = rest.pop(0)
        if argument == "--texts" and rest:
            texts_dir = rest.pop(0)
        elif argument in ("-h", "--help"):
            print(__doc__)
            return 0
        elif not argument.startswith("-"):
            path = argument
        else:
            print(f"unknown argument {argument}", file=sys.stderr)
            return 2
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    problems = check(data, texts_dir)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    questions = data["questions"]
    counts = Counter(q["language"] for q in questions)
    per_document = Counter(q["document"] for q in questions)
    print(f"{len(questions)} questions: " + ", ".join(f"{n} {lang}" for lang, n in sorted(counts.items()))
          + f"; {sum(1 for q in questions if q.get('access'))} on restricted documents"
          + ("; all passages found" if texts_dir else "; passages not checked against texts (use --texts DIR)"))
    for title, count in per_document.most_common():
        print(f"  {count:3d}  {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
