/// How serious a diagnostic is. Errors block an import; warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One problem found in the data, with where it is and how to fix it.
///
/// Codes are stable kebab-case strings; they reuse Frictionless names where the
/// meaning is the same (`type-error`, `encoding-error`, `extra-cell`, …).
public struct Diagnostic: Hashable, Sendable, Codable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    public var code: String
    public var severity: Severity
    public var location: SourceLocation
    /// The offending value as found in the file, when there is one.
    public var value: Optional<String>
    public var message: Localized
    /// How to fix it, when there is something to say.
    public var hint: Optional<Localized>

    public init(code: String, severity: Severity, location: SourceLocation, value: String? = nil,
                message: Localized, hint: Localized? = nil) {
        self.code = code
        self.severity = severity
        self.location = location
        self.value = value
        self.message = message
        self.hint = hint
    }

    /// One line for a terminal: `location: ошибка [code]: message (hint)`.
    public func render(_ lang: Language) -> String {
        let where_ = location.describe(lang)
        let sev = severity == .error ? (lang == .ru ? "ошибка" : "error") : (lang == .ru ? "предупреждение" : "warning")
        var line = where_.isEmpty ? "" : where_ + ": "
        line += "\(sev) [\(code)]: \(message(lang))"
        if let hint { line += " — " + hint(lang) }
        return line
    }
}

/// A bounded list of diagnostics: a million ragged rows must not cost a million records.
public struct DiagnosticLog: Sendable {
    public private(set) var items: [Diagnostic] = []
    /// How many were reported beyond `capacity` and not kept.
    public private(set) var dropped = 0
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    public let capacity: Int

    public init(capacity: Int = 10_000) { self.capacity = capacity }

    public mutating func append(_ d: Diagnostic) {
        if d.severity == .error { errorCount += 1 } else { warningCount += 1 }
        if items.count < capacity { items.append(d) } else { dropped += 1 }
    }

    public mutating func append(contentsOf ds: some Sequence<Diagnostic>) {
        for d in ds { append(d) }
    }

    /// Appends another log: its kept diagnostics as if appended one by one, and the ones it only
    /// counted (beyond its capacity) as counted here too, so "… and N more" stays true.
    public mutating func append(log other: DiagnosticLog) {
        append(contentsOf: other.items)
        let droppedErrors = other.errorCount - other.items.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) }
        errorCount += droppedErrors
        warningCount += other.dropped - droppedErrors
        dropped += other.dropped
    }

    /// Counts a diagnostic of `severity` and builds it with `make` only when the log keeps it:
    /// the same log as `append(make())`, without wording the ones beyond `capacity`.
    public mutating func append(severity: Severity, _ make: () -> Diagnostic) {
        if items.count < capacity {
            let d = make()
            assert(d.severity == severity, "the severity counted must be the diagnostic's own")
            append(d)
        } else {
            if severity == .error { errorCount += 1 } else { warningCount += 1 }
            dropped += 1
        }
    }

    public var hasErrors: Bool { errorCount > 0 }
}

extension Diagnostic {
    /// The diagnostic as one JSON object in the shape of the `validate` contract:
    /// `{"code", "severity", "file", "sheet", "row", "column", "field", "value", "message", "hint"}`;
    /// `column` is the spreadsheet letter.
    public func json(_ lang: Language) -> String {
        var out: [UInt8] = []
        appendJSON(lang, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``json(_:)`` to `out`, byte by byte: a big import's report holds ten thousand of
    /// them, which string interpolation made about five times as costly.
    public func appendJSON(_ lang: Language, to out: inout [UInt8]) {
        func key(_ k: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        }
        func opt(_ s: String?) {
            if let s { JSONText.appendString(s, to: &out) } else { key("null") }
        }
        key("{\"code\":")
        JSONText.appendString(code, to: &out)
        key(",\"severity\":")
        JSONText.appendString(severity.rawValue, to: &out)
        key(",\"file\":")
        opt(location.file)
        key(",\"sheet\":")
        opt(location.sheet)
        key(",\"row\":")
        if let row = location.row { out.append(contentsOf: String(row).utf8) } else { key("null") }
        key(",\"column\":")
        opt(location.columnLetter)
        key(",\"field\":")
        opt(location.field)
        key(",\"value\":")
        opt(value)
        key(",\"message\":")
        JSONText.appendString(message(lang), to: &out)
        if let hint {
            key(",\"hint\":")
            JSONText.appendString(hint(lang), to: &out)
        }
        out.append(0x7D)
    }
}
