import MentorBase

/// How merged cells are filled when read (`--option fill-merged=…`).
public enum MergedFill: String, Sendable {
    /// Merged ranges are only reported (``RowCursor/mergedRanges``).
    case none
    /// Ranges in the header block (the first row with values and the rows its merges span)
    /// carry their top-left value into every cell they cover.
    case header
    /// Every merged range is filled.
    case all
}

/// Pulls one sheet's rows: inflates the part a chunk at a time and feeds libxml2 only
/// when the queue of parsed rows runs dry, so memory stays flat whatever the sheet's size.
final class XLSXSheetCursor: RowCursor {
    private let stream: ZipEntryStream
    private let parser: XMLPushParser
    private let sink: SheetSink
    private let buffer: UnsafeMutableRawBufferPointer
    private var nextNumber = 1
    private var done = false
    private var filler: MergeFiller?

    init(stream: ZipEntryStream, sink: SheetSink, fill: MergedFill, preScannedMerges: [CellRange]) throws {
        self.stream = stream
        self.sink = sink
        self.parser = try XMLPushParser(sink: sink)
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 * 1024, alignment: 16)
        if fill != .none && !preScannedMerges.isEmpty {
            filler = MergeFiller(ranges: preScannedMerges, mode: fill)
        }
    }

    deinit { buffer.deallocate() }

    var mergedRanges: [CellRange] { sink.merged }

    func next() throws -> Row? {
        while true {
            if sink.head < sink.queue.count {
                let row = sink.queue[sink.head]
                if nextNumber < row.number {
                    // An empty row in the middle: handed out only because a row with values follows.
                    let gap = Row(number: nextNumber, cells: [])
                    nextNumber += 1
                    return filler?.fill(gap) ?? gap
                }
                sink.head += 1
                if sink.head == sink.queue.count {
                    sink.queue.removeAll(keepingCapacity: true)
                    sink.head = 0
                }
                nextNumber = row.number + 1
                return filler?.fill(row) ?? row
            }
            if done { return nil }
            let n = try stream.read(into: buffer)
            if n == 0 {
                try parser.finish()
                done = true
            } else {
                try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
        }
    }
}

/// Copies each merged range's top-left value into the cells it covers, as rows pass by.
struct MergeFiller {
    private var ranges: [CellRange]
    private let mode: MergedFill
    private var anchors: [Int: Cell] = [:]
    private var headerDecided = false

    init(ranges: [CellRange], mode: MergedFill) {
        self.ranges = ranges.sorted { ($0.firstRow, $0.firstColumn) < ($1.firstRow, $1.firstColumn) }
        self.mode = mode
        if mode == .all { headerDecided = true }
    }

    mutating func fill(_ row: Row) -> Row {
        if !headerDecided {
            guard row.cells.contains(where: { !$0.isEmpty }) else { return row }
            decideHeader(firstRow: row.number)
        }
        var out = row
        for (i, r) in ranges.enumerated() where r.firstRow <= row.number && row.number <= r.lastRow {
            if r.firstRow == row.number {
                let c = r.firstColumn - 1
                anchors[i] = c < row.cells.count ? row.cells[c] : .empty
            }
            guard let value = anchors[i], !value.isEmpty else { continue }
            for c in (r.firstColumn - 1)..<r.lastColumn {
                while out.cells.count <= c { out.cells.append(.empty) }
                if out.cells[c].isEmpty { out.cells[c] = value }
            }
        }
        return out
    }

    /// The header block starts at the first row with values and grows while merges starting in it reach further.
    private mutating func decideHeader(firstRow: Int) {
        headerDecided = true
        var last = firstRow
        var changed = true
        while changed {
            changed = false
            for r in ranges where r.firstRow >= firstRow && r.firstRow <= last && r.lastRow > last {
                last = r.lastRow
                changed = true
            }
        }
        ranges = ranges.filter { $0.firstRow >= firstRow && $0.firstRow <= last }
    }
}
