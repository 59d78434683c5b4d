import MentorBase

/// The set tier within one file: one person per row, one row per pair, the latest questionnaire wins.
///
/// Only 64-bit hashes of the keys and row numbers are kept, so a million rows cost a few tens
/// of megabytes. (Two different keys sharing a 64-bit FNV-1a hash in one file is about a
/// one-in-ten-million chance at a million rows; it would show as a false duplicate, never a lost one.)
struct SetRules {
    let schema: KindSchema
    let uniquePerson: Bool
    let uniquePair: Bool
    let latest: Bool
    let identity: [[Int]]
    /// `identity[i]` spelled as a key prefix, made once.
    let identityPrefix: [String]
    private var seen = FirstRows()
    private var submissions: [UInt64: (row: Int32, time: Int64)] = [:]
    private var repeated: [UInt64: [(row: Int32, time: Int64)]] = [:]
    let submittedAt: Int?
    let pairId, mentorName, menteeNames, startDate: Int?

    init(schema: KindSchema) {
        self.schema = schema
        uniquePerson = schema.hasRule("unique-person")
        uniquePair = schema.hasRule("unique-pair")
        latest = schema.hasRule("latest-submission")
        identity = (schema.document.mentorbase.identity ?? []).compactMap { key in
            let idx = key.compactMap { schema.index(of: $0) }
            return idx.count == key.count ? idx : nil
        }
        identityPrefix = identity.map { $0.map(String.init).joined(separator: ",") + ":" }
        submittedAt = schema.index(of: "submittedAt")
        pairId = schema.index(of: "pairId")
        mentorName = schema.index(of: "mentorName")
        menteeNames = schema.index(of: "menteeNames")
        startDate = schema.index(of: "startDate")
    }

    /// The strongest identity key's hash, built without intermediate strings, and that key's index
    /// in `identity` (not its fields: no array handed out per row).
    func personKeyHashIndex(_ rec: ValidatedRecord) -> (hash: UInt64, key: Int)? {
        outer: for n in identity.indices {
            var h = FNV()
            h.add(UInt64(n))
            for f in identity[n] {
                guard let v = rec.values[f], SetRules.addKey(v, to: &h) else { continue outer }
                h.add(0xFF)
            }
            return (h.value, n)
        }
        return nil
    }

    /// Adds a value's comparison form to a hash; false when the value cannot identify (initials).
    /// `v` is borrowed: switching over a value the function owns copied the name out of it (a
    /// retain and a release of each of its parts, every row); borrowed, most of those copies go.
    static func addKey(_ v: borrowing FieldValue, to h: inout FNV) -> Bool {
        switch v {
        case .name(let n): return addName(n, to: &h)
        case .list(let items):
            guard let first = items.first else { return false }
            return addKey(first, to: &h)
        case .date(let d): h.add(UInt64(bitPattern: Int64(d.daysSinceEpoch))); return true
        case .year(let y): h.add(0x5900_0000 &+ UInt64(y)); return true
        default:
            for b in v.displayText.lowercased().utf8 { h.add(UInt64(b)) }
            return true
        }
    }

    /// A name's key: its three parts; false for initials, which cannot identify.
    @inline(__always)
    static func addName(_ n: borrowing PersonName, to h: inout FNV) -> Bool {
        if n.hasInitials { return false }
        addNamePart(n.lastName, to: &h)
        // An absent part counts as an empty one (its separator only).
        if let first = n.firstName { addNamePart(first, to: &h) } else { addNamePart("", to: &h) }
        if let patronymic = n.patronymic { addNamePart(patronymic, to: &h) } else { addNamePart("", to: &h) }
        return true
    }

    /// One part of a name as its comparison form: every letter, digit and hyphen folded (case,
    /// `ё`, Latin look-alikes), dots and everything else left out, then a space. ASCII and the
    /// Cyrillic letters U+0400–U+045F are folded straight from the bytes; the rest scalar by scalar.
    @inline(__always)
    static func addNamePart(_ part: String, to h: inout FNV) {
        let done: Bool? = part.utf8.withContiguousStorageIfAvailable { b -> Bool in
            // Work on a copy of the hash: a part the byte loop cannot finish starts over below.
            var local = h
            let ascii = asciiKeys
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    let f = ascii[Int(c)]
                    if f != 0 { local.add(UInt64(f)) }
                    i += 1
                } else if (c == 0xD0 || c == 0xD1) && i + 1 < n {
                    let v = (UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)
                    guard v <= 0x45F else { return false }
                    // Fold.lower on U+0400–U+045F: Ё and ё read as е, upper case to lower case.
                    let f: UInt32 = (v == 0x401 || v == 0x451) ? 0x435 : (v <= 0x40F ? v + 80 : (v <= 0x42F ? v + 32 : v))
                    local.add(UInt64(f))
                    i += 2
                } else {
                    return false
                }
            }
            local.add(0x20)
            h = local
            return true
        }
        if done == true { return }
        addNamePartGeneral(part, to: &h)
    }

    /// The scalar-by-scalar folding `addNamePart` must agree with.
    static func addNamePartGeneral(_ part: String, to h: inout FNV) {
        for c in part.unicodeScalars where c != "." {
            let f = Fold.lower(Fold.cyrillicLookalike(c))
            if Fold.isLetter(f) || Fold.isDigit(f) || f == "-" { h.add(UInt64(f.value)) }
        }
        h.add(0x20)
    }

    /// What each ASCII character adds to a name key (0: nothing), from the scalar folding.
    static let asciiKeys: [UInt32] = (0..<128).map { v -> UInt32 in
        guard let c = Unicode.Scalar(v), c != "." else { return 0 }
        let f = Fold.lower(Fold.cyrillicLookalike(c))
        return Fold.isLetter(f) || Fold.isDigit(f) || f == "-" ? f.value : 0
    }

    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        return h
    }

    static func keyText(_ v: FieldValue) -> String? {
        switch v {
        case .name(let n): return n.hasInitials ? nil : n.key
        case .list(let items): return items.first.flatMap(keyText)
        case .date(let d): return d.iso
        case .year(let y): return "y\(y)"
        default: return v.displayText.lowercased()
        }
    }

    /// The strongest identity key the record has, and the fields it used.
    func personKey(_ rec: ValidatedRecord) -> (String, [Int])? {
        outer: for (n, key) in identity.enumerated() {
            var text = identityPrefix[n]
            for f in key {
                guard let v = rec.values[f], let t = SetRules.keyText(v) else { continue outer }
                text += t
                text += "|"
            }
            return (text, key)
        }
        return nil
    }

    mutating func observe(_ rec: ValidatedRecord, locate: (Int?) -> SourceLocation, into diags: inout [Diagnostic]) {
        let row = Int32(clamping: rec.row)
        if uniquePerson, let (h, key) = personKeyHashIndex(rec) {
            if let first = seen.firstRow(of: h, orRecord: row) {
                let fields = identity[key]
                let what = fields.map { schema.fields[$0].title }.joined(separator: " + ")
                diags.append(Diagnostic(code: "unique-error", severity: .error, location: locate(fields.first),
                                        value: fields.first.flatMap { rec.values[$0]?.displayText },
                                        message: Localized(ru: "этот человек уже есть в строке \(first) (совпадают \(what))",
                                                           en: "this person is already in row \(first) (same \(fields.map { schema.fields[$0].titleEn }.joined(separator: " + ")))"),
                                        hint: Localized(ru: "объедините строки в одну", en: "merge the rows into one")))
            }
        }
        if uniquePair {
            if let p = pairId, let id = rec.values[p]?.displayText {
                let h = SetRules.hash("id:" + id.lowercased())
                if let first = seen[h] {
                    diags.append(Diagnostic(code: "unique-error", severity: .error, location: locate(p), value: id,
                                            message: Localized(ru: "№ пары «\(id)» уже есть в строке \(first)", en: "pair number “\(id)” is already used in row \(first)"),
                                            hint: Localized(ru: "у каждой пары свой номер", en: "every pair has its own number")))
                } else {
                    seen[h] = row
                }
            }
            if let m = mentorName, let mk = rec.values[m].flatMap(SetRules.keyText), let ms = menteeNames,
               let list = rec.values[ms], let s = startDate, let start = rec.values[s]?.dateValue {
                let mentees = list.items.compactMap(SetRules.keyText).sorted().joined(separator: ";")
                let h = SetRules.hash("pair:" + mk + "|" + mentees + "|" + start.iso)
                if let first = seen[h] {
                    diags.append(Diagnostic(code: "unique-error", severity: .error, location: locate(ms), value: list.displayText,
                                            message: Localized(ru: "та же пара с той же датой начала уже есть в строке \(first)",
                                                               en: "the same pair with the same start is already in row \(first)"),
                                            hint: Localized(ru: "удалите повтор", en: "delete the repeated row")))
                } else {
                    seen[h] = row
                }
            }
        }
        if latest, let t = submittedAt, case .dateTime(let dt)? = rec.values[t], let (h, _) = personKeyHashIndex(rec) {
            let time = Int64(dt.date.daysSinceEpoch) * 86_400 + Int64(dt.secondOfDay)
            if let first = submissions[h] {
                if repeated[h] == nil { repeated[h] = [first] }
                repeated[h]?.append((row, time))
            } else {
                submissions[h] = (row, time)
            }
        }
    }

    /// Older submissions of one person, reported once the whole file has been seen.
    func finish(file: String?, sheet: String?, locateColumn: (Int) -> Int?, header: (Int) -> String) -> [Diagnostic] {
        guard latest, let t = submittedAt else { return [] }
        var out: [Diagnostic] = []
        for (_, entries) in repeated {
            guard let winner = entries.max(by: { ($0.time, $0.row) < ($1.time, $1.row) }) else { continue }
            for e in entries where e.row != winner.row {
                out.append(Diagnostic(code: "duplicate-submission", severity: .warning,
                                      location: SourceLocation(file: file, sheet: sheet, row: Int(e.row), column: locateColumn(t), field: header(t)),
                                      message: Localized(ru: "повторная анкета того же человека: учитывается более поздняя, из строки \(winner.row)",
                                                         en: "a repeated submission by the same person: the later one, row \(winner.row), counts"),
                                      hint: Localized(ru: "эта строка останется в истории; удалите ее, если она ошибочна",
                                                      en: "this row is kept as history; delete it if it is a mistake")))
            }
        }
        return out.sorted { ($0.location.row ?? 0) < ($1.location.row ?? 0) }
    }
}

/// 64-bit FNV-1a over 64-bit words: stable across runs, cheap, good enough for keys within one file.
struct FNV {
    var value: UInt64 = 0xcbf29ce484222325
    @inline(__always) mutating func add(_ x: UInt64) {
        value ^= x
        value = value &* 0x100000001b3
    }
}

/// The first row of each key hash: an open-addressing table over the 64-bit hashes themselves
/// (already well mixed), so a lookup costs a multiply and a probe or two instead of hashing the
/// hash again as `Dictionary` does.
///
/// At a million people the keys and rows (24 MB) are far bigger than the caches. A new key
/// (the common case: most people appear once) walks the taken slots in its probe run before it
/// finds an empty one; reading each of those slots' 8-byte key missed the cache. So a bitmap of
/// taken slots (256 KB at a million people: it stays in the cache) says where the run ends, and
/// every taken slot has a one-byte tag (8 more bits of the key's mixed hash) in a table an eighth
/// of the keys' size: a slot's tag is read only when the slot is taken, its key only when the
/// tag matches (about one slot in 256 of the others).
///
/// New keys also wait in a small buffer (their slots already tagged) and are written to `keys`
/// and `rows` a batch at a time: each write missed the cache on its own, and the miss then held
/// up the validator's next atomic reference count operation; batched, the misses overlap.
/// Lookups see the buffer.
struct FirstRows {
    private var keys: [UInt64]
    private var rows: [Int32]
    /// One bit per slot: taken.
    private var used: [UInt64]
    /// One byte per taken slot: its key's tag (see `place`).
    private var tags: [UInt8]
    private var count = 0
    private var shift: UInt64
    /// Taken slots whose key and row are not written to `keys` and `rows` yet.
    private var pendingSlots: [Int] = []
    private var pendingKeys: [UInt64] = []
    private var pendingRows: [Int32] = []
    static let batch = 32

    init() {
        keys = [UInt64](repeating: 0, count: 1024)
        rows = [Int32](repeating: 0, count: 1024)
        tags = [UInt8](repeating: 0, count: 1024)
        used = [UInt64](repeating: 0, count: 1024 / 64)
        shift = 64 - 10
        pendingSlots.reserveCapacity(FirstRows.batch)
        pendingKeys.reserveCapacity(FirstRows.batch)
        pendingRows.reserveCapacity(FirstRows.batch)
    }

    /// The key's first slot (the top bits of its mixed hash) and its tag (the 8 bits below those).
    /// The table has at most 2^32 slots, so `shift` ≥ 32 and the tag's bits exist.
    @inline(__always) private func place(_ key: UInt64) -> (slot: Int, tag: UInt8) {
        let m = key &* 0x9E37_79B9_7F4A_7C15
        return (Int(truncatingIfNeeded: m >> shift), UInt8(truncatingIfNeeded: m >> (shift - 8)))
    }

    @inline(__always) private func isUsed(_ i: Int) -> Bool { used[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// Where slot `i` waits in the buffer, if it does.
    @inline(__always) private func pending(_ i: Int) -> Int? {
        pendingSlots.withUnsafeBufferPointer { p -> Int? in
            for j in 0..<p.count where p[j] == i { return j }
            return nil
        }
    }

    /// The slot holding `key`, or the empty slot where it would go (`found` false).
    @inline(__always) private func find(_ key: UInt64) -> (slot: Int, tag: UInt8, found: Bool) {
        let mask = tags.count - 1
        var (i, tag) = place(key)
        while true {
            if !isUsed(i) { return (i, tag, false) }
            if tags[i] == tag {
                if let j = pending(i) {
                    if pendingKeys[j] == key { return (i, tag, true) }
                } else if keys[i] == key {
                    return (i, tag, true)
                }
            }
            i = (i + 1) & mask
        }
    }

    @inline(__always) private func row(at i: Int) -> Int32 {
        if let j = pending(i) { return pendingRows[j] }
        return rows[i]
    }

    /// The first row of `key`; when there is none yet, `row` becomes it and the answer is nil.
    /// One probe run instead of a lookup and then an insertion.
    @inline(__always)
    mutating func firstRow(of key: UInt64, orRecord row: Int32) -> Int32? {
        if (count + 1) * 2 > tags.count { grow() }
        let (i, tag, found) = find(key)
        if found { return self.row(at: i) }
        take(i, tag, key, row)
        return nil
    }

    subscript(key: UInt64) -> Int32? {
        get {
            let (i, _, found) = find(key)
            return found ? row(at: i) : nil
        }
        set {
            // Keys are only ever added (a nil would mean removal, which the set tier never does).
            guard let row = newValue else { return }
            if (count + 1) * 2 > tags.count { grow() }
            let (i, tag, found) = find(key)
            if found {
                if let j = pending(i) { pendingRows[j] = row } else { rows[i] = row }
                return
            }
            take(i, tag, key, row)
        }
    }

    /// Tags empty slot `i` for `key` and queues its key and row.
    @inline(__always) private mutating func take(_ i: Int, _ tag: UInt8, _ key: UInt64, _ row: Int32) {
        used[i >> 6] |= 1 << UInt64(i & 63)
        tags[i] = tag
        count += 1
        pendingSlots.append(i)
        pendingKeys.append(key)
        pendingRows.append(row)
        if pendingSlots.count >= FirstRows.batch { flush() }
    }

    /// Writes the waiting keys and rows to their slots.
    private mutating func flush() {
        let n = pendingSlots.count
        guard n > 0 else { return }
        keys.withUnsafeMutableBufferPointer { k in
            rows.withUnsafeMutableBufferPointer { r in
                for j in 0..<n {
                    let i = pendingSlots[j]
                    k[i] = pendingKeys[j]
                    r[i] = pendingRows[j]
                }
            }
        }
        pendingSlots.removeAll(keepingCapacity: true)
        pendingKeys.removeAll(keepingCapacity: true)
        pendingRows.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        flush()
        let oldKeys = keys, oldRows = rows, oldUsed = used
        let size = oldKeys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        rows = [Int32](repeating: 0, count: size)
        tags = [UInt8](repeating: 0, count: size)
        used = [UInt64](repeating: 0, count: size / 64)
        shift -= 1
        count = 0
        for i in oldKeys.indices where oldUsed[i >> 6] & (1 << UInt64(i & 63)) != 0 { self[oldKeys[i]] = oldRows[i] }
        flush()
    }
}
