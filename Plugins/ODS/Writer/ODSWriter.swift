import MentorBase
import OfficeContainer

/// Writes an ODS file front to back: `mimetype` stored first, then `content.xml` deflated as
/// the rows arrive (one row is held at a time), then the small parts at `finish()`.
///
/// Cells keep their types: numbers as `float`, booleans as `boolean`, dates and date-times as
/// `office:date-value` with a DD.MM.YYYY display style; text is always a string, never a
/// formula. Header rows are bold and frozen; annotations become fills and comments.
final class ODSWriter: TableWriter {
    /// LibreOffice's (and Excel's) sheet size: rows past it would be cut off when opened.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    private let target: OutputTarget
    private let zip: ZipWriter
    private let content: ZipEntryWriter
    private var names = ODSSheetNames()
    private var written: [(name: String, headerRows: Int)] = []
    private var spec: SheetSpec?
    private var rowsInSheet = 0
    private var buffer: [UInt8] = []
    private var finished = false

    init(target: OutputTarget) throws {
        self.target = target
        zip = ZipWriter(sink: try target.openSink(), location: target.location)
        try zip.addStored("mimetype", Array(ODSPlugin.mediaType.utf8))
        content = try zip.beginEntry("content.xml")
        try content.write(ODSParts.contentHead)
        buffer.reserveCapacity(64 * 1024)
    }

    func beginSheet(_ spec: SheetSpec) throws {
        try endSheet()
        let name = names.make(spec.name, index: written.count)
        written.append((name, max(spec.headerRows, 0)))
        self.spec = spec
        rowsInSheet = 0
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: "<table:table table:name=\"".utf8)
        XMLText.append(name, to: &buffer)
        buffer.append(contentsOf: "\" table:style-name=\"ta1\"><table:table-column table:number-columns-repeated=\"\(max(spec.columns.count, 1))\" table:default-cell-style-name=\"Default\"/>".utf8)
        try flush()
    }

    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        if spec == nil { try beginSheet(SheetSpec(name: "Лист1")) }
        guard let spec else { return }
        rowsInSheet += 1
        guard rowsInSheet <= ODSWriter.maxRows else {
            throw MentorBaseError.limit(SourceLocation(file: target.name, sheet: written.last?.name, row: rowsInSheet),
                                        ru: "в листе ODS не больше \(ODSWriter.maxRows) строк: LibreOffice не откроет остальные",
                                        en: "an ODS sheet holds at most \(ODSWriter.maxRows) rows: LibreOffice would not open the rest")
        }
        let header = rowsInSheet <= spec.headerRows
        let notes: [Int: String] = rowsInSheet == 1 && spec.headerRows > 0
            ? spec.columns.enumerated().reduce(into: [:]) { d, c in if let n = c.element.note, !n.isEmpty { d[c.offset] = n } }
            : [:]
        var last = cells.lastIndex { !$0.isEmpty } ?? -1
        for i in annotations.keys where i > last && i < ODSWriter.maxColumns { last = i }
        for i in notes.keys where i > last { last = i }
        guard last < ODSWriter.maxColumns else {
            throw MentorBaseError.limit(SourceLocation(file: target.name, sheet: written.last?.name, row: rowsInSheet),
                                        ru: "в листе ODS не больше \(ODSWriter.maxColumns) столбцов",
                                        en: "an ODS sheet holds at most \(ODSWriter.maxColumns) columns")
        }
        buffer.append(contentsOf: "<table:table-row>".utf8)
        if last < 0 {
            buffer.append(contentsOf: "<table:table-cell/>".utf8)
        } else {
            var emptyRun = 0
            for i in 0...last {
                let cell = i < cells.count ? cells[i] : .empty
                let annotation = annotations[i]
                let note = notes[i]
                if cell.isEmpty, annotation == nil, note == nil, !header {
                    emptyRun += 1
                    continue
                }
                writeEmptyRun(&emptyRun)
                writeCell(cell, header: header, fill: annotation?.fill, comment: [note, annotation?.comment].compactMap { $0 })
            }
        }
        buffer.append(contentsOf: "</table:table-row>".utf8)
        try flush()
    }

    func finish() throws {
        guard !finished else { return }
        finished = true
        try endSheet()
        try content.write(ODSParts.contentTail)
        try content.close()
        try zip.addDeflated("styles.xml", Array(ODSParts.styles.utf8))
        try zip.addDeflated("meta.xml", Array(ODSParts.meta.utf8))
        try zip.addDeflated("settings.xml", ODSParts.settings(written))
        try zip.addDeflated("META-INF/manifest.xml", Array(ODSParts.manifest.utf8))
        try zip.finish()
    }

    // MARK: Pieces

    private func endSheet() throws {
        guard spec != nil else { return }
        spec = nil
        if rowsInSheet == 0 {
            try content.write("<table:table-row><table:table-cell/></table:table-row>")   // a table needs a row
        }
        try content.write("</table:table>")
    }

    private func flush() throws {
        try content.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeEmptyRun(_ run: inout Int) {
        guard run > 0 else { return }
        buffer.append(contentsOf: (run == 1 ? "<table:table-cell/>" : "<table:table-cell table:number-columns-repeated=\"\(run)\"/>").utf8)
        run = 0
    }

    private func writeCell(_ cell: Cell, header: Bool, fill: CellAnnotation.Fill?, comment: [String]) {
        var kind = ODSParts.Kind.general
        var attributes = ""
        var shown = ""
        switch cell {
        case .empty:
            break
        case .text(let s):
            attributes = " office:value-type=\"string\" calcext:value-type=\"string\""
            shown = s
        case .number(let n) where n.isFinite:
            let v = Cell.format(number: n)
            attributes = " office:value-type=\"float\" office:value=\"\(v)\" calcext:value-type=\"float\""
            shown = v
        case .number, .error:
            // ODS has no error or non-finite value without a formula: kept as their text.
            attributes = " office:value-type=\"string\" calcext:value-type=\"string\""
            shown = cell.text()
        case .boolean(let b):
            kind = .boolean
            attributes = " office:value-type=\"boolean\" office:boolean-value=\"\(b)\" calcext:value-type=\"boolean\""
            shown = b ? "TRUE" : "FALSE"
        case .date(let d):
            kind = .date
            attributes = " office:value-type=\"date\" office:date-value=\"\(d.iso)\" calcext:value-type=\"date\""
            shown = d.russian
        case .dateTime(let d):
            kind = .dateTime
            attributes = " office:value-type=\"date\" office:date-value=\"\(d.iso)\" calcext:value-type=\"date\""
            shown = d.text(style: .russian)
        }
        buffer.append(contentsOf: "<table:table-cell".utf8)
        if header || fill != nil || kind != .general {
            buffer.append(contentsOf: " table:style-name=\"\(ODSParts.styleName(header: header, kind: kind, fill: fill))\"".utf8)
        }
        buffer.append(contentsOf: attributes.utf8)
        buffer.append(UInt8(ascii: ">"))
        if !comment.isEmpty {
            buffer.append(contentsOf: "<office:annotation>".utf8)
            appendParagraphs(comment.joined(separator: "\n"))
            buffer.append(contentsOf: "</office:annotation>".utf8)
        }
        if !cell.isEmpty { appendParagraphs(shown) }
        buffer.append(contentsOf: "</table:table-cell>".utf8)
    }

    /// One `text:p` per line; runs of spaces as `text:s` (a consumer may collapse plain
    /// spaces, as the OpenDocument rules allow), tabs as `text:tab`. Works on scalars, since
    /// Swift joins `\r\n` and a space followed by a combining mark into single characters.
    private func appendParagraphs(_ s: String) {
        if ODSWriter.isPlainParagraph(s) {
            buffer.append(contentsOf: "<text:p>".utf8)
            XMLText.append(s, to: &buffer)
            buffer.append(contentsOf: "</text:p>".utf8)
            return
        }
        let scalars = s.unicodeScalars
        for line in scalars.split(separator: "\n", omittingEmptySubsequences: false) {
            buffer.append(contentsOf: "<text:p>".utf8)
            var plainStart = line.startIndex
            var i = line.startIndex
            while i < line.endIndex {
                let c = line[i]
                guard c == " " || c == "\t" else { i = line.index(after: i); continue }
                if plainStart < i { XMLText.append(String(line[plainStart..<i]), to: &buffer) }
                if c == "\t" {
                    buffer.append(contentsOf: "<text:tab/>".utf8)
                    i = line.index(after: i)
                } else {
                    var j = i
                    var run = 0
                    while j < line.endIndex, line[j] == " " { run += 1; j = line.index(after: j) }
                    var extra = run
                    if i != line.startIndex { buffer.append(0x20); extra -= 1 }
                    if extra == 1 { buffer.append(contentsOf: "<text:s/>".utf8) }
                    if extra > 1 { buffer.append(contentsOf: "<text:s text:c=\"\(extra)\"/>".utf8) }
                    i = j
                }
                plainStart = i
            }
            if plainStart < line.endIndex { XMLText.append(String(line[plainStart..<line.endIndex]), to: &buffer) }
            buffer.append(contentsOf: "</text:p>".utf8)
        }
    }

    /// True when `s` is one line that needs no `text:s` or `text:tab`: no line feed, no tab,
    /// no leading space, no two spaces in a row (most cells).
    private static func isPlainParagraph(_ s: String) -> Bool {
        var previousSpace = true                             // a space at the start needs text:s
        for b in s.utf8 {
            switch b {
            case 0x0A, 0x09: return false
            case 0x20:
                if previousSpace { return false }
                previousSpace = true
            default: previousSpace = false
            }
        }
        return true
    }
}
