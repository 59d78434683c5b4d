import MentorBase

/// The one safety policy for reading untrusted workbooks; `Plugins/XLSX/README.md` explains it.
///
/// An XLSX file is a zip of XML parts, so it can carry a zip bomb, entity expansion
/// ("billion laughs"), external entities that read local files or the network, hostile
/// entry names and plain corruption. The reader's defences, all on by default:
/// - **XML**: any `<!DOCTYPE>` or entity declaration stops the parse with an error
///   (SpreadsheetML never needs one); libxml2 runs without `XML_PARSE_NOENT`,
///   `XML_PARSE_DTDLOAD` and `XML_PARSE_HUGE`, with `XML_PARSE_NONET`, and its external
///   entity loader refuses everything. libxml2's errors go to a per-parser structured
///   handler, never to standard error.
/// - **Zip**: entries are read by name and inflated in memory, chunk by chunk, never
///   extracted to disk. Names that are absolute, hold a `..` segment, a NUL or repeat
///   another entry's name are refused. Every part read is checked on its declared sizes
///   *and* on the bytes actually inflated: no more than declared, no more than
///   `maxPartBytes` for a part held in memory (shared strings, styles, workbook, relationships;
///   a streamed sheet is bounded by the total instead), all parts together no more than
///   `maxTotalUncompressedBytes`, and
///   beyond `ratioFloorBytes` no more than `maxCompressionRatio` times the compressed
///   bytes consumed so far. CRC-32 and sizes are checked at the end of each part.
/// - **Cells**: text longer than `maxCellBytes`, rows past `maxRows`, columns past
///   `maxColumns` stop the read with an error naming the sheet, row and column.
/// - **Errors** name the part (`xl/worksheets/sheet1.xml`) and, for cells, the sheet,
///   row and column; they are `MentorBaseError`s of kind `.data`.
public struct XLSXSafetyPolicy: Sendable, Hashable {
    /// Caps shared with every reader (cell size, rows, columns, container sizes).
    public var limits: InputLimits
    /// Entries smaller than this are not ratio-checked: small XML compresses very well.
    public var ratioFloorBytes: Int = 4 << 20
    /// The central directory is read whole; this bounds it.
    public var maxCentralDirectoryBytes: Int = 64 << 20

    /// The default policy over the given limits.
    public init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }
}
