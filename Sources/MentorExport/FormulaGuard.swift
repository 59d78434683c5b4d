import MentorBase

/// Keeps spreadsheets from running exported text as formulas («CSV injection»).
///
/// A text cell whose first character is `=`, `+`, `-`, `@`, a tab or a carriage return (or the
/// full-width `＝ ＋ － ＠` some spreadsheets also accept), possibly after spaces, gets an apostrophe
/// in front: `=HYPERLINK(…)` is written `'=HYPERLINK(…)`. Excel and LibreOffice show such a cell as
/// text, and the apostrophe tells a reader the value was guarded. Numbers, dates and booleans are
/// typed cells and are never touched, so a negative number stays a number; a phone `+79161234567`
/// is text and becomes `'+79161234567`, still read at a glance and never turned into a number or
/// a formula. JSON, NDJSON and HTML are not guarded: their readers do not evaluate cells.
public enum FormulaGuard {
    /// The mark put in front of a guarded value.
    public static let mark: Character = "'"

    /// True when a spreadsheet could take `s` for a formula.
    public static func isFormulaLike(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            switch u {
            case " ", "\u{A0}": continue
            case "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
            default: return false
            }
        }
        return false
    }

    /// The cell as it is safe to write; `guarded` tells whether it changed.
    @inline(__always)
    public static func neutralise(_ cell: Cell) -> (cell: Cell, guarded: Bool) {
        guard case .text(let s) = cell, mayNeedGuard(s) else { return (cell, false) }
        guard isFormulaLike(s) else { return (cell, false) }
        return (.text(String(mark) + s), true)
    }

    /// False for text whose first byte cannot start a formula (a letter, a digit, most Cyrillic):
    /// nearly every cell, decided without walking the text.
    @inline(__always)
    public static func mayNeedGuard(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        switch first {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x20, 0xC2, 0xEF: return true
        default: return false
        }
    }

    /// Whether a format's files are opened by spreadsheets (everything but JSON and HTML).
    public static func applies(toFormat id: FormatID) -> Bool {
        !["json", "ndjson", "html"].contains(id)
    }
}
