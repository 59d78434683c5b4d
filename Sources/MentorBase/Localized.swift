/// The language of user-facing messages. Russian is the default.
public enum Language: String, Sendable, Codable, CaseIterable {
    case ru, en
}

/// A user-facing text in every supported language, chosen when it is shown.
public struct Localized: Hashable, Sendable, Codable {
    public var ru: String
    public var en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    public func callAsFunction(_ lang: Language) -> String { lang == .ru ? ru : en }
}
