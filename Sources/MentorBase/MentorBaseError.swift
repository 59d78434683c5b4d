/// A failure that stops an operation: the file cannot be read, the format is unknown, a limit was hit.
///
/// Data problems that let the work go on are ``Diagnostic``s instead. The code is an
/// open set of strings so that new codes do not break callers; `kind` decides the exit code.
public struct MentorBaseError: Error, Sendable, CustomStringConvertible {
    /// What class of failure this is; it maps to the command line's exit codes.
    public enum Kind: String, Sendable, Codable {
        /// The input's content is bad (exit 1).
        case data
        /// The command was called wrongly (exit 2).
        case usage
        /// A file, stream or store could not be used (exit 3).
        case io
    }

    public var code: String
    public var kind: Kind
    public var location: SourceLocation
    public var message: Localized
    public var hint: Localized?

    public init(code: String, kind: Kind, location: SourceLocation = SourceLocation(),
                message: Localized, hint: Localized? = nil) {
        self.code = code
        self.kind = kind
        self.location = location
        self.message = message
        self.hint = hint
    }

    public func render(_ lang: Language) -> String {
        let where_ = location.describe(lang)
        var s = where_.isEmpty ? "" : where_ + ": "
        s += message(lang)
        if let hint { s += " — " + hint(lang) }
        return s
    }

    public var description: String { "[\(code)] " + render(.en) }

    /// The error as a diagnostic, for reports that list everything together.
    public var diagnostic: Diagnostic {
        Diagnostic(code: code, severity: .error, location: location, message: message, hint: hint)
    }
}

extension MentorBaseError {
    /// The file's bytes are not valid in its (detected or forced) encoding.
    public static func encoding(_ loc: SourceLocation, encoding: String) -> MentorBaseError {
        MentorBaseError(code: "encoding-error", kind: .data, location: loc,
                        message: Localized(ru: "байты не читаются в кодировке \(encoding)",
                                           en: "bytes are not valid \(encoding)"),
                        hint: Localized(ru: "сохраните файл в UTF-8 или укажите --encoding",
                                        en: "save the file as UTF-8 or pass --encoding"))
    }

    /// The file is not what its format promises (broken quoting, broken XML, corrupt zip).
    public static func source(_ loc: SourceLocation, ru: String, en: String,
                              hintRu: String? = nil, hintEn: String? = nil) -> MentorBaseError {
        MentorBaseError(code: "source-error", kind: .data, location: loc,
                        message: Localized(ru: ru, en: en),
                        hint: hintRu.map { Localized(ru: $0, en: hintEn ?? $0) })
    }

    /// A limit for untrusted input was exceeded.
    public static func limit(_ loc: SourceLocation, ru: String, en: String) -> MentorBaseError {
        MentorBaseError(code: "limit-exceeded", kind: .data, location: loc,
                        message: Localized(ru: ru, en: en))
    }

    /// A file or stream could not be opened, read or written.
    public static func io(_ loc: SourceLocation, ru: String, en: String) -> MentorBaseError {
        MentorBaseError(code: "io-error", kind: .io, location: loc, message: Localized(ru: ru, en: en))
    }

    /// The command was called with something it cannot use.
    public static func usage(ru: String, en: String) -> MentorBaseError {
        MentorBaseError(code: "usage-error", kind: .usage, message: Localized(ru: ru, en: en))
    }
}
