import Foundation
import MentorBase

/// Hints written for the command line name its options (`--encoding`, `--map`…); on the page the same
/// choice is a field with a label. This rewrites the option names into those labels, so the secretary is
/// told what to change on the page in front of her. The core's messages stay as they are: they are also
/// the command line's.
enum ServeHints {
    /// One option, with what stands in its place on the page (an option's value list is dropped with it).
    private struct Rewrite {
        let pattern: String
        let ru: String
        let en: String
    }

    private static let rewrites: [Rewrite] = [
        Rewrite(pattern: #"(в|in a|in the) (файле --map|--map file)"#,
                ru: "в таблице «Соответствие столбцов»", en: "in the «Column mapping» table"),
        Rewrite(pattern: #"(через|with) --save-map"#,
                ru: "в таблице «Соответствие столбцов» (кнопка «Сохранить соответствия столбцов»)",
                en: "from the «Column mapping» table (the «Save the column mapping» button)"),
        Rewrite(pattern: #"(укажите|pass) --encoding"#,
                ru: "выберите кодировку в поле «Кодировка (для CSV)»", en: "choose the encoding in the «Encoding (CSV)» field"),
        Rewrite(pattern: #"--kind [a-z|-]+"#, ru: "поле «Что в файле»", en: "the «What the file holds» field"),
        Rewrite(pattern: #"--from [a-z0-9|-]+"#, ru: "поле «Формат»", en: "the «Format» field"),
        // Whatever option is left keeps its name; these catch the bare ones.
        Rewrite(pattern: #"--save-map\b"#, ru: "кнопка «Сохранить соответствия столбцов»", en: "the «Save the column mapping» button"),
        Rewrite(pattern: #"--map\b"#, ru: "таблица «Соответствие столбцов»", en: "the «Column mapping» table"),
        Rewrite(pattern: #"--encoding\b"#, ru: "поле «Кодировка (для CSV)»", en: "the «Encoding (CSV)» field"),
    ]

    /// `text` with the command-line options it names replaced by the page's fields.
    static func forPage(_ text: String, _ lang: Language) -> String {
        guard text.contains("--") else { return text }
        var out = text
        for r in rewrites {
            out = out.replacingOccurrences(of: r.pattern, with: lang == .ru ? r.ru : r.en, options: .regularExpression)
        }
        return out
    }

    /// A message in both languages, rewritten for the page.
    static func forPage(_ text: Localized) -> Localized {
        Localized(ru: forPage(text.ru, .ru), en: forPage(text.en, .en))
    }
}
