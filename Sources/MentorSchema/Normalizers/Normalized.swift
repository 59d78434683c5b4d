import MentorBase

/// A problem a normaliser found in one cell; the validator adds where it is.
public struct NormalizerIssue: Sendable, Hashable {
    public var code: String
    public var severity: Severity
    public var message: Localized
    public var hint: Localized?

    public init(_ code: String, _ severity: Severity, ru: String, en: String, hintRu: String? = nil, hintEn: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = Localized(ru: ru, en: en)
        self.hint = hintRu.map { Localized(ru: $0, en: hintEn ?? $0) }
    }
}

/// What a normaliser made of a cell: a value (possibly with warnings), or no value and errors.
public struct Normalized: Sendable, Hashable {
    public var value: FieldValue?
    public var issues: [NormalizerIssue]

    public init(_ value: FieldValue?, _ issues: [NormalizerIssue] = []) {
        self.value = value
        self.issues = issues
    }

    /// No value, one error.
    public static func error(_ code: String, ru: String, en: String, hintRu: String? = nil, hintEn: String? = nil) -> Normalized {
        Normalized(nil, [NormalizerIssue(code, .error, ru: ru, en: en, hintRu: hintRu, hintEn: hintEn)])
    }

    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
}

extension Cell {
    /// The cell's text with spaces folded, for normalisers that read text.
    var trimmedText: String {
        switch self {
        case .text(let s): return Fold.spaces(s)
        default: return text(dateStyle: .russian)
        }
    }
}
