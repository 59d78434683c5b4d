/// One row as a reader found it.
public struct Row: Hashable, Sendable {
    /// The 1-based row number a person sees: a spreadsheet row, a CSV record, an NDJSON line.
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }
}

/// A rectangular range of cells, 1-based and inclusive (a merged range, a header block).
public struct CellRange: Hashable, Sendable, Codable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// Parses `A1:C2` (or a single `B7`).
    public init?(reference: Substring) {
        let parts = reference.split(separator: ":")
        guard parts.count == 1 || parts.count == 2,
              let a = CellRange.parseCell(parts[0]), let b = CellRange.parseCell(parts.last!) else { return nil }
        self.init(firstRow: min(a.row, b.row), firstColumn: min(a.column, b.column),
                  lastRow: max(a.row, b.row), lastColumn: max(a.column, b.column))
    }

    /// `B7 → (row 7, column 2)`; `$` signs are ignored.
    public static func parseCell(_ s: Substring) -> (row: Int, column: Int)? {
        let t = s.filter { $0 != "$" }
        guard let firstDigit = t.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
        guard let col = SourceLocation.column(forLetters: t[..<firstDigit]),
              let row = Int(t[firstDigit...]), row > 0 else { return nil }
        return (row, col)
    }

    /// `A1:C2`
    public var reference: String {
        "\(SourceLocation.letter(forColumn: firstColumn))\(firstRow):\(SourceLocation.letter(forColumn: lastColumn))\(lastRow)"
    }
}

/// What a reader knows about one sheet before reading its rows.
public struct SheetInfo: Hashable, Sendable {
    public var name: String
    /// Hidden or very hidden in the workbook.
    public var hidden: Bool

    public init(name: String, hidden: Bool = false) {
        self.name = name
        self.hidden = hidden
    }
}

/// What a reader found out about the source as a whole (shown by `inspect` and `dump`).
public struct SourceDetails: Hashable, Sendable {
    /// One of `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1251`; nil for binary formats.
    public var encoding: String?
    /// The field delimiter of delimited text, nil otherwise.
    public var delimiter: String?
    /// Anything else worth showing, as ordered pairs (`date1904: true`, `layout: ndjson`).
    public var extras: [(String, String)] = []

    public init(encoding: String? = nil, delimiter: String? = nil, extras: [(String, String)] = []) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.extras = extras
    }

    public static func == (a: SourceDetails, b: SourceDetails) -> Bool {
        a.encoding == b.encoding && a.delimiter == b.delimiter
            && a.extras.map(\.0) == b.extras.map(\.0) && a.extras.map(\.1) == b.extras.map(\.1)
    }

    public func hash(into h: inout Hasher) {
        h.combine(encoding)
        h.combine(delimiter)
        for (k, v) in extras { h.combine(k); h.combine(v) }
    }
}
