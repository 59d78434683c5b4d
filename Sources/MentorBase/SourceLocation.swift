/// Where a value or a problem sits, as the person who owns the file would find it.
public struct SourceLocation: Hashable, Sendable, Codable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    /// The file name as given by the user (not a resolved absolute path).
    public var file: Optional<String>
    /// The sheet name for workbooks; nil for single-table formats.
    public var sheet: Optional<String>
    /// The 1-based row a person sees (a spreadsheet row, a CSV record number, an NDJSON line).
    public var row: Optional<Int>
    /// The 1-based column index; rendered as a letter for spreadsheets.
    public var column: Optional<Int>
    /// The column's header or JSON key, when known.
    public var field: Optional<String>
    /// A part inside a container (`xl/worksheets/sheet1.xml`), for structural errors.
    public var part: Optional<String>

    public init(file: String? = nil, sheet: String? = nil, row: Int? = nil, column: Int? = nil,
                field: String? = nil, part: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.field = field
        self.part = part
    }

    /// The spreadsheet column letter (`A`, `Z`, `AA`), when the column is known.
    public var columnLetter: String? { column.map(SourceLocation.letter(forColumn:)) }

    /// `1 → A`, `27 → AA`.
    public static func letter(forColumn column: Int) -> String {
        var n = column
        var chars: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            chars.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(chars.reversed())
    }

    /// `A → 1`, `AA → 27`; nil when `letters` holds anything but A–Z.
    public static func column(forLetters letters: Substring) -> Int? {
        var n = 0
        for u in letters.utf8 {
            guard (65...90).contains(u) else { return nil }
            n = n * 26 + Int(u - 64)
            if n > 1_000_000 { return nil }
        }
        return n == 0 ? nil : n
    }

    /// `"anketa.xlsx", лист «Лист1», строка 5, столбец C («Телефон»)` in the given language.
    public func describe(_ lang: Language) -> String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let part { parts.append(lang == .ru ? "часть \(part)" : "part \(part)") }
        if let sheet { parts.append(lang == .ru ? "лист «\(sheet)»" : "sheet “\(sheet)”") }
        if let row { parts.append(lang == .ru ? "строка \(row)" : "row \(row)") }
        if let letter = columnLetter {
            var c = lang == .ru ? "столбец \(letter)" : "column \(letter)"
            if let field, !field.isEmpty { c += lang == .ru ? " («\(field)»)" : " (“\(field)”)" }
            parts.append(c)
        } else if let field, !field.isEmpty {
            parts.append(lang == .ru ? "поле «\(field)»" : "field “\(field)”")
        }
        return parts.joined(separator: ", ")
    }
}
