import MentorBase

/// Everything `validate` reports: the counts, the kept diagnostics (bounded), and the renderings.
///
/// `maxItems` caps what is kept and shown, never what is checked or counted.
public struct ValidationReport: Sendable {
    public var kind: RecordKind?
    public var rows = 0
    public private(set) var log: DiagnosticLog
    /// Sheet names in file order, to sort diagnostics the way the file reads.
    public var sheetOrder: [String?] = []

    public init(maxItems: Int) {
        log = DiagnosticLog(capacity: max(0, maxItems))
    }

    public mutating func add(_ d: Diagnostic) { log.append(d) }

    public var errors: Int { log.errorCount }
    public var warnings: Int { log.warningCount }
    public var isValid: Bool { log.errorCount == 0 }

    /// Kept diagnostics in file order: sheet, row, column; header problems first within a sheet.
    public var sorted: [Diagnostic] {
        func sheetIndex(_ s: String?) -> Int { sheetOrder.firstIndex(of: s) ?? sheetOrder.count }
        return log.items.enumerated().sorted { a, b in
            let x = a.element.location, y = b.element.location
            let kx = (sheetIndex(x.sheet), x.row ?? 0, x.column ?? 0), ky = (sheetIndex(y.sheet), y.row ?? 0, y.column ?? 0)
            return kx != ky ? kx < ky : a.offset < b.offset
        }.map(\.element)
    }

    /// The `validate --format json` document: `{"valid", "kind", "rows", "errors", "warnings", "diagnostics"}`.
    public func json(_ lang: Language) -> String {
        var out = "{\"valid\":\(isValid),\"kind\":\(kind.map { JSONText.quote($0.rawValue) } ?? "null")"
        out += ",\"rows\":\(rows),\"errors\":\(errors),\"warnings\":\(warnings),\"diagnostics\":["
        out += sorted.map { $0.json(lang) }.joined(separator: ",\n")
        return out + "]}\n"
    }

    /// The text report: a block per row, each problem on its own line; `paint` colours a span.
    public func text(_ lang: Language, paint: (String, String) -> String) -> String {
        let ru = lang == .ru
        var out = ""
        var currentBlock: String?
        for d in sorted {
            let l = d.location
            var blockParts: [String] = []
            if let f = l.file { blockParts.append(f) }
            if let s = l.sheet { blockParts.append(ru ? "лист «\(s)»" : "sheet “\(s)”") }
            if let r = l.row { blockParts.append(ru ? "строка \(r)" : "row \(r)") }
            let block = blockParts.joined(separator: ", ")
            if block != currentBlock {
                out += paint(block, "1") + "\n"
                currentBlock = block
            }
            let sev = d.severity == .error ? paint(ru ? "ошибка" : "error", "31;1") : paint(ru ? "предупреждение" : "warning", "33;1")
            var line = "  "
            if let c = l.columnLetter {
                line += c
                if let f = l.field, !f.isEmpty { line += " «\(f)»" }
                line += ": "
            } else if let f = l.field, !f.isEmpty {
                line += "«\(f)»: "
            }
            line += "\(sev) [\(d.code)] \(d.message(lang))"
            if let v = d.value, !v.isEmpty, !d.message(lang).contains(v) { line += ru ? " (значение: «\(v)»)" : " (value: “\(v)”)" }
            out += line + "\n"
            if let h = d.hint { out += "    " + paint("→ " + h(lang), "2") + "\n" }
        }
        let shown = log.items.count
        if log.dropped > 0 {
            out += ru ? "… и еще \(log.dropped) сообщений не показано (--max-errors)\n" : "… and \(log.dropped) more not shown (--max-errors)\n"
        }
        _ = shown
        let verdict: String
        if isValid {
            verdict = paint(ru ? "Ошибок нет" : "No errors", "32;1")
        } else {
            verdict = paint(ru ? "Есть ошибки" : "Errors found", "31;1")
        }
        let k = kind?.rawValue ?? "?"
        out += ru ? "\(verdict): вид «\(k)», строк данных — \(rows), ошибок — \(errors), предупреждений — \(warnings)\n"
                  : "\(verdict): kind “\(k)”, \(rows) data rows, \(errors) errors, \(warnings) warnings\n"
        return out
    }
}
