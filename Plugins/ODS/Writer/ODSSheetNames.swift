/// Makes sheet names valid and unique for ODS (LibreOffice refuses `[ ] * ? : / \` and a
/// leading or trailing apostrophe, and compares names without regard to case).
struct ODSSheetNames {
    private var used: Set<String> = []

    /// The name LibreOffice will accept for the `index`-th (0-based) sheet.
    mutating func make(_ wanted: String, index: Int) -> String {
        var name = String(wanted.map { "[]*?:/\\".contains($0) ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.count > 250 { name = String(name.prefix(250)) }
        if name.isEmpty { name = "Лист\(index + 1)" }
        var candidate = name
        var n = 2
        while used.contains(candidate.lowercased()) {
            candidate = "\(name) (\(n))"
            n += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}
