import MentorBase

/// Delimited text (CSV, TSV), parsed by libcsv.
///
/// Reading detects the encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM, Windows-1251) and
/// the delimiter (`;` `,` tab `|`) with no flags; `--encoding` and `--delimiter` force them.
/// Every cell is text; the schema gives it a type. Writing is UTF-8 in a named dialect.
public struct CSVPlugin: FormatPlugin {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(
            id: "csv", name: "CSV (delimited text)", extensions: ["csv", "tsv", "txt"],
            mediaTypes: ["text/csv", "text/tab-separated-values"],
            capabilities: [.read, .write, .streaming],
            options: [
                FormatOption(name: "newline", help: Localized(ru: "перевод строки при записи: crlf или lf",
                                                              en: "line ending when writing: crlf or lf")),
                FormatOption(name: "bom", help: Localized(ru: "писать BOM в начале (true/false)",
                                                          en: "write a BOM first (true/false)")),
            ])
    }

    /// Plausible when the head decodes as text with line structure; binary data is refused.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? {
        let byExtension = probe.fileExtension.map { descriptor.extensions.contains($0) } ?? false
        let fallback = byExtension ? SniffMatch(.fileExtension, reason: "extension .\(probe.fileExtension ?? "")") : nil
        guard !probe.head.isEmpty, let enc = TextEncodingDetector.detect(probe.head) else { return fallback }
        let text = CSVReader.utf8Prefix(probe.head, enc)
        // Control bytes other than tab and line breaks mean binary data, not a table.
        var control = 0
        for b in text.prefix(8192) where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { control += 1 }
        if control > 0 { return fallback }
        if DelimiterSniffer.sniff(text[...]) != nil || text.contains(0x0A) {
            return SniffMatch(.plausibleContent, reason: "text (\(enc.encoding.rawValue))")
        }
        return fallback
    }

    public func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        try CSVReader(source: source, options: options)
    }

    public func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        var dialect: CSVDialect
        if let name = options.dialect {
            guard let d = CSVDialect.named(name) else {
                throw MentorBaseError.usage(ru: "неизвестный вариант CSV «\(name)»; есть: rfc4180, unix, excel-ru, tsv",
                                            en: "unknown CSV dialect “\(name)”; there are: rfc4180, unix, excel-ru, tsv")
            }
            dialect = d
        } else {
            dialect = target.fileExtension == "tsv" ? .tsv : .rfc4180
        }
        if let d = options.delimiter {
            guard d.utf8.count == 1, let b = d.utf8.first, b != 0x22, b != 0x0A, b != 0x0D else {
                throw MentorBaseError.usage(ru: "разделитель должен быть одним символом ASCII",
                                            en: "the delimiter must be one ASCII character")
            }
            dialect.delimiter = b
        }
        if let nl = options.settings["newline"] {
            switch nl.lowercased() {
            case "crlf": dialect.lineEnding = [0x0D, 0x0A]
            case "lf": dialect.lineEnding = [0x0A]
            default: throw MentorBaseError.usage(ru: "newline: crlf или lf", en: "newline: crlf or lf")
            }
        }
        if let bom = options.settings["bom"] { dialect.byteOrderMark = ["true", "1", "yes", "да"].contains(bom.lowercased()) }
        return try CSVWriter(target: target, dialect: dialect)
    }
}
