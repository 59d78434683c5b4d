#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MentorBase

/// Rows parked in a private temporary file while another sheet is being written, then replayed
/// in order: a million-row export with a second sheet («Архив») keeps memory flat in one pass.
final class RowSpool {
    private let path: String
    private var sink: FileSink?
    private(set) var count = 0
    private var buffer: [UInt8] = []

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/mentorbase-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw MentorBaseError.io(SourceLocation(file: "spool"), ru: "не удалось создать временный файл",
                                     en: "cannot create a temporary file")
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        sink = FileSink(fd: fd, owns: true, location: SourceLocation(file: path))
    }

    deinit {
        try? sink?.close()
        unlink(path)
    }

    func append(_ cells: [Cell]) throws {
        put(UInt32(cells.count))
        for c in cells {
            switch c {
            case .empty: buffer.append(0)
            case .text(let s): buffer.append(1); putString(s)
            case .number(let n): buffer.append(2); put(n.bitPattern)
            case .boolean(let b): buffer.append(3); buffer.append(b ? 1 : 0)
            case .date(let d): buffer.append(4); put(UInt64(bitPattern: Int64(d.daysSinceEpoch)))
            case .dateTime(let d):
                buffer.append(5); put(UInt64(bitPattern: Int64(d.date.daysSinceEpoch))); put(UInt32(d.secondOfDay))
            case .error(let e): buffer.append(6); putString(e)
            }
        }
        count += 1
        if buffer.count >= 1 << 16 { try sink?.write(buffer); buffer.removeAll(keepingCapacity: true) }
    }

    /// Hands every parked row to `body`, in order; the spool is spent afterwards.
    func replay(_ body: ([Cell]) throws -> Void) throws {
        try sink?.write(buffer)
        buffer.removeAll()
        try sink?.close()
        sink = nil
        var reader = SpoolReader(stream: try FileDescriptorStream(path: path, displayName: "spool"))
        for _ in 0..<count { try body(try reader.row()) }
    }

    private func put(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    private func put(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    private func putString(_ s: String) {
        var s = s
        s.withUTF8 { u in put(UInt32(u.count)); buffer.append(contentsOf: u) }
    }
}

/// Decodes what ``RowSpool`` wrote, reading the file in 1 MiB windows.
private struct SpoolReader {
    let stream: FileDescriptorStream
    var bytes: [UInt8] = []
    var i = 0

    init(stream: FileDescriptorStream) { self.stream = stream }

    /// Makes `n` bytes available at `i`, reading more of the file when needed.
    mutating func ensure(_ n: Int) throws {
        guard i + n > bytes.count else { return }
        bytes.removeFirst(i)
        i = 0
        var chunk = [UInt8](repeating: 0, count: max(1 << 20, n))
        while bytes.count < n {
            let got = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if got == 0 { throw corrupt() }
            bytes.append(contentsOf: chunk[0..<got])
        }
    }

    mutating func row() throws -> [Cell] {
        let n = Int(try u32())
        var cells: [Cell] = []
        cells.reserveCapacity(n)
        for _ in 0..<n {
            let tag = try byte()
            switch tag {
            case 0: cells.append(.empty)
            case 1: cells.append(.text(try string()))
            case 2: cells.append(.number(Double(bitPattern: try u64())))
            case 3: cells.append(.boolean(try byte() != 0))
            case 4: cells.append(CalendarDate(daysSinceEpoch: Int(Int64(bitPattern: try u64()))).map(Cell.date) ?? .empty)
            case 5:
                let d = CalendarDate(daysSinceEpoch: Int(Int64(bitPattern: try u64())))
                let s = Int(try u32())
                cells.append(d.flatMap { CalendarDateTime(date: $0, hour: s / 3600, minute: s / 60 % 60, second: s % 60) }
                    .map(Cell.dateTime) ?? .empty)
            default: cells.append(.error(try string()))
            }
        }
        return cells
    }

    private mutating func byte() throws -> UInt8 {
        try ensure(1)
        defer { i += 1 }
        return bytes[i]
    }

    private mutating func u32() throws -> UInt32 {
        try ensure(4)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[i + k]) << (8 * k) }
        i += 4
        return v
    }

    private mutating func u64() throws -> UInt64 {
        try ensure(8)
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[i + k]) << (8 * k) }
        i += 8
        return v
    }

    private mutating func string() throws -> String {
        let n = Int(try u32())
        try ensure(n)
        defer { i += n }
        return String(decoding: bytes[i..<(i + n)], as: UTF8.self)
    }

    private func corrupt() -> MentorBaseError {
        MentorBaseError.io(SourceLocation(file: "spool"), ru: "временный файл выгрузки повреждён",
                           en: "the export's temporary file is damaged")
    }
}
