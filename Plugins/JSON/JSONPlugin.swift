import MentorBase

/// JSON: an array of objects, an object of such arrays (one sheet per key), or NDJSON.
///
/// Reading streams with flat memory and accepts a UTF-8 BOM. Row 1 of every sheet is the
/// header (the keys in first-seen order, as text), then one row per object. Values map to cells
/// as: `null` → `.empty`, string → `.text`, number → `.number`, `true`/`false` → `.boolean`,
/// and a nested array or object → `.text` holding its compact JSON (`[1,2]`, `{"a":"b"}`).
/// `details.extras` holds `("layout", "array" | "object" | "ndjson")`. Bad input (invalid
/// JSON, truncation, invalid UTF-8, a lone scalar, an array of non-objects) is a
/// ``MentorBaseError`` of kind `.data` naming the file, row and key.
///
/// Writing picks the layout from `WriteOptions.dialect` (`array`, `object`, `ndjson`), else from
/// the output's extension (`.ndjson`, `.jsonl`), else `object` when more than one sheet is
/// coming (`WriteOptions.sheetCount`), else `array`.
public struct JSONPlugin: FormatPlugin {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "json", name: "JSON / NDJSON", extensions: ["json", "ndjson", "jsonl"],
                         mediaTypes: ["application/json", "application/x-ndjson"],
                         capabilities: [.read, .write, .multipleSheets, .typedValues, .streaming],
                         options: [FormatOption(name: "dialect",
                                                help: Localized(ru: "при записи: array, object или ndjson",
                                                                en: "when writing: array, object or ndjson"))])
    }

    /// `.content` when the first significant byte (after an optional BOM) is `[` or `{` and the
    /// bytes that follow parse as JSON as far as they go; `.fileExtension` for the name alone.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? {
        if JSONPlugin.startsLikeJSON(probe.head) {
            return SniffMatch(.content, reason: "JSON text starting with [ or {")
        }
        if let ext = probe.fileExtension, descriptor.extensions.contains(ext) {
            return SniffMatch(.fileExtension, reason: "extension .\(ext)")
        }
        return nil
    }

    public func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        try JSONTableReader(source: source, options: options)
    }

    public func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        let layout = try JSONPlugin.layout(for: target, options: options)
        if layout != .object, let n = options.sheetCount, n > 1 {
            throw JSONTableWriter.oneSheetOnly(layout)
        }
        return JSONTableWriter(sink: try target.openSink(), layout: layout)
    }

    /// The layout a write will use: the dialect, else the extension, else the sheet count.
    public static func layout(for target: OutputTarget, options: WriteOptions) throws -> JSONLayout {
        if let d = options.dialect {
            switch d.lowercased() {
            case "array", "records": return .array
            case "object": return .object
            case "ndjson", "jsonl", "lines": return .ndjson
            default:
                throw MentorBaseError.usage(ru: "у JSON нет варианта «\(d)»; есть array, object, ndjson",
                                            en: "JSON has no dialect “\(d)”; there are array, object, ndjson")
            }
        }
        if let ext = target.fileExtension, ext == "ndjson" || ext == "jsonl" { return .ndjson }
        if let n = options.sheetCount, n > 1 { return .object }
        return .array
    }

    /// Whether `head` starts with `[` or `{` and parses, value after value, until the bytes run out.
    static func startsLikeJSON(_ head: [UInt8]) -> Bool {
        let sc = JSONScanner(stream: MemoryStream(head), location: SourceLocation(), maxCellBytes: head.count + 16)
        do {
            _ = try sc.skipBOM()
            guard let first = try sc.skipWhitespace(), first == 0x5B || first == 0x7B else { return false }
            var sink: [UInt8] = []
            while try sc.skipWhitespace() != nil {
                sink.removeAll(keepingCapacity: true)
                try sc.captureValue(into: &sink)
            }
            return true
        } catch {
            // A head cut inside a value is still JSON; anything else is not.
            return sc.reachedEnd
        }
    }
}
