/// The style sheet of HTML exports: inline in the file, no fonts or images from outside. Prints on A4
/// and Letter alike (the page size is left to the printer, margins fit both), long lines wrap, and
/// unanswered requests keep their colour when printed.
enum HTMLStyle {
    static let sheet: StaticString = """
        :root { color-scheme: light; }
        body { font: 11pt/1.45 -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
          color: #1a1a1a; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.5em; margin: 0 0 .5em; }
        h2 { font-size: 1.2em; margin: 1.6em 0 .6em; border-bottom: 1px solid #bbb; padding-bottom: .2em; }
        h3 { font-size: 1em; margin: 1.2em 0 .4em; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; font: 9.5pt/1.4 ui-monospace,
          "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; background: #f6f6f4; border: 1px solid #ddd;
          border-radius: 3px; padding: .6em .8em; margin: .4em 0 1em; }
        .entry { border-left: 3px solid #999; padding-left: .8em; margin: 1.2em 0; }
        .entry.plan { border-left-color: #2f6fb0; }
        .meta { color: #555; font-size: .9em; margin: .2em 0; }
        ul.requests { list-style: none; padding: 0; margin: .4em 0 1em; }
        ul.requests li { border: 1px solid #ccc; border-radius: 3px; padding: .4em .6em; margin: .3em 0; }
        ul.requests li.unanswered { border: 2px solid #b3261e; background: #fdecea; }
        .marker { font-weight: 700; color: #b3261e; }
        .answered .marker { color: #1e6b34; }
        .waived .marker { color: #555; }
        .problem { font-weight: 700; color: #b3261e; }
        .then, .now, .check, .alternative { display: block; font-size: .9em; }
        .alternative { font-style: italic; }
        code { overflow-wrap: anywhere; font-size: .9em; }
        article.case + article.case { margin-top: 3em; }
        @page { margin: 16mm 14mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          pre { background: none; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          li, dl.facts, .meta { break-inside: avoid; page-break-inside: avoid; }
          ul.requests li.unanswered, .marker, .problem { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          article.case + article.case { break-before: page; page-break-before: always; margin-top: 0; }
        }
        """
}
