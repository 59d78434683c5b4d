import Foundation
import JSONFormat
import MentorBase

/// The committed fixtures, found next to this file (the test target declares no resources).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }

    /// The sidecar a Python script wrote next to a fixture, parsed with Foundation (not with our reader).
    static func sidecar(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SidecarError(file: name)
        }
        return object
    }

    /// A tagged sidecar cell: `"s:text"`, `"n:1.5"`, `"b:true"`, or null.
    static func cell(_ any: Any) throws -> Cell {
        if any is NSNull { return .empty }
        guard let s = any as? String else { throw SidecarError(file: "cell \(any)") }
        let value = String(s.dropFirst(2))
        switch s.prefix(2) {
        case "s:": return .text(value)
        case "b:": return .boolean(value == "true")
        case "n:":
            guard let d = Double(value) else { throw SidecarError(file: "number \(value)") }
            return .number(d)
        default: throw SidecarError(file: "cell \(s)")
        }
    }
}

struct SidecarError: Error {
    var file: String
}

/// Everything a reader returned, for comparisons.
struct ReadResult {
    var sheets: [(name: String, rows: [Row])]
    var details: SourceDetails
    var diagnostics: DiagnosticLog
}

/// Reads every sheet of `source` with the JSON plugin.
func readJSON(_ source: InputSource, options: ReadOptions = ReadOptions()) throws -> ReadResult {
    let reader = try JSONPlugin().makeReader(source: source, options: options)
    var sheets: [(name: String, rows: [Row])] = []
    for (i, info) in reader.sheets.enumerated() {
        let cursor = try reader.rows(inSheet: i)
        var rows: [Row] = []
        while let r = try cursor.next() { rows.append(r) }
        sheets.append((info.name, rows))
    }
    return ReadResult(sheets: sheets, details: reader.details, diagnostics: reader.diagnostics)
}

/// Writes `sheets` with the JSON plugin into memory.
func writeJSON(_ sheets: [(String, [[Cell]])], name: String = "out.json", options: WriteOptions = WriteOptions()) throws -> [UInt8] {
    let sink = MemorySink()
    var o = options
    if o.sheetCount == nil { o.sheetCount = sheets.count }
    let writer = try JSONPlugin().makeWriter(target: OutputTarget(sink: sink, name: name), options: o)
    for (sheetName, rows) in sheets {
        try writer.beginSheet(SheetSpec(name: sheetName))
        for r in rows { try writer.writeRow(r) }
    }
    try writer.finish()
    return sink.bytes
}

/// The error a throwing call threw, if it was a MentorBaseError.
func mentorError(_ body: () throws -> Void) -> MentorBaseError? {
    do {
        try body()
        return nil
    } catch let e as MentorBaseError {
        return e
    } catch {
        return nil
    }
}
