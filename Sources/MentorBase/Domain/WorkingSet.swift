/// The tables of the canonical store that hold domain records; each has an `id` column.
public enum EntityTable: String, Sendable, Codable, CaseIterable, Hashable {
    case people
    case mentorProfiles = "mentor_profiles"
    case menteeProfiles = "mentee_profiles"
    case pairings
    case pairingMembers = "pairing_members"
    case consents
    case responses = "questionnaire_responses"

    /// The case's place in `allCases`, without hashing (per-row bookkeeping indexes arrays by it).
    @inline(__always)
    public var ordinal: Int {
        switch self {
        case .people: return 0
        case .mentorProfiles: return 1
        case .menteeProfiles: return 2
        case .pairings: return 3
        case .pairingMembers: return 4
        case .consents: return 5
        case .responses: return 6
        }
    }
}

/// The people sharing one key, in the order they were indexed: nearly always one, held without
/// an array of its own (a bulk load indexes two keys per new person).
struct IDList {
    private var first: Int64?
    /// The others after `first`; empty whenever `first` is nil.
    private var rest: [Int64] = []

    var isEmpty: Bool { first == nil }

    mutating func append(_ id: Int64) {
        if first == nil { first = id } else { rest.append(id) }
    }

    /// Removes every occurrence of `id`, keeping the order of the others.
    mutating func removeAll(_ id: Int64) {
        guard first == id || rest.contains(id) else { return }
        var all = self.all
        all.removeAll { $0 == id }
        first = all.first
        rest = Array(all.dropFirst())
    }

    var all: [Int64] { first.map { [$0] + rest } ?? [] }

    func append(to out: inout [Int64]) {
        guard let first else { return }
        out.append(first)
        out.append(contentsOf: rest)
    }
}

/// A stored pairing with its mentor and members.
public struct KnownPairing: Sendable {
    public var id: Int64
    public var mentorID: Int64?
    public var pairing: Pairing {
        didSet { storedValues = pairing.storedValues }
    }
    /// `pairing.storedValues`, kept beside it: every row of a group compares against them, and the
    /// pairing changes far less often than it is compared.
    public private(set) var storedValues: [StoredValue?]
    /// Person id → membership row id.
    public var members: [Int64: Int64]

    /// `values`, when given, must be `pairing.storedValues` (computed ahead on another thread).
    public init(id: Int64, mentorID: Int64?, pairing: Pairing, members: [Int64: Int64], values: [StoredValue?]? = nil) {
        self.id = id
        self.mentorID = mentorID
        self.pairing = pairing
        self.storedValues = values ?? pairing.storedValues
        self.members = members
    }
}

/// A stored consent of a person.
public struct KnownConsent: Sendable {
    public var id: Int64
    public var personID: Int64
    public var consent: Consent

    public init(id: Int64, personID: Int64, consent: Consent) {
        self.id = id
        self.personID = personID
        self.consent = consent
    }
}

/// A stored questionnaire response of a person.
public struct KnownResponse: Sendable {
    public var id: Int64
    public var personID: Int64
    public var response: QuestionnaireResponse
    public var isLatest: Bool

    public init(id: Int64, personID: Int64, response: QuestionnaireResponse, isLatest: Bool) {
        self.id = id
        self.personID = personID
        self.response = response
        self.isLatest = isLatest
    }
}

/// The slice of the store the planner looks at: loaded by the store for a chunk of rows,
/// then kept up to date by the planner as it decides, so later rows see earlier ones.
///
/// The store loads every person sharing a key (SNILS, full name, initials) with the chunk's
/// names, and every profile, pairing, consent and response of those people. The working set
/// also hands out ids for new rows (the store tells it where each table's ids continue).
public final class WorkingSet {
    public private(set) var people: [Int64: KnownPerson] = [:]
    private var bySNILS: [ByteKey: Int64] = [:]
    private var byName: [ByteKey: IDList] = [:]
    private var byInitials: [ByteKey: IDList] = [:]
    public private(set) var mentorProfiles: [Int64: (id: Int64, profile: MentorProfile)] = [:]
    public private(set) var menteeProfiles: [Int64: (id: Int64, profile: MenteeProfile)] = [:]
    public private(set) var pairings: [Int64: KnownPairing] = [:]
    /// Each mentor's pairings in loading order, with what finding one by start date and form
    /// compares: a mentor's many groups are scanned in one array, without a lookup per group.
    private var pairingsByMentor: [Int64: [PairingLookup]] = [:]
    private var pairingsByCode: [ByteKey: Int64] = [:]
    public private(set) var consents: [Int64: [KnownConsent]] = [:]
    public private(set) var responses: [Int64: [KnownResponse]] = [:]
    /// People loaded because they are in a pairing that has not ended (loaded for store-tier rules).
    public private(set) var inActivePairing = Set<Int64>()
    /// The next free id of each table, by `EntityTable.ordinal`.
    private var nextIDs: [Int64]
    /// The last name merged into a person as a reference without changing them (see `isSettled`).
    private var settledReference: SettledReference?
    /// The last reference resolved: its keys, the ids of its candidates and the decision (see `resolution`).
    private var lastResolution: Resolution?
    /// Every key indexed since the last reset, in a small filter: most questions of a bulk load
    /// are about names nobody here has, answered without hashing them for three dictionaries.
    private var indexedKeys = SmallKeyFilter()
    /// The keys the rows of the chunk being planned ask about, counted (set by the store before
    /// planning a chunk, dropped by `reset`; nil: unknown). See ``isAskedOnce(_:)``.
    ///
    /// Set it only when the working set is reset after the chunk and a later chunk that asks about
    /// one of the chunk's keys reads it from the store with the chunk written (the store's
    /// write-behind waits for the chunk then): a new person these counts leave unindexed is found
    /// by later chunks there, never here.
    public var askedKeys: AskedKeys?

    /// `nextIDs`: the first free id of each table.
    public init(nextIDs: [EntityTable: Int64]) {
        self.nextIDs = EntityTable.allCases.map { nextIDs[$0, default: 1] }
    }

    /// A new id for a row of `table`.
    public func allocateID(_ table: EntityTable) -> Int64 {
        let id = nextIDs[table.ordinal]
        nextIDs[table.ordinal] = id + 1
        return id
    }

    /// The id the next row of `table` will get (none allocated).
    public func nextID(_ table: EntityTable) -> Int64 { nextIDs[table.ordinal] }

    /// Where each table's ids continue (for the next chunk).
    public var idCounters: [EntityTable: Int64] {
        Dictionary(uniqueKeysWithValues: EntityTable.allCases.map { ($0, nextIDs[$0.ordinal]) })
    }

    /// Forgets every loaded record, keeping the id counters: the store holds what was decided.
    public func reset() {
        people.removeAll(keepingCapacity: true)
        bySNILS.removeAll(keepingCapacity: true)
        byName.removeAll(keepingCapacity: true)
        byInitials.removeAll(keepingCapacity: true)
        mentorProfiles.removeAll(keepingCapacity: true)
        menteeProfiles.removeAll(keepingCapacity: true)
        pairings.removeAll(keepingCapacity: true)
        pairingsByMentor.removeAll(keepingCapacity: true)
        pairingsByCode.removeAll(keepingCapacity: true)
        consents.removeAll(keepingCapacity: true)
        responses.removeAll(keepingCapacity: true)
        inActivePairing.removeAll(keepingCapacity: true)
        settledReference = nil
        lastResolution = nil
        indexedKeys.clear()
        askedKeys = nil
    }

    /// True when the rows being planned ask about each of `keys` once in all (the row that has
    /// them): a person with these keys, put now, would never be among anyone's candidates before
    /// the next reset. False when the store did not say what the rows ask.
    public func isAskedOnce(_ keys: IdentityKeys) -> Bool { isAskedOnce(IdentityKeyHashes(keys)) }

    /// `isAskedOnce` of the keys whose hashes are `h`.
    public func isAskedOnce(_ h: IdentityKeyHashes) -> Bool {
        // Read once (each read of a class's property is an exclusivity check).
        guard let asked = askedKeys else { return false }
        if let s = h.snils, !asked.isAskedOnce(hashes: s) { return false }
        return asked.isAskedOnce(hashes: h.name) && asked.isAskedOnce(hashes: h.initials)
    }

    /// What `IdentityResolver.resolve(reference, keys:, among: candidates(for: keys))` gave for the
    /// same bytes last time, when nobody sharing a key with the name, and none of its candidates,
    /// has been put since: the decision is a function of the name and those people, and a mentee
    /// base names the same mentor on row after row.
    public func resolution(of reference: PersonReference) -> IdentityDecision? {
        // Moved out and back: read in place, the class's property was copied around the
        // comparison (a retain and a release of every string of the name and its keys).
        guard let last = lastResolution.take() else { return nil }
        let decision = last.reference.hasSameBytes(as: reference) ? last.decision : nil
        lastResolution = consume last
        return decision
    }

    /// Remembers a reference's decision (`keys` are the reference's, `candidates` what it was resolved among).
    public func noteResolution(of reference: PersonReference, keys: IdentityKeys, candidates: [KnownPerson],
                               _ decision: IdentityDecision) {
        lastResolution = Resolution(reference: reference, keys: keys, candidates: candidates.map(\.id), decision: decision)
    }

    /// True when a person with keys `k` would be among the candidates for `m`.
    private static func sharesKey(_ k: IdentityKeys, _ m: IdentityKeys) -> Bool {
        if let a = k.snils, let b = m.snils, MentorBase.sameBytes(a, b) { return true }
        return MentorBase.sameBytes(k.nameKey, m.nameKey) || MentorBase.sameBytes(k.initialsKey, m.initialsKey)
    }

    /// True when `reference` was merged into person `id` last and changed nothing, and the person
    /// has not changed since: merging the same bytes into the same person changes nothing again
    /// (a mentee base names its mentor on row after row).
    public func isSettled(_ reference: PersonReference, into id: Int64) -> Bool {
        // Moved out and back (see `resolution`).
        guard let settled = settledReference.take() else { return false }
        let same = settled.personID == id && settled.reference.hasSameBytes(as: reference)
        settledReference = consume settled
        return same
    }

    /// Notes that merging `reference` into person `id` changed nothing.
    public func markSettled(_ reference: PersonReference, into id: Int64) {
        settledReference = SettledReference(personID: id, reference: reference)
    }

    /// The last reference resolved (see `lastResolution`).
    private struct Resolution {
        var reference: PersonReference
        var keys: IdentityKeys
        var candidates: [Int64]
        var decision: IdentityDecision
    }

    /// The last reference merged into a person without changing them (see `settledReference`).
    private struct SettledReference {
        var personID: Int64
        var reference: PersonReference
    }

    /// Notes that a person is in a pairing that has not ended.
    public func markInActivePairing(_ personID: Int64) { inActivePairing.insert(personID) }

    // MARK: Loading and updating

    /// Puts a person (moved in, not copied), replacing the one with the same id.
    public func put(_ p: consuming KnownPerson) {
        let id = p.id
        if settledReference?.personID == id { settledReference = nil }
        if lastResolution != nil, lastResolution?.candidates.contains(id) == true
            || lastResolution.map({ WorkingSet.sharesKey(p.keys, $0.keys) }) == true {
            lastResolution = nil
        }
        // The old one is unindexed before the new one is indexed: a person put again with the
        // same keys goes to the end of each key's list, as every later put does.
        if let old = people.removeValue(forKey: id) { unindex(old) }
        if let s = p.keys.snils {
            bySNILS[ByteKey(s)] = id
            indexedKeys.add(s)
        }
        byName[ByteKey(p.keys.nameKey), default: IDList()].append(id)
        byInitials[ByteKey(p.keys.initialsKey), default: IDList()].append(id)
        indexedKeys.add(p.keys.nameKey)
        indexedKeys.add(p.keys.initialsKey)
        people[id] = consume p
    }

    private func unindex(_ p: KnownPerson) {
        if let s = p.keys.snils, bySNILS[ByteKey(s)] == p.id { bySNILS[ByteKey(s)] = nil }
        byName[ByteKey(p.keys.nameKey)]?.removeAll(p.id)
        byInitials[ByteKey(p.keys.initialsKey)]?.removeAll(p.id)
    }

    public func putMentorProfile(personID: Int64, id: Int64, _ m: MentorProfile) { mentorProfiles[personID] = (id, m) }

    public func putMenteeProfile(personID: Int64, id: Int64, _ m: MenteeProfile) { menteeProfiles[personID] = (id, m) }

    public func put(_ p: KnownPairing) {
        if let old = pairings[p.id] {
            // Listed under the mentor it was first put with (as before it was put again).
            if let m = old.mentorID { updateLookup(mentorID: m, PairingLookup(id: p.id, p.pairing)) }
        } else if let m = p.mentorID {
            pairingsByMentor[m, default: []].append(PairingLookup(id: p.id, p.pairing))
        }
        pairings[p.id] = p
        if let c = p.pairing.code { pairingsByCode[ByteKey(c)] = p.id }
    }

    private func updateLookup(mentorID: Int64, _ l: PairingLookup) {
        guard let i = pairingsByMentor[mentorID]?.firstIndex(where: { $0.id == l.id }) else { return }
        pairingsByMentor[mentorID]?[i] = l
    }

    public func put(_ c: KnownConsent) {
        var list = consents[c.personID, default: []]
        if let i = list.firstIndex(where: { $0.id == c.id }) { list[i] = c } else { list.append(c) }
        consents[c.personID] = list
    }

    public func put(_ r: KnownResponse) {
        var list = responses[r.personID, default: []]
        if let i = list.firstIndex(where: { $0.id == r.id }) { list[i] = r } else { list.append(r) }
        responses[r.personID] = list
    }

    // MARK: Lookups

    /// Everyone sharing a key with `keys`: the candidates identity matching weighs.
    public func candidates(for keys: IdentityKeys) -> [KnownPerson] {
        candidates(for: keys, hashes: IdentityKeyHashes(keys))
    }

    /// `candidates(for: keys)`, given the keys' hashes.
    public func candidates(for keys: IdentityKeys, hashes h: IdentityKeyHashes) -> [KnownPerson] {
        // A bulk load asks mostly about names nobody has yet: answer that without building lists,
        // and mostly without hashing the keys for the dictionaries.
        let indexed = indexedKeys
        if !(h.snils.map(indexed.mayContain) ?? false) && !indexed.mayContain(hashes: h.name)
            && !indexed.mayContain(hashes: h.initials) { return [] }
        let snilsHit = keys.snils.flatMap { bySNILS[ByteKey($0)] }
        let named = byName[ByteKey(keys.nameKey)]
        let initialled = byInitials[ByteKey(keys.initialsKey)]
        if snilsHit == nil && (named?.isEmpty ?? true) && (initialled?.isEmpty ?? true) { return [] }
        var ids: [Int64] = []
        if let id = snilsHit { ids.append(id) }
        named?.append(to: &ids)
        initialled?.append(to: &ids)
        var seen = Set<Int64>()
        return ids.compactMap { seen.insert($0).inserted ? people[$0] : nil }
    }

    /// The id of the first pairing of a mentor (in loading order) that `matches`, without copying the list.
    public func firstPairing(ofMentor id: Int64, where matches: (KnownPairing) -> Bool) -> Int64? {
        for l in pairingsByMentor[id] ?? [] {
            if let p = pairings[l.id], matches(p) { return l.id }
        }
        return nil
    }

    /// Reads a loaded pairing in place: neither it nor its members dictionary is copied (a
    /// dictionary's value is reached without a copy only through its mutating accessor). `body`
    /// must not change it; `modifyPairing` and `addMember` do that. Nil when it is not loaded.
    public func withPairing<R>(_ id: Int64, _ body: (inout KnownPairing) -> R) -> R? {
        guard let i = pairings.index(forKey: id) else { return nil }
        return body(&pairings.values[i])
    }

    /// Changes a pairing in place (its members dictionary is not copied), keeping the code index.
    public func modifyPairing(_ id: Int64, _ body: (inout KnownPairing) -> Void) {
        guard var p = pairings.removeValue(forKey: id) else { return }
        let mentorID = p.mentorID
        body(&p)
        if let c = p.pairing.code { pairingsByCode[ByteKey(c)] = p.id }
        if let m = mentorID { updateLookup(mentorID: m, PairingLookup(id: id, p.pairing)) }
        pairings[id] = p
    }

    /// True when `personID` is a member of the loaded pairing `pairingID` (read in place).
    public func isMember(pairingID: Int64, personID: Int64) -> Bool {
        withPairing(pairingID) { $0.members[personID] != nil } ?? false
    }

    /// Adds a member to a loaded pairing in place (the members dictionary is not copied).
    public func addMember(pairingID: Int64, personID: Int64, memberID: Int64) {
        // Through the values' own index: the key's accessor would move the whole pairing out and back.
        guard let i = pairings.index(forKey: pairingID) else { return }
        pairings.values[i].members[personID] = memberID
    }

    /// What finding a mentor's pairing by start date and form compares, kept apart from the
    /// pairings so that a mentor's many groups are scanned without copying each one out.
    public struct PairingLookup: Sendable {
        /// The pairing's id.
        public var id: Int64
        public var code: String?
        public var startDate: CalendarDate?
        public var form: String?

        init(id: Int64, _ p: Pairing) {
            self.id = id
            code = p.code
            startDate = p.startDate
            form = p.form
        }
    }

    /// The id of the first pairing of a mentor (in loading order) started on `start` in `form`,
    /// among those without a code unless `anyCode`.
    public func firstPairing(ofMentor id: Int64, start: CalendarDate, form: String, anyCode: Bool) -> Int64? {
        guard let list = pairingsByMentor[id] else { return nil }
        // By index, each field compared where it lies: a mentor's every group is passed on every
        // row, and a copy of each entry would retain its strings.
        for i in list.indices where list[i].startDate == start && (anyCode || list[i].code == nil) {
            if list[i].form == form { return list[i].id }
        }
        return nil
    }

    /// The id of the first pairing of a mentor (in loading order) whose lookup fields `match`.
    public func firstPairing(ofMentor id: Int64, matching match: (PairingLookup) -> Bool) -> Int64? {
        for l in pairingsByMentor[id] ?? [] where match(l) { return l.id }
        return nil
    }

    /// The id of the pairing with this code, if one is loaded.
    public func pairingID(code: String) -> Int64? {
        pairingsByCode[ByteKey(code)].flatMap { pairings.index(forKey: $0) != nil ? $0 : nil }
    }

    public func pairings(ofMentor id: Int64) -> [KnownPairing] {
        (pairingsByMentor[id] ?? []).compactMap { pairings[$0.id] }
    }

    public func pairing(code: String) -> KnownPairing? { pairingsByCode[ByteKey(code)].flatMap { pairings[$0] } }
}
