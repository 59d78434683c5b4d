import Foundation
import MentorBase

/// One request as the app sees it: no server types, so the app's logic does not depend on them.
struct ServeRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    /// The `Host` the browser used (HTTP/1 `Host`, HTTP/2 `:authority`).
    var authority: String?
    /// The client's IP address (no port), for the password throttle; nil when unknown.
    var client: String? = nil
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    /// The first header of that name (case-insensitive).
    func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.0.lowercased() == n }?.1
    }

    /// The path split into segments, empty ones dropped.
    var segments: [String] { path.split(separator: "/").map(String.init) }
}

/// One response before the security headers are added.
struct ServeResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static func html(_ text: String, status: Int = 200) -> ServeResponse {
        ServeResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    static func text(_ text: String, status: Int) -> ServeResponse {
        ServeResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// 303 See Other: after a form post the browser loads the result with GET.
    static func redirect(_ location: String) -> ServeResponse {
        ServeResponse(status: 303, headers: [("Location", location), ("Content-Type", "text/plain; charset=utf-8")],
                      body: Array("→ \(location)\n".utf8))
    }

    /// A download: `attachment` with the name in RFC 5987 form (Cyrillic names survive).
    static func download(_ bytes: [UInt8], contentType: String, filename: String) -> ServeResponse {
        ServeResponse(status: 200, headers: [("Content-Type", contentType),
                                             ("Content-Disposition", ServeForm.contentDisposition(filename))],
                      body: bytes)
    }

    func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.0.lowercased() == n }?.1
    }
}

/// One part of a `multipart/form-data` body.
struct FormPart {
    var name: String
    var filename: String?
    var contentType: String?
    var data: ArraySlice<UInt8>
}

/// Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data`.
enum ServeForm {
    /// `a=1&b=%D0%B0+б` → ["a": "1", "b": "а б"]; the first value of a repeated key wins.
    static func parseURLEncoded(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = decode(kv[0])
            let v = kv.count > 1 ? decode(kv[1]) : ""
            if out[k] == nil { out[k] = v }
        }
        return out
    }

    static func decode(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if b == UInt8(ascii: "%"), it.count >= 2, let h = hex(it[it.startIndex]), let l = hex(it[it.startIndex + 1]) {
                bytes.append(h << 4 | l)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Percent-encodes a query value.
    static func encode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// The `boundary` parameter of a multipart content type.
    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for param in contentType.split(separator: ";").dropFirst() {
            let p = param.trimmingCharacters(in: .whitespaces)
            if p.lowercased().hasPrefix("boundary=") {
                var v = String(p.dropFirst(9))
                if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                return v.isEmpty ? nil : v
            }
        }
        return nil
    }

    /// Splits a multipart body into its parts; malformed input gives the parts found before the damage.
    static func parseMultipart(_ body: [UInt8], boundary: String) -> [FormPart] {
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        var parts: [FormPart] = []
        guard var pos = find(delimiter, in: body, from: 0) else { return [] }
        pos += delimiter.count
        while pos + 1 < body.count {
            // "--" after the delimiter closes the body.
            if body[pos] == UInt8(ascii: "-"), body[pos + 1] == UInt8(ascii: "-") { break }
            guard let headStart = find([13, 10], in: body, from: pos).map({ $0 + 2 }),
                  let headEnd = find([13, 10, 13, 10], in: body, from: headStart) else { break }
            let head = String(decoding: body[headStart..<headEnd], as: UTF8.self)
            let dataStart = headEnd + 4
            guard let dataEnd = find(separator, in: body, from: dataStart) else { break }
            var part = FormPart(name: "", filename: nil, contentType: nil, data: body[dataStart..<dataEnd])
            for line in head.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = parameter("name", in: line) ?? ""
                    part.filename = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst(13).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
            pos = dataEnd + separator.count
        }
        return parts
    }

    /// `name="x"` inside a Content-Disposition line (quoted; browsers escape `"` as %22).
    private static func parameter(_ key: String, in line: String) -> String? {
        let needle = key + "=\""
        var search = line.startIndex
        while let r = line.range(of: needle, range: search..<line.endIndex) {
            // `filename=` must not match inside `name=`'s search and vice versa.
            let before = r.lowerBound == line.startIndex ? " " : line[line.index(before: r.lowerBound)]
            if before == " " || before == ";" {
                guard let end = line[r.upperBound...].firstIndex(of: "\"") else { return nil }
                return String(line[r.upperBound..<end]).replacingOccurrences(of: "%22", with: "\"")
            }
            search = r.upperBound
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, start <= hay.count - needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = hay.count - needle.count
        return hay.withUnsafeBufferPointer { h -> Int? in
            while i <= last {
                if h[i] == first {
                    var j = 1
                    while j < needle.count && h[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`.
    static func contentDisposition(_ name: String, inline: Bool = false) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        return (inline ? "inline" : "attachment") + "; filename=\"\(ascii)\"; filename*=UTF-8''" + encode(name)
    }

    /// The base name of an uploaded file, safe as a file name in our folder: no folders, no control
    /// characters, no leading dot, at most 120 characters; «upload» when nothing is left.
    static func safeFileName(_ raw: String) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(base.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != ":" }.map(Character.init))
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        if cleaned.count > 120 {
            let ext = (cleaned as NSString).pathExtension
            cleaned = String(cleaned.prefix(100)) + (ext.isEmpty ? "" : "." + ext)
        }
        return cleaned.isEmpty ? "upload" : cleaned
    }
}
