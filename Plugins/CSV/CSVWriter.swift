import MentorBase

/// How a CSV is spelled: delimiter, line ending, BOM, and how typed cells become text.
public struct CSVDialect: Sendable, Hashable {
    public var delimiter: UInt8
    public var lineEnding: [UInt8]
    public var byteOrderMark: Bool
    public var dateStyle: DateTextStyle
    /// `3,5` instead of `3.5`, so that Russian Excel reads a number.
    public var decimalComma: Bool
    /// What booleans are written as.
    public var trueWord: String
    public var falseWord: String

    /// RFC 4180: `,`, CRLF, no BOM, ISO dates.
    public static let rfc4180 = CSVDialect(delimiter: 0x2C, lineEnding: [0x0D, 0x0A], byteOrderMark: false,
                                           dateStyle: .iso, decimalComma: false, trueWord: "true", falseWord: "false")
    /// `,` and LF, the Unix habit (pandas, most tools).
    public static let unix = CSVDialect(delimiter: 0x2C, lineEnding: [0x0A], byteOrderMark: false,
                                        dateStyle: .iso, decimalComma: false, trueWord: "true", falseWord: "false")
    /// What Russian Excel opens right by double-click: UTF-8 with BOM, `;`, CRLF, dd.mm.yyyy, decimal comma.
    public static let excelRu = CSVDialect(delimiter: 0x3B, lineEnding: [0x0D, 0x0A], byteOrderMark: true,
                                           dateStyle: .russian, decimalComma: true, trueWord: "ИСТИНА", falseWord: "ЛОЖЬ")
    /// Tab-separated, LF.
    public static let tsv = CSVDialect(delimiter: 0x09, lineEnding: [0x0A], byteOrderMark: false,
                                       dateStyle: .iso, decimalComma: false, trueWord: "true", falseWord: "false")

    public static func named(_ name: String) -> CSVDialect? {
        switch name.lowercased() {
        case "rfc4180", "default", "csv": return .rfc4180
        case "unix": return .unix
        case "excel-ru", "excel_ru", "excelru": return .excelRu
        case "tsv", "tab": return .tsv
        default: return nil
        }
    }
}

/// Writes UTF-8 delimited text, quoting only where a cell needs it (RFC 4180).
final class CSVWriter: TableWriter {
    private let sink: any ByteSink
    private let dialect: CSVDialect
    private let name: String
    private var buffer: [UInt8] = []
    private var sheets = 0
    private var finished = false

    init(target: OutputTarget, dialect: CSVDialect) throws {
        self.sink = try target.openSink()
        self.dialect = dialect
        self.name = target.name
        buffer.reserveCapacity(1 << 17)
        if dialect.byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    func beginSheet(_ spec: SheetSpec) throws {
        sheets += 1
        if sheets > 1 {
            throw MentorBaseError.usage(ru: "в CSV помещается один лист; выберите лист (--sheet) или другой формат",
                                        en: "a CSV holds one sheet; pick a sheet (--sheet) or another format")
        }
    }

    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        if sheets == 0 { sheets = 1 }
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(dialect.delimiter) }
            switch cell {
            case .empty: break
            case .text(let s): appendField(s)
            case .number(let n):
                var t = Cell.format(number: n)
                if dialect.decimalComma { t = t.replacingOccurrences(of: ".", with: ",") }
                appendField(t)
            case .boolean(let b): appendField(b ? dialect.trueWord : dialect.falseWord)
            case .date(let d): appendField(d.text(style: dialect.dateStyle))
            case .dateTime(let d): appendField(d.text(style: dialect.dateStyle))
            case .error(let e): appendField(e)
            }
        }
        buffer.append(contentsOf: dialect.lineEnding)
        if buffer.count >= 1 << 16 {
            try sink.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    @inline(__always)
    private func appendField(_ s: String) {
        var s = s
        let d = dialect.delimiter
        s.withUTF8 { u in
            var needsQuotes = false
            for b in u where b == d || b == 0x22 || b == 0x0A || b == 0x0D {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                buffer.append(contentsOf: u)
                return
            }
            buffer.append(0x22)
            for b in u {
                if b == 0x22 { buffer.append(0x22) }
                buffer.append(b)
            }
            buffer.append(0x22)
        }
    }

    func finish() throws {
        guard !finished else { return }
        finished = true
        try sink.write(buffer)
        buffer.removeAll()
        try sink.close()
    }
}
