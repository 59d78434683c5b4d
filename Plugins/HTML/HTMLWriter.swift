import MentorBase

/// Streams sheets of cells into one HTML5 page: rows go to the sink as they come, so a large
/// table does not sit in memory.
///
/// Cells: text is escaped and line breaks become `<br>`; an `http(s)` address alone in a cell
/// becomes a link; numbers are written as numbers, dates as dd.mm.yyyy, booleans as «да»/«нет».
/// The first `SheetSpec.headerRows` rows are the column headers (`<th scope="col">`), which also
/// label each cell on a phone (`data-label`).
final class HTMLWriter: TableWriter {
    private let sink: any ByteSink
    private let title: String
    private var buffer = ""
    private var sectionOpen = false
    private var tableOpen = false
    private var bodyOpen = false
    private var headerRows = 0
    private var rowIndex = 0
    private var dataRows = 0
    private var sheetCount = 0
    private var sheetName = ""
    private var labels: [String] = []
    private var finished = false

    init(target: OutputTarget, settings: [String: String]) throws {
        sink = try target.openSink()
        title = settings["title"].flatMap { $0.isEmpty ? nil : $0 } ?? "Наставничество"
        let lang = settings["lang"].flatMap { l in l.allSatisfy { $0.isLetter || $0 == "-" } && !l.isEmpty ? l : nil } ?? "ru"
        buffer += "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        buffer += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        buffer += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        buffer += "<meta name=\"generator\" content=\"mentorbase\">\n"
        buffer += "<title>\(HTMLWriter.escape(title))</title>\n<style>\n\(HTMLWriter.css)</style>\n</head>\n<body>\n<main>\n"
        buffer += "<header>\n<h1>\(HTMLWriter.escape(title))</h1>\n"
        if let d = settings["description"], !d.isEmpty { buffer += "<p class=\"lead\">\(HTMLWriter.escape(d))</p>\n" }
        buffer += "</header>\n"
    }

    func beginSheet(_ spec: SheetSpec) throws {
        guard !finished else { throw closed() }
        closeSection()
        sheetCount += 1
        sheetName = spec.name
        headerRows = max(spec.headerRows, 0)
        rowIndex = 0
        dataRows = 0
        labels = spec.columns.map(\.title)
        buffer += "<section aria-labelledby=\"s\(sheetCount)\">\n<h2 id=\"s\(sheetCount)\">\(HTMLWriter.escape(spec.name))</h2>\n"
        sectionOpen = true
        try flushIfLarge()
    }

    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        guard !finished else { throw closed() }
        if !sectionOpen { try beginSheet(SheetSpec(name: "Таблица", headerRows: 0)) }
        if !tableOpen {
            buffer += "<div class=\"wrap\">\n<table>\n<caption>\(HTMLWriter.escape(sheetName))</caption>\n"
            tableOpen = true
        }
        defer { rowIndex += 1 }
        if rowIndex < headerRows {
            if rowIndex == 0 { buffer += "<thead>\n" }
            buffer += "<tr>"
            for (i, c) in cells.enumerated() {
                let t = HTMLWriter.plain(c)
                if rowIndex == headerRows - 1 {
                    if i < labels.count { labels[i] = t } else { labels.append(t) }
                }
                buffer += "<th scope=\"col\">\(HTMLWriter.escape(t))</th>"
            }
            buffer += "</tr>\n"
            if rowIndex == headerRows - 1 { buffer += "</thead>\n" }
            return
        }
        if !bodyOpen {
            buffer += "<tbody>\n"
            bodyOpen = true
        }
        dataRows += 1
        buffer += "<tr>"
        for (i, c) in cells.enumerated() {
            let label = i < labels.count ? labels[i] : ""
            let attr = label.isEmpty ? "" : " data-label=\"\(HTMLWriter.escape(label))\""
            switch c {
            case .number: buffer += "<td class=\"num\"\(attr)>\(HTMLWriter.html(c))</td>"
            default: buffer += "<td\(attr)>\(HTMLWriter.html(c))</td>"
            }
        }
        buffer += "</tr>\n"
        try flushIfLarge()
    }

    func finish() throws {
        guard !finished else { throw closed() }
        finished = true
        closeSection()
        buffer += "</main>\n</body>\n</html>\n"
        try sink.write(buffer)
        buffer = ""
        try sink.close()
    }

    // MARK: Pieces

    private func closeSection() {
        guard sectionOpen else { return }
        if tableOpen {
            if rowIndex > 0 && rowIndex < headerRows { buffer += "</thead>\n" }   // the header never completed
            if bodyOpen { buffer += "</tbody>\n" }
            buffer += "</table>\n</div>\n"
        }
        if dataRows == 0 { buffer += "<p class=\"empty\">Нет записей.</p>\n" }
        buffer += "</section>\n"
        sectionOpen = false
        tableOpen = false
        bodyOpen = false
    }

    private func flushIfLarge() throws {
        guard buffer.utf8.count >= 1 << 16 else { return }
        try sink.write(buffer)
        buffer = ""
    }

    private func closed() -> MentorBaseError {
        MentorBaseError.io(SourceLocation(file: "html"), ru: "страница уже закончена", en: "the page is already finished")
    }

    /// The cell's text as a person reads it.
    static func plain(_ c: Cell) -> String {
        switch c {
        case .boolean(let b): return b ? "да" : "нет"
        default: return c.text(dateStyle: .russian)
        }
    }

    /// The cell as HTML: escaped, line breaks kept, a lone `http(s)` address as a link.
    static func html(_ c: Cell) -> String {
        let t = plain(c)
        if case .text = c, isLink(t) {
            let e = escape(t)
            return "<a href=\"\(e)\">\(e)</a>"
        }
        return escape(t).replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
    }

    /// An `http(s)` address with no spaces or quotes: safe to put in `href`.
    static func isLink(_ s: String) -> Bool {
        let l = s.lowercased()
        guard l.hasPrefix("https://") || l.hasPrefix("http://"), s.count > 8 else { return false }
        return !s.unicodeScalars.contains { $0.value <= 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" }
    }

    /// See `HTMLText.escape`.
    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    /// Readable on a phone (one card per row), on a desktop (a table) and on paper.
    static let css = """
        :root { color-scheme: light; --line: #c9cfd8; --muted: #555e6b; --head: #eef2f7; --accent: #1a4f8b; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; }
        main { max-width: 75rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
        .lead { color: var(--muted); margin: 0 0 1rem; }
        .wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; position: absolute; left: -10000px; }
        th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
        th { background: var(--head); }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        a { color: var(--accent); overflow-wrap: anywhere; }
        .empty { color: var(--muted); }
        @media (max-width: 40em) {
          table, thead, tbody, tr, th, td { display: block; width: 100%; }
          thead tr { position: absolute; left: -10000px; }
          tr { border: 1px solid var(--line); border-radius: .5rem; margin: 0 0 .75rem; padding: .5rem .75rem; }
          td { border: 0; padding: .15rem 0; text-align: left; }
          td.num { text-align: left; }
          td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
          td:empty { display: none; }
        }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          a { color: #000; text-decoration: none; }
          .wrap { overflow: visible; }
          tr { break-inside: avoid; }
          thead { display: table-header-group; }
          th { background: none; }
        }

        """
}
