import MentorBase

/// The one safety policy for reading untrusted zip + XML documents (XLSX, ODS, …).
///
/// Such a file can carry a zip bomb, entity expansion ("billion laughs"), external entities
/// that read local files or the network, hostile entry names and plain corruption. The
/// defences of ``ZipArchive``, ``ZipEntryStream`` and ``XMLPushParser``, all on by default:
/// - **XML**: any `<!DOCTYPE>` or entity declaration stops the parse with an error
///   (office formats never need one); libxml2 runs without `XML_PARSE_NOENT`,
///   `XML_PARSE_DTDLOAD` and `XML_PARSE_HUGE`, with `XML_PARSE_NONET`, and its external
///   entity loader refuses everything. libxml2's errors go to a per-parser structured
///   handler, never to standard error.
/// - **Zip**: entries are read by name and inflated in memory, chunk by chunk, never
///   extracted to disk. Names that are absolute, hold a `..` segment, a NUL or repeat
///   another entry's name are refused. Every part read is checked on its declared sizes
///   *and* on the bytes actually inflated: no more than declared, no more than
///   `maxPartBytes` for a part held in memory (a part opened with `streamed: true` is
///   bounded by the total instead), all parts together no more than
///   `maxTotalUncompressedBytes`, and beyond ``ratioFloorBytes`` no more than
///   `maxCompressionRatio` times the compressed bytes consumed so far. CRC-32 and sizes are
///   checked at the end of each part.
/// - **Cells**: `maxCellBytes`, `maxRows` and `maxColumns` are the format reader's to
///   enforce (the container does not know what a cell is).
/// - **Errors** are `MentorBaseError`s of kind `.data` (`source-error`, `limit-exceeded`) whose
///   location names the part (`SourceLocation.part`, e.g. `xl/worksheets/sheet1.xml`).
public struct ContainerSafetyPolicy: Sendable, Hashable {
    /// Caps shared with every reader (cell size, rows, columns, container sizes).
    public var limits: InputLimits
    /// Entries smaller than this are not ratio-checked: small XML compresses very well.
    public var ratioFloorBytes: Int = 4 << 20
    /// The central directory is read whole; this bounds it.
    public var maxCentralDirectoryBytes: Int = 64 << 20

    /// The default policy over the given limits (usually `ReadOptions.limits`).
    public init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }
}

/// How a zip + XML format is named in the messages the container module writes.
///
/// The container's errors ("the file is damaged: the part's checksum does not match") end
/// with a hint that says how to repair the file; the hint names the format and the
/// programs that write it.
public struct ContainerFormat: Sendable, Hashable {
    /// The short name people know the format by (`XLSX`, `ODS`).
    public var name: String
    /// What to do with a damaged file ("open it in … and save it again as XLSX").
    public var repairHint: Localized
    /// What the file probably is when the zip lacks the format's main part.
    public var notThisFormatHint: Localized

    /// A format with its own hints.
    public init(name: String, repairHint: Localized, notThisFormatHint: Localized) {
        self.name = name
        self.repairHint = repairHint
        self.notThisFormatHint = notThisFormatHint
    }

    /// A format with the usual hints: re-save it in an office program; check the download.
    public init(name: String) {
        self.name = name
        self.repairHint = Localized(
            ru: "откройте файл в Excel, LibreOffice или МойОфис и сохраните заново как \(name)",
            en: "open the file in Excel, LibreOffice or MyOffice and save it again as \(name)")
        self.notThisFormatHint = Localized(
            ru: "проверьте, что файл скачан целиком и сохранён как \(name)",
            en: "check that the file was downloaded whole and saved as \(name)")
    }
}
