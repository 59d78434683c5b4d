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

/// Russian plural forms: 1 строка, 2 строки, 5 строк, 21 строка, 11 строк.
public enum RussianPlural {
    public static func form(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let n10 = abs(n) % 10, n100 = abs(n) % 100
        if n10 == 1 && n100 != 11 { return one }
        if (2...4).contains(n10) && !(12...14).contains(n100) { return few }
        return many
    }

    /// `5 строк`
    public static func count(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        "\(n) " + form(n, one, few, many)
    }
}
