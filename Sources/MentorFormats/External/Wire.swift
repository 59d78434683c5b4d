import Foundation
import MentorBase

/// A message text from a plugin: a plain string, or `{"ru": …, "en": …}`.
struct WireText: Decodable {
    var localized: Localized

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            localized = Localized(ru: s, en: s)
        } else {
            let pair = try c.decode([String: String].self)
            let en = pair["en"] ?? pair["ru"] ?? ""
            localized = Localized(ru: pair["ru"] ?? en, en: en)
        }
    }
}

/// Where a plugin says a problem is (the file is always the one mentorbase gave it).
struct WireLocation: Decodable {
    var sheet: String?
    var row: Int?
    var column: Int?
    var field: String?
    var part: String?
}

/// `{"code", "message", "hint"?, "kind"?, "location"?, "value"?}` on standard error.
struct WireProblem: Decodable {
    var code: String?
    var message: WireText?
    var hint: WireText?
    var kind: String?
    var location: WireLocation?
    var value: String?

    /// The location with the file mentorbase knows it by.
    func location(file: String?) -> SourceLocation {
        SourceLocation(file: file, sheet: location?.sheet, row: location?.row.flatMap { $0 >= 1 ? $0 : nil },
                       column: location?.column.flatMap { $0 >= 1 && $0 <= 1_000_000 ? $0 : nil },
                       field: location?.field, part: location?.part)
    }

    /// A stable code: the plugin's when it is kebab-case, else `plugin-error`.
    var safeCode: String {
        guard let code, !code.isEmpty, code.count <= 64,
              code.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else { return "plugin-error" }
        return code
    }
}

/// One line of a plugin's standard error that is JSON.
struct WireStderrLine: Decodable {
    var error: WireProblem?
    var warning: WireProblem?
}

/// One line of a plugin's standard output while reading (or of its standard input while writing).
struct WireLine {
    struct SheetEntry {
        var name: String
        var hidden: Bool?
    }

    var sheets: [SheetEntry]?
    var sheet: String?
    var hidden: Bool?
    var row: Int?
    var cells: [WireCell]?
}

/// A cell as the `dump` contract spells it: null, string, number, boolean, `{"date"}`, `{"datetime"}`, `{"error"}`.
struct WireCell {
    var cell: Cell
}

/// What `mentorbase-format-NAME --about` prints.
struct WireAbout: Decodable {
    struct Option: Decodable {
        var name: String
        var help: WireText?
    }

    var id: String
    var name: String
    var extensions: [String]
    var mediaTypes: [String]?
    var capabilities: [String]
    var options: [Option]?
    /// The plugin answers `sniff` (content sniffing); without it only the extension counts.
    var sniff: Bool?
    /// The protocol version the plugin speaks; 1 when absent.
    var `protocol`: Int?
}
