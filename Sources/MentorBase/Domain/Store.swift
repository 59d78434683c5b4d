/// What one import is asked to do.
public struct ImportRequest: Sendable {
    /// The file name as the user gave it (kept in the batch and the change log).
    public var file: String
    /// SHA-256 of the file's bytes, hex: the same file imported again is recognised at once.
    public var checksum: String
    /// Where the checksum comes from when it is still being computed (`checksum` is then
    /// unused): the store asks only when it needs it — to compare with the last batch, which a
    /// store with no batch of this kind need not do, or to record it once the rows are written.
    /// An import into an empty store then starts at once instead of waiting for the whole file
    /// to be read and hashed.
    public var checksumSource: (@Sendable () throws -> String)?
    public var kind: ImportKind
    /// The format id the file was read with (`csv`, `xlsx` …).
    public var format: String?
    public var policy: ConflictPolicy
    /// Plan only: the transaction is rolled back.
    public var dryRun: Bool
    /// Apply the valid rows even when others are rejected (default: all or nothing).
    public var acceptValid: Bool
    /// Compare every row even when the checksum says the file was the last one imported.
    public var recheck: Bool
    /// How many row plans to keep for showing (counts are always complete).
    public var planLimit: Int
    /// Keep the plans of unchanged rows too (a plan workbook lists them); off, only changes are kept.
    public var keepUnchangedPlans = false
    /// The date the store-tier rules are checked on (consents of people in active pairs); nil: not checked.
    public var asOf: CalendarDate?
    /// The moment the batch is stamped with, `YYYY-MM-DDTHH:MM:SS` UTC.
    public var now: String

    public init(file: String, checksum: String, kind: ImportKind, format: String? = nil,
                policy: ConflictPolicy = .replace, dryRun: Bool = false, acceptValid: Bool = false,
                recheck: Bool = false, planLimit: Int = 200, now: String) {
        self.file = file
        self.checksum = checksum
        self.kind = kind
        self.format = format
        self.policy = policy
        self.dryRun = dryRun
        self.acceptValid = acceptValid
        self.recheck = recheck
        self.planLimit = planLimit
        self.now = now
    }
}

/// What an import did (or, for a dry run or a stopped import, would have done).
public struct ImportReport: Sendable {
    /// Why nothing was written although the plan was made.
    public enum Stop: Sendable, Equatable {
        /// Rows were rejected and `acceptValid` was not given.
        case rejected(Int)
        /// Rows disagree with the store and the policy is `fail`.
        case conflicts(Int)
    }

    /// The batch written; nil for a dry run, a stopped import, or one that changed nothing.
    public var batchID: Int64?
    public var dryRun: Bool
    public var counts: [RecordPlan.Outcome: Int]
    public var diagnostics: DiagnosticLog
    /// The first `planLimit` rows that are not unchanged, for showing the plan.
    public var plans: [RecordPlan]
    /// The file is byte for byte the one imported as this batch, and nothing was imported since.
    public var alreadyImportedIn: Int64?
    public var stop: Stop?
    public var seconds: Double

    public init(batchID: Int64? = nil, dryRun: Bool, counts: [RecordPlan.Outcome: Int] = [:],
                diagnostics: DiagnosticLog = DiagnosticLog(), plans: [RecordPlan] = [], alreadyImportedIn: Int64? = nil,
                stop: Stop? = nil, seconds: Double = 0) {
        self.batchID = batchID
        self.dryRun = dryRun
        self.counts = counts
        self.diagnostics = diagnostics
        self.plans = plans
        self.alreadyImportedIn = alreadyImportedIn
        self.stop = stop
        self.seconds = seconds
    }

    public func count(_ o: RecordPlan.Outcome) -> Int { counts[o, default: 0] }

    /// Nothing in the store changed and nothing would.
    public var isNoOp: Bool {
        alreadyImportedIn != nil || (count(.new) == 0 && count(.updated) == 0)
    }
}

/// One import (or purge) as `mentorbase batches` lists it.
public struct BatchInfo: Sendable, Hashable {
    public var id: Int64
    public var file: String
    public var checksum: String
    /// The record kind, or `purge`.
    public var kind: String
    public var format: String?
    public var startedAt: String
    /// `applied` or `undone`.
    public var status: String
    public var undoneAt: String?
    public var counts: [RecordPlan.Outcome: Int]

    public init(id: Int64, file: String, checksum: String, kind: String, format: String?, startedAt: String,
                status: String, undoneAt: String?, counts: [RecordPlan.Outcome: Int]) {
        self.id = id
        self.file = file
        self.checksum = checksum
        self.kind = kind
        self.format = format
        self.startedAt = startedAt
        self.status = status
        self.undoneAt = undoneAt
        self.counts = counts
    }
}

/// Where one value of a person came from.
public struct Provenance: Sendable, Hashable {
    public var batchID: Int64
    public var file: String
    public var sheet: String?
    public var row: Int?
    public var at: String

    public init(batchID: Int64, file: String, sheet: String?, row: Int?, at: String) {
        self.batchID = batchID
        self.file = file
        self.sheet = sheet
        self.row = row
        self.at = at
    }
}

/// A person's stored values and where each came from (`mentorbase history PERSON`).
public struct PersonHistory: Sendable {
    /// One current value and its source.
    public struct Value: Sendable, Hashable {
        public var table: EntityTable
        public var entityID: Int64
        public var column: String
        public var value: String
        public var sensitive: Bool
        /// The batch that wrote this value (the one that created the row, or the last update of the field).
        public var source: Provenance?

        public init(table: EntityTable, entityID: Int64, column: String, value: String, sensitive: Bool, source: Provenance?) {
            self.table = table
            self.entityID = entityID
            self.column = column
            self.value = value
            self.sensitive = sensitive
            self.source = source
        }
    }

    /// One event in the person's timeline.
    public struct Event: Sendable, Hashable {
        public var table: EntityTable
        public var entityID: Int64
        /// `insert` or `update`.
        public var action: String
        public var column: String?
        public var old: String?
        public var new: String?
        public var sensitive: Bool
        public var source: Provenance

        public init(table: EntityTable, entityID: Int64, action: String, column: String?, old: String?, new: String?, sensitive: Bool, source: Provenance) {
            self.table = table
            self.entityID = entityID
            self.action = action
            self.column = column
            self.old = old
            self.new = new
            self.sensitive = sensitive
            self.source = source
        }
    }

    public var personID: Int64
    public var displayName: String
    public var values: [Value]
    public var events: [Event]

    public init(personID: Int64, displayName: String, values: [Value], events: [Event]) {
        self.personID = personID
        self.displayName = displayName
        self.values = values
        self.events = events
    }
}

/// The result of `undo BATCH`.
public struct UndoReport: Sendable {
    /// A later batch that changed the same people.
    public struct Blocker: Sendable, Hashable {
        public var batchID: Int64
        public var file: String
        /// How many of the undone batch's people it touched.
        public var people: Int

        public init(batchID: Int64, file: String, people: Int) {
            self.batchID = batchID
            self.file = file
            self.people = people
        }
    }

    public var batchID: Int64
    /// Rows deleted and fields restored.
    public var rowsDeleted: Int
    public var fieldsRestored: Int
    /// Non-empty: nothing was undone.
    public var blockers: [Blocker]

    public init(batchID: Int64, rowsDeleted: Int = 0, fieldsRestored: Int = 0, blockers: [Blocker] = []) {
        self.batchID = batchID
        self.rowsDeleted = rowsDeleted
        self.fieldsRestored = fieldsRestored
        self.blockers = blockers
    }
}

/// A person whose processing consent was revoked: their data must be destroyed by `destroyBy`.
public struct DueEntry: Sendable, Hashable {
    public var personID: Int64
    public var displayName: String
    public var revokedOn: CalendarDate
    public var destroyBy: CalendarDate
    /// `destroyBy` is on or before the date asked about.
    public var isDue: Bool

    public init(personID: Int64, displayName: String, revokedOn: CalendarDate, destroyBy: CalendarDate, isDue: Bool) {
        self.personID = personID
        self.displayName = displayName
        self.revokedOn = revokedOn
        self.destroyBy = destroyBy
        self.isDue = isDue
    }
}

/// What `purge` destroyed. It names nobody: ids only.
public struct PurgeReport: Sendable {
    /// One destroyed person.
    public struct Entry: Sendable, Hashable {
        public var personID: Int64
        public var revokedOn: CalendarDate
        public var destroyBy: CalendarDate
        public var rowsDestroyed: Int

        public init(personID: Int64, revokedOn: CalendarDate, destroyBy: CalendarDate, rowsDestroyed: Int) {
            self.personID = personID
            self.revokedOn = revokedOn
            self.destroyBy = destroyBy
            self.rowsDestroyed = rowsDestroyed
        }
    }

    /// The batch that logs the purge; nil when nothing was due.
    public var batchID: Int64?
    public var entries: [Entry]

    public init(batchID: Int64?, entries: [Entry]) {
        self.batchID = batchID
        self.entries = entries
    }
}

/// A person with everything the store holds about them, for exports.
public struct PersonRecord: Sendable {
    public var id: Int64
    public var person: Person
    /// Created from a name in someone else's row only.
    public var isReference: Bool
    public var mentor: MentorProfile?
    public var mentee: MenteeProfile?
    public var consents: [Consent]

    public init(id: Int64, person: Person, isReference: Bool, mentor: MentorProfile?, mentee: MenteeProfile?,
                consents: [Consent]) {
        self.id = id
        self.person = person
        self.isReference = isReference
        self.mentor = mentor
        self.mentee = mentee
        self.consents = consents
    }

    /// A revoked processing consent takes the person out of every export from its date,
    /// unless a newer processing consent is valid on `date`.
    public func isExcludedByRevocation(on date: CalendarDate) -> Bool {
        let processing = consents.filter { $0.kind == .processing }
        let revoked = processing.contains { ($0.revokedOn.map { $0 <= date }) ?? false }
        guard revoked else { return false }
        return !processing.contains { $0.isValid(on: date) }
    }

    /// The publication consent valid on `date`, if any (the public view needs one).
    public func publicationConsent(on date: CalendarDate) -> Consent? {
        consents.filter { $0.kind == .publication && $0.isValid(on: date) }.max { $0.signedOn < $1.signedOn }
    }
}

/// A pairing with its mentor and mentees' ids, for exports.
public struct PairingRecord: Sendable {
    public var id: Int64
    /// Nil after the mentor's data was purged.
    public var mentorID: Int64?
    public var menteeIDs: [Int64]
    public var pairing: Pairing

    public init(id: Int64, mentorID: Int64?, menteeIDs: [Int64], pairing: Pairing) {
        self.id = id
        self.mentorID = mentorID
        self.menteeIDs = menteeIDs
        self.pairing = pairing
    }
}

/// A questionnaire response, for exports.
public struct ResponseRecord: Sendable {
    public var id: Int64
    public var personID: Int64?
    public var response: QuestionnaireResponse
    public var isLatest: Bool

    public init(id: Int64, personID: Int64?, response: QuestionnaireResponse, isLatest: Bool) {
        self.id = id
        self.personID = personID
        self.response = response
        self.isLatest = isLatest
    }
}

/// The canonical store: SQLite (the default) or PostgreSQL behind one protocol.
///
/// Every call is synchronous and complete when it returns; an import runs in one transaction.
/// Reading for exports streams in pages (memory stays flat), ordered by id.
public protocol Store: AnyObject {
    /// Where the store is (a path, or a URL without the password).
    var location: String { get }
    /// The version of the schema the store is migrated to.
    func schemaVersion() throws -> Int
    /// Plans and applies `records` in one transaction (or only plans, for a dry run).
    func importRecords(_ request: ImportRequest, from records: any IncomingRecordCursor) throws -> ImportReport
    /// Every batch, oldest first.
    func batches() throws -> [BatchInfo]
    /// People matching `query` (an id `#12`, a SNILS, or a name) with where their values came from.
    func history(person query: String) throws -> [PersonHistory]
    /// Reverts one batch when no later batch depends on it; otherwise reports what blocks it.
    func undo(batch: Int64, now: String) throws -> UndoReport
    /// People with a revoked processing consent and the date their data must be destroyed by.
    func consentsDue(on date: CalendarDate) throws -> [DueEntry]
    /// Destroys the data of everyone due on `date` and logs that it did (ids only).
    func purge(on date: CalendarDate, now: String) throws -> PurgeReport
    /// Every person with profiles and consents, by id, in pages.
    func forEachPerson(_ body: (PersonRecord) throws -> Void) throws
    /// Every pairing with its members.
    func forEachPairing(_ body: (PairingRecord) throws -> Void) throws
    /// Every questionnaire response (only the current one per person and form when `latestOnly`).
    func forEachResponse(latestOnly: Bool, _ body: (ResponseRecord) throws -> Void) throws
    /// Closes the connection; the store is unusable afterwards.
    func close()
}
