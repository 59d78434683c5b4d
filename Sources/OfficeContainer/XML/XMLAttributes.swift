/// True when the NUL-terminated `p` (a name from a ``SAXSink`` callback) spells exactly `s`.
@inlinable @inline(__always)
public func xmlNameIs(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    let q = s.utf8Start
    var i = 0
    while i < n {
        if p[i] != q[i] { return false }
        i += 1
    }
    return p[n] == 0
}

/// The attributes of one start tag, looked up by local name (namespaces ignored unless asked).
///
/// Values are raw UTF-8 bytes, not NUL-terminated, valid only during the callback: copy what
/// you keep (``string(_:)`` does). libxml2, which runs without entity substitution, hands an
/// `&amp;` in an attribute over as the five bytes `&#38;` (every other reference arrives
/// decoded): ``string(_:)`` turns them back into `&`; ``raw(_:)`` does not.
public struct XMLAttributes {
    /// How many attributes the tag has.
    public let count: Int
    /// libxml2's array of `count` quintuples (local name, prefix, URI, value start, value end).
    public let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    /// Wraps the arguments of ``SAXSink/startElement(_:_:_:)``.
    @inlinable
    public init(_ count: Int, _ base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        self.count = count
        self.base = base
    }

    /// The raw value bytes of the attribute whose local name is `name`.
    @inlinable @inline(__always)
    public func raw(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        var i = 0
        while i < count {
            let a = base + i * 5
            if let local = a[0], xmlNameIs(local, name), let start = a[3], let end = a[4] {
                return UnsafeBufferPointer(start: start, count: end - start)
            }
            i += 1
        }
        return nil
    }

    /// The value as a `String` (attributes of small parts: names, targets), `&` restored.
    public func string(_ name: StaticString) -> String? {
        raw(name).map(XMLAttributes.decode)
    }

    /// The bytes as a `String`, with libxml2's `&#38;` turned back into `&`.
    public static func decode(_ v: UnsafeBufferPointer<UInt8>) -> String {
        guard v.contains(0x26) else { return String(decoding: v, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = 0
        while i < v.count {
            if v[i] == 0x26, i + 4 < v.count, v[i + 1] == 0x23, v[i + 2] == 0x33, v[i + 3] == 0x38, v[i + 4] == 0x3B {
                out.append(0x26)
                i += 5
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of a namespaced attribute (`r:id`) whose local name is `name` and whose
    /// namespace URI ends with `uriSuffix`.
    public func string(_ name: StaticString, uriSuffix: String) -> String? {
        guard let base else { return nil }
        for i in 0..<count {
            let a = base + i * 5
            guard let local = a[0], xmlNameIs(local, name), let uri = a[2],
                  String(cString: uri).hasSuffix(uriSuffix), let start = a[3], let end = a[4] else { continue }
            return XMLAttributes.decode(UnsafeBufferPointer(start: start, count: end - start))
        }
        return nil
    }

    /// A non-negative decimal integer value, or nil.
    @inlinable @inline(__always)
    public func int(_ name: StaticString) -> Int? {
        guard let v = raw(name) else { return nil }
        return parseDecimal(v)
    }
}

/// Parses ASCII digits (no sign); nil when empty, not digits, or absurdly long (over 18 digits).
@inlinable @inline(__always)
public func parseDecimal(_ v: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !v.isEmpty, v.count <= 18 else { return nil }
    var n = 0
    for b in v {
        guard b >= 0x30 && b <= 0x39 else { return nil }
        n = n * 10 + Int(b - 0x30)
    }
    return n
}
