/// Makes sheet names Excel accepts: at most 31 characters, none of `[ ] : * ? / \`, no
/// leading or trailing apostrophe, not empty, not `History`, unique regardless of case.
struct SheetNames {
    private var used: Set<String> = []

    /// A valid, unused name as close to `wanted` as the rules allow.
    mutating func claim(_ wanted: String) -> String {
        var base = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        base = base.filter { !($0.isASCII && $0.asciiValue.map { $0 < 0x20 } == true) }
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        base = base.trimmingSpaces
        if base.isEmpty || base.lowercased() == "history" { base = base.isEmpty ? "Лист" : base + "_" }
        base = SheetNames.truncate(base, 31)
        var name = base
        var n = 2
        while used.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = SheetNames.truncate(base, 31 - suffix.count) + suffix
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }

    /// Excel counts UTF-16 code units; keep whole characters within that count.
    private static func truncate(_ s: String, _ limit: Int) -> String {
        var out = ""
        var units = 0
        for ch in s {
            let u = ch.utf16.count
            if units + u > limit { break }
            out.append(ch)
            units += u
        }
        return out
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
