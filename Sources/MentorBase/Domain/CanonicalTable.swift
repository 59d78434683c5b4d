/// A pull cursor of canonical records (`next() throws -> IncomingRecord?`), so a million-row
/// import never holds the file in memory.
public protocol IncomingRecordCursor: AnyObject {
    func next() throws -> IncomingRecord?
}

/// Reads a **canonical table** — a table (CSV, XLSX, JSON …) whose header row names the store's
/// fields exactly (`fullName`, `birthDate`, `mentorName` …, see ``DomainCatalog``) and whose
/// values are already normalised: dates ISO (`2010-03-05`) or date cells, date-times
/// `2024-09-01T08:30:00`, names «Фамилия Имя Отчество», lists `;`-separated, booleans
/// `true`/`false`, codes as codes.
///
/// This is the import path until the validator is wired (see ``RecordAssembler``): it does no
/// header mapping and no normalising, only strict parsing; a value that does not parse is an
/// error diagnostic on its row, and the planner rejects that row.
public final class CanonicalTable: IncomingRecordCursor {
    private let cursor: any RowCursor
    private let kind: ImportKind
    private let file: String?
    private let sheet: String?
    private let fields: [DomainCatalog.Field?]
    private let headers: [String]
    /// Problems with the table as a whole (unknown columns).
    public private(set) var diagnostics: [Diagnostic] = []

    /// Opens the sheet and reads its header row; throws when a required column is missing.
    public init(reader: any TableReader, sheet: Int = 0, kind: ImportKind, file: String?) throws {
        let cursor = try reader.rows(inSheet: sheet)
        self.cursor = cursor
        self.kind = kind
        self.file = file
        self.sheet = reader.sheets.count > 1 ? reader.sheets[sheet].name : nil
        var header: Row?
        while let row = try cursor.next() {
            if !row.cells.allSatisfy(\.isEmpty) { header = row; break }
        }
        let catalog = DomainCatalog.fields(kind)
        let byName = Dictionary(catalog.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let names = (header?.cells ?? []).map { $0.text().trimmingSpaces }
        headers = names
        fields = names.map { byName[$0] }
        let loc = SourceLocation(file: file, sheet: self.sheet, row: header?.number)
        for f in catalog where f.required && !names.contains(f.name) {
            throw MentorBaseError(code: "missing-label", kind: .data, location: loc,
                                  message: Localized(ru: "нет обязательного столбца «\(f.name)» для вида \(kind.rawValue)",
                                                     en: "required column “\(f.name)” for kind \(kind.rawValue) is missing"),
                                  hint: Localized(ru: "заголовки канонической таблицы — имена полей схемы (mentorbase schema \(kind.rawValue))",
                                                  en: "a canonical table's headers are the schema's field names (mentorbase schema \(kind.rawValue))"))
        }
        for (i, n) in names.enumerated() where fields[i] == nil && !n.isEmpty {
            var l = loc
            l.column = i + 1
            diagnostics.append(Diagnostic(code: "extra-label", severity: .warning, location: l, value: n,
                                          message: Localized(ru: "столбец «\(n)» не относится к виду \(kind.rawValue) и пропущен",
                                                             en: "column “\(n)” is not a field of \(kind.rawValue); skipped")))
        }
    }

    public func next() throws -> IncomingRecord? {
        while let row = try cursor.next() {
            if row.cells.allSatisfy(\.isEmpty) { continue }
            var values: [String: FieldInput] = [:]
            var diags: [Diagnostic] = []
            let loc = SourceLocation(file: file, sheet: sheet, row: row.number)
            for (i, cell) in row.cells.enumerated() where i < fields.count {
                guard let f = fields[i], !cell.isEmpty else { continue }
                switch CanonicalTable.parse(cell, f.shape) {
                case .success(let v): values[f.name] = v
                case .failure(let failure):
                    var l = loc
                    l.column = i + 1
                    l.field = f.name
                    diags.append(Diagnostic(code: "type-error", severity: .error, location: l, value: cell.text(),
                                            message: failure.message))
                }
            }
            var raw: [(String, String)] = []
            if kind.isQuestionnaire {
                for (i, cell) in row.cells.enumerated() where i < headers.count && !cell.isEmpty {
                    raw.append((headers[i], cell.text()))
                }
            }
            return RecordAssembler.assemble(kind: kind, fields: values, location: loc, raw: raw, diagnostics: diags)
        }
        return nil
    }

    static func parse(_ cell: Cell, _ shape: DomainCatalog.Shape) -> Result<FieldInput, Localized.Failure> {
        let s = cell.text().trimmingSpaces
        func fail(_ ru: String, _ en: String) -> Result<FieldInput, Localized.Failure> {
            .failure(Localized.Failure(Localized(ru: ru, en: en)))
        }
        switch shape {
        case .text: return .success(.text(s))
        case .integer:
            if case .number(let n) = cell, n == n.rounded(), abs(n) < 1e12 { return .success(.integer(Int(n))) }
            if let n = Int(s) { return .success(.integer(n)) }
            return fail("ожидалось целое число", "an integer was expected")
        case .boolean:
            if case .boolean(let b) = cell { return .success(.boolean(b)) }
            switch s.lowercased() {
            case "true", "1", "да": return .success(.boolean(true))
            case "false", "0", "нет": return .success(.boolean(false))
            default: return fail("ожидалось true или false", "true or false was expected")
            }
        case .date, .dateOrYear:
            if case .date(let d) = cell { return .success(.date(d)) }
            if case .dateTime(let d) = cell { return .success(.date(d.date)) }
            if let d = CalendarDate(iso: Substring(s)) { return .success(.date(d)) }
            if shape == .dateOrYear, s.count == 4, let y = Int(s), (1900...2100).contains(y) { return .success(.year(y)) }
            return fail("ожидалась дата ГГГГ-ММ-ДД", "a date YYYY-MM-DD was expected")
        case .dateTime:
            if case .dateTime(let d) = cell { return .success(.dateTime(d)) }
            if case .date(let d) = cell { return .success(.dateTime(.midnight(d))) }
            if let d = CalendarDateTime(iso: Substring(s)) { return .success(.dateTime(d)) }
            return fail("ожидались дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС", "a date-time YYYY-MM-DDTHH:MM:SS was expected")
        case .code: return .success(.code(s))
        case .codeOrOther:
            let isCode = !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "_" }
            return .success(isCode ? .code(s) : .other(s))
        case .name:
            guard let n = FieldInput.NameParts(canonical: s) else { return fail("пустое ФИО", "an empty name") }
            return .success(.name(n))
        case .nameList:
            let names = splitList(s).compactMap(FieldInput.NameParts.init(canonical:)).map(FieldInput.name)
            return .success(.list(names))
        case .phones:
            var out: [FieldInput] = []
            for p in splitList(s) {
                guard p.hasPrefix("+"), p.count >= 8, p.dropFirst().allSatisfy(\.isASCIIDigit) else {
                    return fail("телефон не в виде +7XXXXXXXXXX: «\(p)»", "phone not as +7XXXXXXXXXX: “\(p)”")
                }
                out.append(.phone(p))
            }
            return .success(.list(out))
        case .emails:
            var out: [FieldInput] = []
            for e in splitList(s) {
                guard e.contains("@") else { return fail("не адрес e-mail: «\(e)»", "not an e-mail address: “\(e)”") }
                out.append(.email(e.lowercased()))
            }
            return .success(.list(out))
        case .codeList:
            return .success(.list(splitList(s).map(FieldInput.code)))
        }
    }

    static func splitList(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }
}

extension Localized {
    /// A message as an error value (for `Result`).
    public struct Failure: Error, Sendable {
        public let message: Localized

        public init(_ message: Localized) { self.message = message }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// Without leading and trailing spaces, tabs, NBSP and line breaks.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{A0}" }
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
