import MentorBase

/// Excel workbooks (Office Open XML, transitional and strict): a streaming, hardened reader
/// and a writer on libxlsxwriter.
///
/// Reading settings (`--option key=value`): `fill-merged=none|header|all`. The safety policy
/// for untrusted files is ``XLSXSafetyPolicy``; `Plugins/XLSX/README.md` describes both sides.
public struct XLSXPlugin: FormatPlugin {
    /// The plugin; it holds no state.
    public init() {}

    /// Id `xlsx`, extensions `.xlsx`/`.xlsm`, the zip signature, and the `fill-merged` and `constant-memory` settings.
    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "xlsx", name: "Excel workbook (XLSX)", extensions: ["xlsx", "xlsm"],
                         mediaTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
                         capabilities: [.read, .write, .multipleSheets, .dates, .typedValues, .styling],
                         magic: [MagicSignature(bytes: [0x50, 0x4B, 0x03, 0x04])],
                         options: [
                            FormatOption(name: "fill-merged",
                                         help: Localized(ru: "чтение: заполнить объединённые ячейки значением верхней левой — none (по умолчанию), header (только заголовок) или all",
                                                         en: "reading: fill merged cells with their top-left value — none (default), header (header rows only) or all")),
                            FormatOption(name: "constant-memory",
                                         help: Localized(ru: "запись: true — режим постоянной памяти libxlsxwriter для больших выгрузок (строки inline)",
                                                         en: "writing: true uses libxlsxwriter's constant-memory mode for large exports (inline strings)")),
                         ])
    }

    /// A zip is claimed as content only when its first entries look like a workbook
    /// (`xl/…` names); any other zip is merely plausible, and a zip that is surely another
    /// document (OpenDocument's `mimetype`, Word's `word/`, PowerPoint's `ppt/`) is left alone.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? {
        let byExtension = probe.fileExtension.map { descriptor.extensions.contains($0) } ?? false
        let extensionMatch = byExtension ? SniffMatch(.fileExtension, reason: "extension .\(probe.fileExtension ?? "")") : nil
        guard probe.head.count >= 4, probe.head[0] == 0x50, probe.head[1] == 0x4B, probe.head[2] == 0x03,
              probe.head[3] == 0x04 else { return extensionMatch }
        switch ZipHeadScan.classify(probe.head) {
        case .workbook: return SniffMatch(.content, reason: "OOXML workbook (xl/ parts)")
        case .otherDocument: return extensionMatch
        case .unknownZip: return SniffMatch(.plausibleContent, reason: "zip signature")
        }
    }

    /// A streaming reader; opening reads only the zip directory and the workbook's small parts.
    public func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        try XLSXReader(source: source, options: options)
    }

    /// A libxlsxwriter writer; see `XLSXWriter` for what it writes and how.
    public func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        try XLSXWriter(target: target, options: options)
    }
}

/// What the local file headers at the start of a zip say about its contents.
enum ZipHeadScan {
    enum Verdict { case workbook, otherDocument, unknownZip }

    /// Walks the local headers found in `head` (entries may use data descriptors, so it
    /// searches for each header's signature rather than trusting sizes).
    static func classify(_ head: [UInt8]) -> Verdict {
        var i = 0
        let n = head.count
        while i + 30 <= n {
            guard head[i] == 0x50, head[i + 1] == 0x4B, head[i + 2] == 0x03, head[i + 3] == 0x04 else { i += 1; continue }
            let nameLength = Int(head[i + 26]) | Int(head[i + 27]) << 8
            let start = i + 30
            guard nameLength > 0, start + nameLength <= n else { break }
            let name = String(decoding: head[start..<(start + nameLength)], as: UTF8.self).lowercased()
            if name.hasPrefix("xl/") { return .workbook }
            if name == "mimetype" || name.hasPrefix("word/") || name.hasPrefix("ppt/") || name == "meta-inf/manifest.xml" {
                return .otherDocument
            }
            i = start + nameLength
        }
        // [Content_Types].xml alone says OOXML but not which kind: plausible, not proven.
        return .unknownZip
    }
}
