import CLibXML2
import Foundation
import MentorBase
import Testing
@testable import XLSXFormat

/// Builds zip files byte by byte, so tests can make well-formed packages and hostile ones
/// (lying sizes, `../` names, bombs, truncation) that no office program would write.
struct TestZip {
    struct Item {
        var name: String
        var data: [UInt8]
        var deflate = true
        /// Overrides the uncompressed size written in the headers (a lying bomb).
        var declaredSize: Int?
    }

    var items: [Item] = []

    mutating func add(_ name: String, _ text: String, deflate: Bool = true) {
        items.append(Item(name: name, data: Array(text.utf8), deflate: deflate))
    }

    mutating func add(_ name: String, bytes: [UInt8], deflate: Bool = true, declaredSize: Int? = nil) {
        items.append(Item(name: name, data: bytes, deflate: deflate, declaredSize: declaredSize))
    }

    static func deflateRaw(_ data: [UInt8]) -> [UInt8] {
        var zs = z_stream()
        return withUnsafeMutablePointer(to: &zs) { s -> [UInt8] in
            _ = deflateInit2_(s, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            defer { deflateEnd(s) }
            var out = [UInt8](repeating: 0, count: Int(deflateBound(s, UInt(data.count))) + 64)
            var input = data
            let produced = input.withUnsafeMutableBufferPointer { inp in
                out.withUnsafeMutableBufferPointer { o -> Int in
                    s.pointee.next_in = inp.baseAddress
                    s.pointee.avail_in = UInt32(inp.count)
                    s.pointee.next_out = o.baseAddress
                    s.pointee.avail_out = UInt32(o.count)
                    _ = deflate(s, Z_FINISH)
                    return o.count - Int(s.pointee.avail_out)
                }
            }
            return Array(out[0..<produced])
        }
    }

    static func crc(_ data: [UInt8]) -> UInt32 {
        UInt32(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int, _ a: inout [UInt8]) { le16(v & 0xFFFF, &a); le16(v >> 16 & 0xFFFF, &a) }
        for item in items {
            let payload = item.deflate ? TestZip.deflateRaw(item.data) : item.data
            let crc = Int(TestZip.crc(item.data))
            let size = item.declaredSize ?? item.data.count
            let name = Array(item.name.utf8)
            let offset = out.count
            le32(0x0403_4B50, &out); le16(20, &out); le16(0x0800, &out); le16(item.deflate ? 8 : 0, &out)
            le16(0, &out); le16(0x21, &out); le32(crc, &out); le32(payload.count, &out); le32(size, &out)
            le16(name.count, &out); le16(0, &out); out += name; out += payload
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(0x0800, &central)
            le16(item.deflate ? 8 : 0, &central); le16(0, &central); le16(0x21, &central); le32(crc, &central)
            le32(payload.count, &central); le32(size, &central); le16(name.count, &central)
            le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central); le32(0, &central)
            le32(offset, &central); central += name
        }
        let cdOffset = out.count
        out += central
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(items.count, &out); le16(items.count, &out)
        le32(central.count, &out); le32(cdOffset, &out); le16(0, &out)
        return out
    }
}

/// A minimal transitional workbook around the given sheet XML bodies.
struct TestWorkbook {
    var sheets: [(name: String, xml: String, state: String?)] = []
    var sharedStrings: [String]? = nil
    var stylesXML: String? = nil
    var date1904 = false
    var strict = false

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let strictNS = "http://purl.oclc.org/ooxml/spreadsheetml/main"

    var ns: String { strict ? TestWorkbook.strictNS : TestWorkbook.mainNS }
    var relNS: String {
        strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships"
            : "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    }

    func sheetXML(_ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"\(ns)\" xmlns:r=\"\(relNS)\">\(body)</worksheet>"
    }

    var zip: TestZip {
        var z = TestZip()
        z.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        z.add("_rels/.rels", """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="/xl/workbook.xml"/></Relationships>
            """)
        var wbRels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        var sheetsXML = ""
        for (i, s) in sheets.enumerated() {
            // Relative targets with "./" and a "../" hop, to prove resolution.
            let target = i % 2 == 0 ? "worksheets/sheet\(i + 1).xml" : "./../xl/worksheets/sheet\(i + 1).xml"
            wbRels += "<Relationship Id=\"rIdS\(i)\" Type=\"\(relNS)/worksheet\" Target=\"\(target)\"/>"
            let state = s.state.map { " state=\"\($0)\"" } ?? ""
            sheetsXML += "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\"\(state) r:id=\"rIdS\(i)\"/>"
            z.add("xl/worksheets/sheet\(i + 1).xml", sheetXML(s.xml))
        }
        if let sst = sharedStrings {
            wbRels += "<Relationship Id=\"rIdSST\" Type=\"\(relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            z.add("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"\(ns)\" count=\"\(sst.count)\" uniqueCount=\"\(sst.count)\">"
                  + sst.joined() + "</sst>")
        }
        if let styles = stylesXML {
            wbRels += "<Relationship Id=\"rIdST\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
            z.add("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"\(ns)\">\(styles)</styleSheet>")
        }
        wbRels += "</Relationships>"
        z.add("xl/_rels/workbook.xml.rels", wbRels)
        let pr = date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>"
        z.add("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"\(ns)\" xmlns:r=\"\(relNS)\">\(pr)<sheets>\(sheetsXML)</sheets></workbook>")
        return z
    }

    var bytes: [UInt8] { zip.bytes }
}

/// Everything a reader returns for one sheet.
struct ReadSheet {
    var info: SheetInfo
    var rows: [Row]
    var merged: [CellRange]

    /// Rows as cell arrays, trailing empty rows dropped (what `dump` shows).
    var grid: [[Cell]] {
        var g = rows.map(\.cells)
        while let last = g.last, last.allSatisfy(\.isEmpty) { g.removeLast() }
        return g
    }
}

/// Reads every sheet of an XLSX source through the plugin.
func readAll(_ source: InputSource, options: ReadOptions = ReadOptions()) throws -> (sheets: [ReadSheet], reader: any TableReader) {
    let reader = try XLSXPlugin().makeReader(source: source, options: options)
    var out: [ReadSheet] = []
    for (i, info) in reader.sheets.enumerated() {
        let cursor = try reader.rows(inSheet: i)
        var rows: [Row] = []
        while let r = try cursor.next() { rows.append(r) }
        out.append(ReadSheet(info: info, rows: rows, merged: cursor.mergedRanges))
    }
    return (out, reader)
}

func readAll(bytes: [UInt8], name: String = "test.xlsx", options: ReadOptions = ReadOptions()) throws -> [ReadSheet] {
    try readAll(InputSource(bytes: bytes, name: name), options: options).sheets
}

/// A fresh private folder for files a test writes.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func date(_ y: Int, _ m: Int, _ d: Int) -> Cell { .date(CalendarDate(year: y, month: m, day: d)!) }

func dateTime(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Cell {
    .dateTime(CalendarDateTime(date: CalendarDate(year: y, month: m, day: d)!, hour: h, minute: mi, second: s)!)
}

/// The text of one part of a zip file, read through the plugin's own zip reader.
func partText(_ bytes: [UInt8], _ part: String) throws -> String {
    let archive = try ZipArchive(bytes: ZipBytes(bytes: bytes, location: MentorBase.SourceLocation(file: "t")),
                                 policy: XLSXSafetyPolicy(), location: MentorBase.SourceLocation(file: "t"))
    let entry = try #require(archive.entry(named: part))
    let stream = try ZipEntryStream(archive: archive, entry: entry)
    var out: [UInt8] = []
    let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
    defer { buf.deallocate() }
    while true {
        let n = try stream.read(into: buf)
        if n == 0 { break }
        out += buf[0..<n]
    }
    return String(decoding: out, as: UTF8.self)
}

/// Expects `body` to throw a `MentorBaseError` of kind `.data`; returns it for further checks.
@discardableResult
func expectDataError(_ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> MentorBaseError? {
    do {
        try body()
        Issue.record("expected a data error, got none", sourceLocation: sourceLocation)
        return nil
    } catch let e as MentorBaseError {
        #expect(e.kind == .data, "wrong kind: \(e)", sourceLocation: sourceLocation)
        return e
    } catch {
        Issue.record("expected MentorBaseError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
