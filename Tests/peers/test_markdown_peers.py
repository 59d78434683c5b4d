"""Peer checks for the example external plugin (Samples/plugins/mentorbase-format-markdown).

What mentorbase writes through it must render, in an independent Markdown implementation
(Python-Markdown with its `tables` extension, the engine of many wikis), as HTML tables whose
cells hold exactly the text that was written: quotes, pipes, `<tags>`, `&`, backslashes,
Markdown punctuation, spaces at the edges and line breaks included, and no cell may turn into
live HTML. Run by scripts/test.sh with MENTORBASE_BIN set.
"""
import csv
import html.parser
import os
import subprocess
import tempfile

import markdown

BIN = os.environ.get("MENTORBASE_BIN", "mentorbase")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGINS = os.path.join(ROOT, "Samples", "plugins")

ROWS = [
    ["ФИО", "Комментарий", "Разметка"],
    ["Иванова Мария", "Сказала: \"да\" | нет", "<script>alert(1)</script>"],
    ["  пробелы по краям  ", "AT&T &amp; Ко", "*не курсив* _и не_ `код` [ссылка](x) ~~нет~~"],
    ["строка 1\nстрока 2", "обратная \\ черта и \\| экранированная", "# не заголовок"],
]


class Cells(html.parser.HTMLParser):
    """The text of every <td>/<th>, with <br> as a line break; counts any other tag inside cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.cell, self.in_cell, self.foreign_tags = [], None, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.in_cell, self.cell = True, ""
        elif tag == "br" and self.in_cell:
            self.cell += "\n"
        elif self.in_cell:
            self.foreign_tags.append(tag)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell)
            self.in_cell = False

    def handle_data(self, data):
        if self.in_cell:
            self.cell += data


def test_rendered_wiki_page_shows_every_cell_exactly():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.csv")
        with open(src, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(ROWS)
        out = os.path.join(tmp, "page.md")
        p = subprocess.run([BIN, "convert", src, out, "--plugins", PLUGINS, "--quiet"], capture_output=True, text=True,
                           timeout=60)
        assert p.returncode == 0, p.stderr
        page = open(out, encoding="utf-8").read()
    rendered = markdown.markdown(page, extensions=["tables"])
    parser = Cells()
    parser.feed(rendered)
    assert parser.foreign_tags == [], rendered
    assert parser.rows == ROWS, rendered


def test_hand_written_page_reads_as_markdown_renders_it():
    page_path = os.path.join(PLUGINS, "nastavnichestvo-wiki.md")
    rendered = markdown.markdown(open(page_path, encoding="utf-8").read(), extensions=["tables", "fenced_code"])
    parser = Cells()
    parser.feed(rendered)
    p = subprocess.run([BIN, "dump", page_path, "--format", "json", "--plugins", PLUGINS], capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    import json
    ours = [[c if c is not None else "" for c in row] for s in json.loads(p.stdout)["sheets"] for row in s["rows"]]
    theirs = [[c.strip() for c in row] for row in parser.rows]
    # Python-Markdown pads a short row with empty cells; mentorbase drops trailing empty cells.
    theirs = [row[:len(o)] if len(row) > len(o) and all(c == "" for c in row[len(o):]) else row
              for row, o in zip(theirs, ours)]
    assert ours == theirs
