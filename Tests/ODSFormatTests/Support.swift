import Foundation
import MentorBase
import ODSFormat
import OfficeContainer

let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// One sheet as read: its info, its rows (with numbers) and its merged ranges.
struct ReadSheet: Equatable {
    var info: SheetInfo
    var rows: [Row]
    var merged: [CellRange]
}

/// Reads every sheet of `source` with `plugin`.
func readAll(_ plugin: any FormatPlugin, _ source: InputSource, options: ReadOptions = ReadOptions()) throws
    -> (sheets: [ReadSheet], diagnostics: DiagnosticLog)
{
    let reader = try plugin.makeReader(source: source, options: options)
    var out: [ReadSheet] = []
    for (i, info) in reader.sheets.enumerated() {
        let cursor = try reader.rows(inSheet: i)
        var rows: [Row] = []
        while let r = try cursor.next() { rows.append(r) }
        out.append(ReadSheet(info: info, rows: rows, merged: cursor.mergedRanges))
    }
    return (out, reader.diagnostics)
}

/// Reads an ODS held in memory.
func readODS(_ bytes: [UInt8], name: String = "test.ods", options: ReadOptions = ReadOptions()) throws
    -> (sheets: [ReadSheet], diagnostics: DiagnosticLog)
{
    try readAll(ODSPlugin(), InputSource(bytes: bytes, name: name), options: options)
}

let odfNamespaces = """
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
    xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
    xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
    xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
    xmlns:dc="http://purl.org/dc/elements/1.1/" \
    xmlns:xlink="http://www.w3.org/1999/xlink" \
    xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
    """

/// A minimal ODS zip around hand-written `content.xml` pieces: `styles` goes into the
/// automatic styles, `body` into `office:spreadsheet`. Built with the container's ZipWriter.
func makeODS(body: String, styles: String = "", stylesPart: String? = nil,
             mimetype: String = "application/vnd.oasis.opendocument.spreadsheet",
             contentXML: String? = nil) throws -> [UInt8] {
    let sink = MemorySink()
    let zip = ZipWriter(sink: sink, location: SourceLocation(file: "test.ods"))
    try zip.addStored("mimetype", Array(mimetype.utf8))
    let content = contentXML ?? """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(odfNamespaces) office:version="1.3">\
        <office:automatic-styles>\(styles)</office:automatic-styles>\
        <office:body><office:spreadsheet>\(body)</office:spreadsheet></office:body></office:document-content>
        """
    try zip.addDeflated("content.xml", Array(content.utf8))
    if let stylesPart {
        try zip.addDeflated("styles.xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-styles \(odfNamespaces) office:version="1.3">\(stylesPart)</office:document-styles>
            """.utf8))
    }
    try zip.addDeflated("META-INF/manifest.xml", Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
        <manifest:file-entry manifest:full-path="/" manifest:media-type="\(mimetype)"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
        """.utf8))
    try zip.finish()
    return sink.bytes
}

/// `<table:table-cell office:value-type="string"><text:p>s</text:p></table:table-cell>`
func textCell(_ s: String, _ extra: String = "") -> String {
    "<table:table-cell office:value-type=\"string\"\(extra)><text:p>\(s)</text:p></table:table-cell>"
}

/// `<table:table-cell office:value-type="float" office:value="v">`
func floatCell(_ v: String, _ extra: String = "") -> String {
    "<table:table-cell office:value-type=\"float\" office:value=\"\(v)\"\(extra)><text:p>\(v)</text:p></table:table-cell>"
}

/// Writes `tables` with the ODS writer into memory.
func writeODS(_ tables: [(SheetSpec, [[Cell]])], annotations: [Int: [Int: CellAnnotation]] = [:]) throws -> [UInt8] {
    let sink = MemorySink()
    let writer = try ODSPlugin().makeWriter(target: OutputTarget(sink: sink, name: "out.ods"), options: WriteOptions())
    for (spec, rows) in tables {
        try writer.beginSheet(spec)
        for (i, row) in rows.enumerated() { try writer.writeRow(row, annotations: annotations[i] ?? [:]) }
    }
    try writer.finish()
    return sink.bytes
}

/// The inflated text of one part of a zip in memory.
func part(_ name: String, of bytes: [UInt8]) throws -> String {
    let archive = try ZipArchive(bytes: ZipBytes(bytes: bytes, location: SourceLocation(file: "x.ods")),
                                 policy: ContainerSafetyPolicy(), format: ContainerFormat(name: "ODS"),
                                 location: SourceLocation(file: "x.ods"))
    guard let entry = archive.entry(named: name) else { return "" }
    let stream = try ZipEntryStream(archive: archive, entry: entry)
    return String(decoding: try stream.readToEnd(limit: 1 << 26, location: SourceLocation(file: "x.ods")), as: UTF8.self)
}

/// Expected cells as `mentorbase dump --format json` spells them (the generator writes this shape).
enum ExpectedCell: Decodable {
    case value(Cell)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .value(.empty); return }
        if let b = try? c.decode(Bool.self) { self = .value(.boolean(b)); return }
        if let d = try? c.decode(Double.self) { self = .value(.number(d)); return }
        if let s = try? c.decode(String.self) { self = .value(.text(s)); return }
        let o = try c.decode([String: String].self)
        if let d = o["date"], let v = CalendarDate(iso: d[...]) { self = .value(.date(v)); return }
        if let d = o["datetime"], let v = CalendarDateTime(iso: d[...]) { self = .value(.dateTime(v)); return }
        if let e = o["error"] { self = .value(.error(e)); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown cell \(o)")
    }

    var cell: Cell { if case .value(let c) = self { return c }; return .empty }
}

/// A fixture's expected sheets, from its generator.
struct ExpectedWorkbook: Decodable {
    struct Sheet: Decodable {
        var name: String
        var hidden: Bool
        var rows: [[ExpectedCell]]
        var merged: [String]
    }
    var sheets: [Sheet]
}

/// The cells without trailing empty ones (readers may drop them).
func trimmed(_ cells: [Cell]) -> [Cell] {
    var c = cells
    while let last = c.last, last.isEmpty { c.removeLast() }
    return c
}
