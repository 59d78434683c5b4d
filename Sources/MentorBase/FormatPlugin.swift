/// A format id: lowercase, stable once released (`csv`, `xlsx`, `json`).
public typealias FormatID = String

/// What a format plugin can do. Conformance checks are chosen from these.
public struct FormatCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let read = FormatCapabilities(rawValue: 1 << 0)
    public static let write = FormatCapabilities(rawValue: 1 << 1)
    /// Holds several named sheets (workbooks, JSON objects of arrays).
    public static let multipleSheets = FormatCapabilities(rawValue: 1 << 2)
    /// Stores real date cells (not only text that looks like a date).
    public static let dates = FormatCapabilities(rawValue: 1 << 3)
    /// Stores numbers and booleans as typed values (not text).
    public static let typedValues = FormatCapabilities(rawValue: 1 << 4)
    /// Reads from a forward-only byte stream in bounded memory (any chunk size).
    public static let streaming = FormatCapabilities(rawValue: 1 << 5)
    /// Keeps cell styles, comments and validation lists (XLSX).
    public static let styling = FormatCapabilities(rawValue: 1 << 6)

    public var names: [String] {
        var out: [String] = []
        if contains(.read) { out.append("read") }
        if contains(.write) { out.append("write") }
        if contains(.multipleSheets) { out.append("multiple-sheets") }
        if contains(.dates) { out.append("dates") }
        if contains(.typedValues) { out.append("typed-values") }
        if contains(.streaming) { out.append("streaming") }
        if contains(.styling) { out.append("styling") }
        return out
    }
}

/// Bytes a file of this format starts with (at `offset`).
public struct MagicSignature: Sendable, Hashable {
    public var offset: Int
    public var bytes: [UInt8]
    public init(offset: Int = 0, bytes: [UInt8]) {
        self.offset = offset
        self.bytes = bytes
    }

    public func matches(_ head: [UInt8]) -> Bool {
        guard head.count >= offset + bytes.count else { return false }
        return head[offset..<(offset + bytes.count)].elementsEqual(bytes)
    }
}

/// An option a plugin understands, for `formats` and `--help`.
public struct FormatOption: Sendable, Hashable {
    public var name: String
    public var help: Localized
    public init(name: String, help: Localized) {
        self.name = name
        self.help = help
    }
}

/// Everything the registry and the command line need to know about a format, as data.
public struct FormatDescriptor: Sendable, Hashable {
    public var id: FormatID
    public var name: String
    /// Lower-case, without the dot (`csv`, `tsv`).
    public var extensions: [String]
    public var mediaTypes: [String]
    public var capabilities: FormatCapabilities
    public var magic: [MagicSignature]
    public var options: [FormatOption]
    /// `built-in`, or where an external plugin was found.
    public var origin: String

    public init(id: FormatID, name: String, extensions: [String], mediaTypes: [String] = [],
                capabilities: FormatCapabilities, magic: [MagicSignature] = [],
                options: [FormatOption] = [], origin: String = "built-in") {
        self.id = id
        self.name = name
        self.extensions = extensions
        self.mediaTypes = mediaTypes
        self.capabilities = capabilities
        self.magic = magic
        self.options = options
        self.origin = origin
    }
}

/// How sure a plugin is that a file is its format. Content always beats the file name.
public enum SniffConfidence: Int, Sendable, Comparable, Codable {
    /// Only the file name's extension matches.
    case fileExtension = 1
    /// The content is plausible (readable text with delimiters, say) but has no signature.
    case plausibleContent = 2
    /// The content has the format's structure (a JSON value, an OOXML workbook).
    case content = 3

    public static func < (a: SniffConfidence, b: SniffConfidence) -> Bool { a.rawValue < b.rawValue }
}

/// What a plugin's sniffer concluded, and why.
public struct SniffMatch: Sendable, Hashable {
    public var confidence: SniffConfidence
    public var reason: String
    public init(_ confidence: SniffConfidence, reason: String) {
        self.confidence = confidence
        self.reason = reason
    }
}

/// The first bytes of a source and its name, for sniffing.
public struct SniffProbe: Sendable {
    public var head: [UInt8]
    public var fileExtension: String?
    public init(head: [UInt8], fileExtension: String?) {
        self.head = head
        self.fileExtension = fileExtension
    }
}

/// Safety caps for untrusted input. Every reader honours the ones that apply to it.
public struct InputLimits: Sendable, Hashable {
    /// Bytes of one cell's text.
    public var maxCellBytes: Int = 1 << 20
    public var maxColumns: Int = 16_384
    public var maxRows: Int = 10_000_000
    /// Bytes of a whole file read into memory (containers such as XLSX).
    public var maxFileBytes: Int = 1 << 30
    /// Uncompressed bytes of all parts of a container together.
    public var maxTotalUncompressedBytes: Int = 4 << 30
    /// Uncompressed bytes of one part of a container.
    public var maxPartBytes: Int = 1 << 30
    /// Entries in a container.
    public var maxEntries: Int = 10_000
    /// Uncompressed-to-compressed ratio above which an entry is refused as a zip bomb.
    public var maxCompressionRatio: Int = 200

    public init() {}
}

/// Options for reading; plugin-specific ones go in `settings` (`--option key=value`).
public struct ReadOptions: Sendable {
    /// A forced text encoding (`utf-8`, `windows-1251`, `utf-16le` …); nil detects it.
    public var encoding: String?
    /// A forced delimiter for delimited text; nil sniffs it.
    public var delimiter: String?
    public var limits: InputLimits
    public var settings: [String: String]

    public init(encoding: String? = nil, delimiter: String? = nil, limits: InputLimits = InputLimits(),
                settings: [String: String] = [:]) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.limits = limits
        self.settings = settings
    }
}

/// Options for writing; plugin-specific ones go in `settings`.
public struct WriteOptions: Sendable {
    /// A delimiter for delimited text.
    public var delimiter: String?
    /// A named dialect (`excel-ru` for CSV, `ndjson` for JSON …).
    public var dialect: String?
    /// Large output: trade features for flat memory (libxlsxwriter's constant-memory mode).
    public var constantMemory: Bool
    /// How many sheets the caller will write, when known (lets JSON choose an array or an object of arrays).
    public var sheetCount: Int?
    public var settings: [String: String]

    public init(delimiter: String? = nil, dialect: String? = nil, constantMemory: Bool = false,
                sheetCount: Int? = nil, settings: [String: String] = [:]) {
        self.delimiter = delimiter
        self.dialect = dialect
        self.constantMemory = constantMemory
        self.sheetCount = sheetCount
        self.settings = settings
    }
}

/// A file format: metadata as data, a sniffer, and factories for readers and writers.
///
/// Adding a format is a folder under `Plugins/`, a target in Package.swift and one
/// line in `MentorFormats.builtinPlugins`; the conformance suite proves the rest.
public protocol FormatPlugin: Sendable {
    var descriptor: FormatDescriptor { get }
    /// Looks at the first bytes and the name; nil when the source is surely not this format.
    func sniff(_ probe: SniffProbe) -> SniffMatch?
    func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader
    func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter
}

extension FormatPlugin {
    /// Magic bytes, then the extension. Plugins with richer content checks override it.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? {
        let d = descriptor
        if d.magic.contains(where: { $0.matches(probe.head) }) {
            return SniffMatch(.content, reason: "signature")
        }
        if let ext = probe.fileExtension, d.extensions.contains(ext) {
            return SniffMatch(.fileExtension, reason: "extension .\(ext)")
        }
        return nil
    }

    public func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        throw MentorBaseError(code: "format-cannot-read", kind: .usage,
                              message: Localized(ru: "формат \(descriptor.id) не умеет читать",
                                                 en: "format \(descriptor.id) cannot read"))
    }

    public func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        throw MentorBaseError(code: "format-cannot-write", kind: .usage,
                              message: Localized(ru: "формат \(descriptor.id) не умеет записывать",
                                                 en: "format \(descriptor.id) cannot write"))
    }
}
