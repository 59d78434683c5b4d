/// Reads one source as a list of sheets of rows, pulling rows one at a time.
///
/// A reader knows nothing of the domain: it reports cells as the file holds them,
/// header rows included. Use it from one task; it is not `Sendable`.
///
/// ```swift
/// let reader = try plugin.makeReader(source: source, options: options)
/// for (index, sheet) in reader.sheets.enumerated() {
///     let rows = try reader.rows(inSheet: index)
///     while let row = try rows.next() { … }
/// }
/// ```
public protocol TableReader: AnyObject {
    /// The sheets in the order the file lists them (one for single-table formats).
    var sheets: [SheetInfo] { get }
    /// Encoding, delimiter and other facts the reader established.
    var details: SourceDetails { get }
    /// Warnings found so far (ragged rows, formulas without cached values …), bounded.
    var diagnostics: DiagnosticLog { get }
    /// A cursor over one sheet's rows. A one-shot source (stdin) may be read only once.
    func rows(inSheet index: Int) throws -> any RowCursor
}

/// A pull cursor over rows: `next()` returns nil at the end.
public protocol RowCursor: AnyObject {
    func next() throws -> Row?
    /// Merged ranges, complete once the cursor returned nil (XLSX lists them after the rows).
    var mergedRanges: [CellRange] { get }
}

extension RowCursor {
    public var mergedRanges: [CellRange] { [] }
}

/// How a sheet should look when a writer can style it (XLSX); plain formats ignore styling.
public struct SheetSpec: Sendable {
    public var name: String
    /// Column titles and settings, when known up front (lets writers size and validate columns).
    public var columns: [ColumnSpec]
    /// How many leading rows are the header (bold, frozen, autofiltered in XLSX).
    public var headerRows: Int

    public init(name: String, columns: [ColumnSpec] = [], headerRows: Int = 1) {
        self.name = name
        self.columns = columns
        self.headerRows = headerRows
    }
}

/// One column's presentation in a styled writer.
public struct ColumnSpec: Sendable {
    public var title: String
    /// Width in characters; nil lets the writer fit the content.
    public var width: Double?
    /// A dropdown list or date check a spreadsheet enforces while a person types.
    public var validation: ColumnValidation?
    /// An explanation shown on the header (an XLSX comment).
    public var note: String?

    public init(title: String, width: Double? = nil, validation: ColumnValidation? = nil, note: String? = nil) {
        self.title = title
        self.width = width
        self.validation = validation
        self.note = note
    }
}

public enum ColumnValidation: Sendable, Hashable {
    case list([String])
    case date
    case wholeNumber(min: Int, max: Int)
}

/// A mark on one written cell: a fill and a comment (error workbooks, merge plans).
public struct CellAnnotation: Sendable, Hashable {
    public enum Fill: String, Sendable {
        case error, warning, changed
    }
    public var fill: Fill?
    public var comment: String?

    public init(fill: Fill? = nil, comment: String? = nil) {
        self.fill = fill
        self.comment = comment
    }
}

/// Writes sheets of rows front to back. Call ``finish()`` once at the end; nothing is
/// complete before it.
public protocol TableWriter: AnyObject {
    /// Starts a sheet; single-table formats accept one sheet (or join all into one).
    func beginSheet(_ spec: SheetSpec) throws
    /// Writes one row of the current sheet. `annotations` maps 0-based column indexes to marks.
    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws
    /// Completes the output. The writer cannot be used after.
    func finish() throws
}

extension TableWriter {
    public func writeRow(_ cells: [Cell]) throws { try writeRow(cells, annotations: [:]) }
}
