import Foundation
import MentorBase

/// One `<Relationship>` of a `.rels` part, its target already resolved to a part name.
struct PartRelationship {
    var id: String
    /// The type URI (transitional `http://schemas.openxmlformats.org/...` or strict `http://purl.oclc.org/ooxml/...`).
    var type: String
    /// The zip entry name the target resolves to; nil for external targets.
    var part: String?

    /// The last segment of the type URI (`worksheet`, `sharedStrings`, `officeDocument`).
    var kind: Substring { type.split(separator: "/").last ?? "" }
}

/// Reads a `.rels` part: relationship ids, types and targets.
final class RelationshipsSink: SAXSink {
    private let baseFolder: String
    var relationships: [PartRelationship] = []

    /// `baseFolder` is the folder of the part the relationships belong to (`xl/` for `xl/workbook.xml`).
    init(location: SourceLocation, baseFolder: String) {
        self.baseFolder = baseFolder
        super.init(location: location)
    }

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard xmlNameIs(name, "Relationship") else { return }
        let a = XMLAttributes(count, attributes)
        guard let id = a.string("Id"), let type = a.string("Type"), let target = a.string("Target") else { return }
        let external = a.string("TargetMode")?.lowercased() == "external"
        relationships.append(PartRelationship(id: id, type: type,
                                              part: external ? nil : PartPath.resolve(target, from: baseFolder)))
    }
}

/// Part names inside the package: relative targets, absolute targets, `.` and `..`, `%20`.
enum PartPath {
    /// The folder of a part name, with its trailing slash (`xl/` for `xl/workbook.xml`, `` for `a.xml`).
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// The `.rels` part that holds `part`'s relationships (`xl/_rels/workbook.xml.rels`).
    static func relationshipsPart(of part: String) -> String {
        let name = part.split(separator: "/").last.map(String.init) ?? part
        return folder(of: part) + "_rels/" + name + ".rels"
    }

    /// Resolves a relationship target against the folder of its source part; nil if it leaves the package.
    static func resolve(_ target: String, from baseFolder: String) -> String? {
        let decoded = target.removingPercentEncodingSafely
        let path = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : baseFolder + decoded
        var segments: [Substring] = []
        for s in path.split(separator: "/", omittingEmptySubsequences: true) {
            if s == "." { continue }
            if s == ".." {
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
                continue
            }
            segments.append(s)
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }
}

extension String {
    /// `%20` → space; malformed escapes are kept as they are.
    var removingPercentEncodingSafely: String {
        guard contains("%") else { return self }
        var out: [UInt8] = []
        let u = Array(utf8)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x37
            case 0x61...0x66: return b - 0x57
            default: return nil
            }
        }
        while i < u.count {
            if u[i] == 0x25, i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One `<sheet>` of workbook.xml.
struct WorkbookSheet {
    var name: String
    var hidden: Bool
    var relationshipID: String?
}

/// Reads workbook.xml: the sheets in order, their state, and the 1904 flag.
final class WorkbookSink: SAXSink {
    var sheets: [WorkbookSheet] = []
    var date1904 = false

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        let a = XMLAttributes(count, attributes)
        if xmlNameIs(name, "sheet") {
            let state = a.string("state") ?? "visible"
            sheets.append(WorkbookSheet(name: a.string("name") ?? "", hidden: state == "hidden" || state == "veryHidden",
                                        relationshipID: a.string("id", uriSuffix: "relationships")))
        } else if xmlNameIs(name, "workbookPr") {
            let v = a.string("date1904")?.lowercased()
            date1904 = v == "1" || v == "true" || v == "on"
        }
    }
}

/// Reads styles.xml: custom number formats and, per cell style (`cellXfs`), its format's kind.
final class StylesSink: SAXSink {
    private var customFormats: [Int: NumberFormatKind] = [:]
    private var xfFormatIDs: [Int] = []
    private var inCellXfs = false

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        let a = XMLAttributes(count, attributes)
        if xmlNameIs(name, "numFmt") {
            if let id = a.int("numFmtId"), let code = a.string("formatCode") {
                customFormats[id] = NumberFormatKind.classify(code: code)
            }
        } else if xmlNameIs(name, "cellXfs") {
            inCellXfs = true
        } else if inCellXfs && xmlNameIs(name, "xf") {
            xfFormatIDs.append(a.int("numFmtId") ?? 0)
        }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        if xmlNameIs(name, "cellXfs") { inCellXfs = false }
    }

    /// Per cell style index, the kind of its number format (custom formats override built-in ids).
    var kinds: [NumberFormatKind] {
        xfFormatIDs.map { customFormats[$0] ?? NumberFormatKind.builtIn($0) }
    }
}

/// Reads docProps/app.xml for the producing application's name.
final class AppPropertiesSink: SAXSink {
    private var capturing = false
    private var bytes: [UInt8] = []
    var application: String?

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if xmlNameIs(name, "Application") { capturing = true }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        if capturing && xmlNameIs(name, "Application") {
            capturing = false
            let s = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !s.isEmpty { application = s }
        }
    }

    override func characters(_ p: UnsafePointer<UInt8>, _ count: Int) {
        if capturing && bytes.count < 1024 { bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: count)) }
    }
}
