import MentorBase

/// The checks the conformance suite knows, by their stable names.
public enum ConformanceCheck: String, CaseIterable, Sendable, Hashable {
    /// The golden table (Cyrillic, quotes, line breaks, a leading `=`, `+7…`, empty cells) comes back cell for cell.
    case roundTripGolden = "round-trip.golden"
    /// A table that is only a header row comes back (or, with `headerOnlyTableMayReadAsEmpty`, as no rows).
    case roundTripHeaderOnly = "round-trip.header-only"
    /// A header and one row come back.
    case roundTripOneRow = "round-trip.one-row"
    /// A ~40 KB cell comes back whole.
    case roundTripLongText = "round-trip.long-text"
    /// Numbers and booleans: exact for `.typedValues` plugins, the same text form for the others.
    case typedValues = "typed-values"
    /// Dates and date-times: exact for `.dates` plugins, the same text form (ISO or Russian) for the others.
    case dates = "dates"
    /// Several named sheets come back with their names and rows (`.multipleSheets` plugins).
    case multipleSheets = "multiple-sheets"
    /// Writing to a file path and reading from a file path gives the same rows as memory does.
    case fileTarget = "file-target"
    /// The plugin's own output fed in chunks of 1, 7 and 4096 bytes reads identically (`.streaming` plugins).
    case chunkedInput = "chunked-input"
    /// Zero bytes give no rows or a `MentorBaseError` naming the file.
    case emptyInput = "empty-input"
    /// A UTF-8 BOM in front of the plugin's own (text) output changes nothing.
    case byteOrderMark = "bom"
    /// The registry ranks the plugin first for its own output, even under a wrong file extension.
    case sniffOwnOutput = "sniff.own-output"
    /// The plugin does not claim `.content` confidence for other plugins' output.
    case sniffOthersOutput = "sniff.others-output"
    /// Its own output cut short at several points gives rows or a located `MentorBaseError`.
    case truncatedInput = "corrupt.truncated"
    /// Its own output with bytes changed, inserted or removed gives rows or a located `MentorBaseError`.
    case mutatedInput = "corrupt.mutated"
    /// Random bytes give rows or a located `MentorBaseError`.
    case randomInput = "corrupt.random-bytes"
    /// A write-only plugin writes every test table without an error.
    case writeTables = "write"
}

/// One thing a plugin got wrong, with what to fix.
public struct ConformanceFailure: Sendable, Hashable, CustomStringConvertible {
    /// The check's stable name (a ``ConformanceCheck`` raw value).
    public var check: String
    /// What happened and what the plugin's author should look at.
    public var message: String

    public init(check: String, message: String) {
        self.check = check
        self.message = message
    }

    public var description: String { "[\(check)] \(message)" }
}

/// A check that did not run, and why (a capability the plugin lacks, an option, a missing peer).
public struct ConformanceSkip: Sendable, Hashable, CustomStringConvertible {
    public var check: String
    public var reason: String

    public init(check: String, reason: String) {
        self.check = check
        self.reason = reason
    }

    public var description: String { "[\(check)] skipped: \(reason)" }
}

/// What the suite found for one plugin.
public struct ConformanceReport: Sendable, CustomStringConvertible {
    /// The plugin's format id.
    public var plugin: FormatID
    /// Names of the checks that ran, in order.
    public var checksRun: [String]
    /// Everything that went wrong; empty when the plugin conforms.
    public var failures: [ConformanceFailure]
    /// Checks that did not run (or parts of them), with reasons.
    public var skipped: [ConformanceSkip]

    public init(plugin: FormatID, checksRun: [String] = [], failures: [ConformanceFailure] = [],
                skipped: [ConformanceSkip] = []) {
        self.plugin = plugin
        self.checksRun = checksRun
        self.failures = failures
        self.skipped = skipped
    }

    /// True when checks ran and none failed.
    public var passed: Bool { !checksRun.isEmpty && failures.isEmpty }

    /// The failures of one check.
    public func failures(of check: ConformanceCheck) -> [ConformanceFailure] {
        failures.filter { $0.check == check.rawValue }
    }

    /// A multi-line summary: the verdict, then one line per failure and skip.
    public var description: String {
        var lines = ["\(plugin): \(checksRun.count) checks, \(failures.count) failures, \(skipped.count) skipped"]
        lines += failures.map { "  FAIL " + $0.description }
        lines += skipped.map { "  SKIP " + $0.description }
        return lines.joined(separator: "\n")
    }
}

/// Settings for one run of the suite.
public struct ConformanceOptions: Sendable {
    /// The extension of the names the suite gives its files; nil uses the plugin's first extension.
    public var fileExtension: String?
    /// Passed to every write (the suite sets `sheetCount`); use `dialect` to test a variant.
    public var writeOptions: WriteOptions
    /// Passed to every read.
    public var readOptions: ReadOptions
    /// Whether the format is text (enables the BOM check); nil decides from the plugin's own output
    /// (valid UTF-8 without NUL bytes).
    public var isText: Bool?
    /// Chunk sizes the streaming check feeds the reader.
    public var chunkSizes: [Int]
    /// Formats that store a header only through their records (JSON arrays of objects) may read a
    /// header-only table back as no rows.
    public var headerOnlyTableMayReadAsEmpty: Bool
    /// Checks not to run, with the reason (reported in ``ConformanceReport/skipped``).
    public var skip: [ConformanceCheck: String]
    /// Seed of the random and mutated inputs, so a failure can be replayed.
    public var seed: UInt64
    /// A reader returning more rows than this for a small or corrupt input is taken to be looping.
    public var maxRowsPerRead: Int
    /// Folder for the file-target check; nil uses the system's temporary folder.
    public var temporaryDirectory: String?

    public init(fileExtension: String? = nil, writeOptions: WriteOptions = WriteOptions(),
                readOptions: ReadOptions = ReadOptions(), isText: Bool? = nil, chunkSizes: [Int] = [1, 7, 4096],
                headerOnlyTableMayReadAsEmpty: Bool = false, skip: [ConformanceCheck: String] = [:],
                seed: UInt64 = 0x6D65_6E74_6F72, maxRowsPerRead: Int = 100_000, temporaryDirectory: String? = nil) {
        self.fileExtension = fileExtension
        self.writeOptions = writeOptions
        self.readOptions = readOptions
        self.isText = isText
        self.chunkSizes = chunkSizes
        self.headerOnlyTableMayReadAsEmpty = headerOnlyTableMayReadAsEmpty
        self.skip = skip
        self.seed = seed
        self.maxRowsPerRead = maxRowsPerRead
        self.temporaryDirectory = temporaryDirectory
    }
}

/// A named sheet of cells the suite writes and expects back; row 1 is the header.
public struct ConformanceTable: Sendable, Hashable {
    public var name: String
    public var rows: [[Cell]]

    public init(name: String, rows: [[Cell]]) {
        self.name = name
        self.rows = rows
    }
}
