/// A chart over cells already written to the current sheet, described without any format's terms.
///
/// Writers that can draw charts (XLSX) adopt ``ChartWriting``; callers use
/// ``TableWriter/addChartIfSupported(_:)`` and every other format simply skips the chart.
/// Rows and columns are 0-based indexes into the sheet as written (the header row is row 0).
public struct ChartSpec: Sendable, Hashable {
    /// The chart's shape.
    public enum Kind: String, Sendable, Hashable {
        case column, bar, line, pie
    }

    /// One series: a name and the column holding its values.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var valuesColumn: Int

        public init(name: String, valuesColumn: Int) {
            self.name = name
            self.valuesColumn = valuesColumn
        }
    }

    public var kind: Kind
    public var title: String
    /// The column holding the category names (one per row).
    public var categoriesColumn: Int
    /// The data rows, inclusive.
    public var firstRow: Int
    public var lastRow: Int
    public var series: [Series]
    /// The top-left cell the chart is drawn at.
    public var anchorRow: Int
    public var anchorColumn: Int
    public var valueAxisTitle: String?

    public init(kind: Kind, title: String, categoriesColumn: Int, firstRow: Int, lastRow: Int, series: [Series],
                anchorRow: Int, anchorColumn: Int, valueAxisTitle: String? = nil) {
        self.kind = kind
        self.title = title
        self.categoriesColumn = categoriesColumn
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.series = series
        self.anchorRow = anchorRow
        self.anchorColumn = anchorColumn
        self.valueAxisTitle = valueAxisTitle
    }
}

/// A writer that can draw a ``ChartSpec`` on the current sheet.
public protocol ChartWriting: TableWriter {
    /// Draws the chart on the sheet being written; call after the rows it refers to.
    func addChart(_ chart: ChartSpec) throws
}

extension TableWriter {
    /// Draws the chart when the writer can; returns false (and does nothing) when it cannot.
    @discardableResult
    public func addChartIfSupported(_ chart: ChartSpec) throws -> Bool {
        guard let w = self as? any ChartWriting else { return false }
        try w.addChart(chart)
        return true
    }
}
