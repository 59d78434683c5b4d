import MentorBase

/// How a JSON file holds its tables.
public enum JSONLayout: String, Sendable, CaseIterable {
    /// `[{…}, {…}]`: one sheet, one object per row.
    case array
    /// `{"Sheet": [{…}], "Other": [{…}]}`: one sheet per key, in document order.
    case object
    /// One object per line: one sheet, streamed both ways.
    case ndjson
}

/// The keys of one sheet in first-seen order, found by their UTF-8 bytes without building strings.
///
/// Owned by one reader on one task; exclusivity checks are off for its arrays (they sit on the per-key path).
final class JSONKeyTable {
    @exclusivity(unchecked) private(set) var names: [String] = []
    @exclusivity(unchecked) private(set) var bytes: [[UInt8]] = []
    @exclusivity(unchecked) private var lookup: [[UInt8]: Int] = [:]

    var count: Int { names.count }

    /// The index of `key`; `hint` is the index expected next, since objects usually list keys in one order.
    @inline(__always)
    func index(of key: [UInt8], hint: Int) -> Int? {
        if hint < bytes.count && bytes[hint] == key { return hint }
        return lookup[key]
    }

    /// Adds a key that `index(of:hint:)` did not find and returns its index.
    func add(_ key: [UInt8], name: String) -> Int {
        let i = names.count
        names.append(name)
        bytes.append(key)
        lookup[key] = i
        return i
    }
}

/// Warnings a reader and its cursors collect together.
final class JSONDiagnosticBox {
    var log = DiagnosticLog()
}

/// Deterministic names for what a table leaves unnamed or names twice.
public enum JSONNames {
    /// Makes header titles usable as object keys: an empty title at 1-based position N becomes
    /// `column_N`; a title seen before gets `_2`, `_3`, … (the first free one), so
    /// `["Имя", "", "Имя"]` becomes `["Имя", "column_2", "Имя_2"]`.
    public static func uniqueKeys(_ titles: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        out.reserveCapacity(titles.count)
        for (i, t) in titles.enumerated() {
            out.append(claim(t.isEmpty ? "column_\(i + 1)" : t, in: &used))
        }
        return out
    }

    /// `base` if it is free, else `base_2`, `base_3`, …; the result is marked as used.
    public static func claim(_ base: String, in used: inout Set<String>) -> String {
        if used.insert(base).inserted { return base }
        var k = 2
        while !used.insert("\(base)_\(k)").inserted { k += 1 }
        return "\(base)_\(k)"
    }

    /// The sheet name for a single-table file: the file name without folder and extension.
    static func stem(of name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last.isEmpty ? "data" : last }
        return String(last[..<dot])
    }
}
