/// A field's value as the store keeps it: text or an integer (NULL is `nil`).
///
/// Every domain field has one storage spelling so that comparing, logging and undoing are
/// the same code for all of them: dates are ISO text, lists a JSON array, booleans 0/1.
public enum StoredValue: Hashable, Sendable, Codable {
    case text(String)
    case integer(Int64)

    /// The value as the change log and `history` spell it.
    public var logText: String {
        switch self {
        case .text(let s): return s
        case .integer(let n): return String(n)
        }
    }

    /// The text, for text values.
    public var textValue: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    /// The integer, for integer values (or text holding only digits).
    public var integerValue: Int64? {
        switch self {
        case .integer(let n): return n
        case .text(let s): return Int64(s)
        }
    }
}

/// How a field is stored: as text or as an integer column.
public enum StoredType: String, Sendable, Hashable {
    case text, integer
}

/// One column of a domain record in the store.
public struct StoredField: Hashable, Sendable {
    /// The column name (snake_case).
    public let column: String
    public let type: StoredType
    /// Sensitive values (special categories) are masked in `history` and never printed in logs.
    public let sensitive: Bool

    public init(_ column: String, _ type: StoredType = .text, sensitive: Bool = false) {
        self.column = column
        self.type = type
        self.sensitive = sensitive
    }

    /// Reads a stored value back from its log text (for undo), by this column's type.
    public func value(fromLogText s: String?) -> StoredValue? {
        guard let s else { return nil }
        switch type {
        case .text: return .text(s)
        case .integer: return Int64(s).map(StoredValue.integer)
        }
    }
}

/// A domain record that maps to one row of one table: the planner compares and merges these
/// field by field without knowing what they mean.
public protocol StoredRecord: Sendable {
    /// The record's columns, in a fixed order (identity and link columns excluded).
    static var storedFields: [StoredField] { get }
    /// The values, aligned with `storedFields`; nil is empty.
    var storedValues: [StoredValue?] { get }
    /// Rebuilds the record from values aligned with `storedFields`.
    init(storedValues: [StoredValue?])
}

/// Helpers for the storage spellings shared by all records.
public enum StoredCoding {
    /// `nil` for nil or empty text.
    public static func text(_ s: String?) -> StoredValue? {
        guard let s, !s.isEmpty else { return nil }
        return .text(s)
    }

    public static func integer(_ n: Int?) -> StoredValue? { n.map { .integer(Int64($0)) } }

    public static func bool(_ b: Bool?) -> StoredValue? { b.map { .integer($0 ? 1 : 0) } }

    public static func date(_ d: CalendarDate?) -> StoredValue? { d.map { .text($0.iso) } }

    public static func dateTime(_ d: CalendarDateTime?) -> StoredValue? { d.map { .text($0.iso) } }

    public static func code<C: RawRepresentable>(_ c: C?) -> StoredValue? where C.RawValue == String {
        c.map { .text($0.rawValue) }
    }

    /// A list as a JSON array of strings; an empty list is stored as NULL.
    public static func list(_ items: [String]) -> StoredValue? {
        guard !items.isEmpty else { return nil }
        // Items with nothing to escape (codes, phones: the usual case) are copied straight into
        // the String's own storage, sized exactly; others go through JSONText's escaping.
        // Each item's bytes are read in bulk (`withUTF8`): walking `item.utf8` byte by byte, twice,
        // cost more than the rest of the encoding (callgrind, 20k rows of phones).
        var size = items.count + 1
        for item in items {
            guard !needsEscaping(item) else { return escapedList(items) }
            size += item.utf8.count + 2
        }
        return .text(String(unsafeUninitializedCapacity: size) { buffer in
            var n = 0
            func put(_ b: UInt8) { buffer[n] = b; n += 1 }
            put(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { put(0x2C) }
                put(0x22)
                copyUTF8(item, into: buffer, at: &n)
                put(0x22)
            }
            put(0x5D)
            return n
        })
    }

    /// True when `s` has a byte JSON must escape (a control character, `"` or `\`).
    static func needsEscaping(_ s: String) -> Bool {
        withUTF8Bytes(s) { u in u.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
    }

    /// Copies `s`'s UTF-8 bytes into `buffer` from index `n` on, advancing `n`; the caller made
    /// `buffer` large enough. In bulk: for Cyrillic text, iterating `s.utf8` byte by byte cost
    /// ~50 instructions a byte (short ASCII items, as in `list`, are as fast either way).
    static func copyUTF8(_ s: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
        withUTF8Bytes(s) { copy($0, into: buffer, at: &n) }
    }

    /// Copies `bytes` into `buffer` from index `n` on, advancing `n`. Both are buffer pointers
    /// with their bounds: the slice of `buffer` is bounds-checked, and `initialize` traps
    /// rather than write past it.
    static func copy(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
        let end = n + bytes.count
        let written = UnsafeMutableBufferPointer(rebasing: buffer[n..<end]).initialize(fromContentsOf: bytes)
        n += written
    }

    private static func escapedList(_ items: [String]) -> StoredValue {
        var out: [UInt8] = [0x5B]
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONText.appendString(item, to: &out)
        }
        out.append(0x5D)
        return .text(String(decoding: out, as: UTF8.self))
    }

    // MARK: Reading back

    public static func string(_ v: StoredValue?) -> String? { v?.logText }

    public static func int(_ v: StoredValue?) -> Int? { v?.integerValue.map { Int($0) } }

    public static func boolean(_ v: StoredValue?) -> Bool? { v?.integerValue.map { $0 != 0 } }

    public static func date(_ v: StoredValue?) -> CalendarDate? {
        guard let s = v?.textValue else { return nil }
        return CalendarDate(iso: Substring(s))
    }

    public static func dateTime(_ v: StoredValue?) -> CalendarDateTime? {
        guard let s = v?.textValue else { return nil }
        return CalendarDateTime(iso: Substring(s))
    }

    public static func code<C: RawRepresentable>(_ v: StoredValue?, as: C.Type) -> C? where C.RawValue == String {
        v?.textValue.flatMap(C.init(rawValue:))
    }

    /// Parses a JSON array of strings written by `list(_:)`; anything else gives an empty list.
    public static func list(_ v: StoredValue?) -> [String] {
        guard let s = v?.textValue else { return [] }
        return MiniJSON.stringArray(s) ?? []
    }
}
