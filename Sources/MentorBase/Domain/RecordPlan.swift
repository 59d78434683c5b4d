/// What `--on-conflict` does when a row and the store disagree on a non-empty value.
public enum ConflictPolicy: String, Sendable, Codable, CaseIterable {
    /// Keep the stored value; report the row as conflicting.
    case keep
    /// The row's value replaces the stored one (the default).
    case replace
    /// Any disagreement stops the import.
    case fail
}

/// One column of one stored row changing from `old` to `new`.
public struct FieldChange: Hashable, Sendable {
    public var column: String
    public var old: StoredValue?
    public var new: StoredValue?
    /// A special category: masked when shown.
    public var sensitive: Bool

    public init(column: String, old: StoredValue?, new: StoredValue?, sensitive: Bool = false) {
        self.column = column
        self.old = old
        self.new = new
        self.sensitive = sensitive
    }
}

/// One row to write: a new row with all its columns, or changes to an existing one.
public struct EntityWrite: Sendable {
    /// Insert or update.
    public enum Action: Sendable {
        /// Every column of the row except the bookkeeping ones the store adds.
        case insert(InsertedRow)
        case update([FieldChange])

        /// An insert's values (nil for an update): their array alone, not the whole row.
        @inlinable
        public var insertedValues: [StoredValue?]? {
            if case .insert(let row) = self { return row.values }
            return nil
        }

        /// An insert's column names (nil for an update).
        @inlinable
        public var insertedColumns: [String]? {
            if case .insert(let row) = self { return row.columns }
            return nil
        }
    }

    public var table: EntityTable
    public var id: Int64
    /// Whose data the row is (for pairings: the mentor's); history, undo and purge go by it.
    public var personID: Int64?
    public var action: Action

    public init(table: EntityTable, id: Int64, personID: Int64?, action: Action) {
        self.table = table
        self.id = id
        self.personID = personID
        self.action = action
    }

    public var isInsert: Bool {
        if case .insert = action { return true }
        return false
    }
}

/// A new row's values and the names of their columns.
///
/// The names are one array shared by every row the planner builds the same way (not one per
/// row), and the values are the record's own array, moved rather than copied value by value:
/// a bulk load builds and lets go of millions of these.
public struct InsertedRow: Sendable {
    /// Aligned with `values`; the column order of an insert is free (rows are written by name).
    public var columns: [String]
    /// Nil is NULL.
    public var values: [StoredValue?]

    public init(columns: [String], values: [StoredValue?]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column`; nil when the row has no such column (`.some(nil)`: NULL).
    public func value(of column: String) -> StoredValue?? {
        for i in columns.indices where i < values.count && columns[i] == column { return .some(values[i]) }
        return nil
    }
}

/// Why a row is conflicting.
public enum PlanConflict: Hashable, Sendable {
    /// The row's person may be one of these stored people.
    case identity(name: String, [ReviewCandidate])
    /// A name in the row (a mentor, a mentee) may be one of these stored people.
    case reference(name: String, [ReviewCandidate])
    /// The stored value and the row's differ and the policy keeps the stored one (or fails).
    case field(table: EntityTable, column: String, stored: StoredValue?, incoming: StoredValue?, sensitive: Bool)

    /// The reason in words.
    public func message(_ lang: Language) -> String {
        func cands(_ cs: [ReviewCandidate]) -> String {
            cs.map { "#\($0.personID) \($0.displayName) (\($0.reason.message(lang)))" }.joined(separator: "; ")
        }
        switch self {
        case .identity(let name, let cs):
            return (lang == .ru ? "«\(name)»: возможно, это уже известный человек — " : "“\(name)” may be a known person — ")
                + cands(cs)
        case .reference(let name, let cs):
            return (lang == .ru ? "ссылка на «\(name)» неоднозначна — " : "the reference to “\(name)” is ambiguous — ")
                + cands(cs)
        case .field(let table, let column, let stored, let incoming, let sensitive):
            let s = sensitive ? "***" : (stored?.logText ?? "")
            let i = sensitive ? "***" : (incoming?.logText ?? "")
            return lang == .ru ? "\(table.rawValue).\(column): в хранилище «\(s)», в файле «\(i)»"
                : "\(table.rawValue).\(column): stored “\(s)”, file “\(i)”"
        }
    }
}

/// What importing one row would do.
public struct RecordPlan: Sendable {
    /// The plan's outcome for the row.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case new, updated, unchanged, conflicting, rejected

        /// The outcome's place in `allCases`.
        public var index: Int {
            switch self {
            case .new: return 0
            case .updated: return 1
            case .unchanged: return 2
            case .conflicting: return 3
            case .rejected: return 4
            }
        }
    }

    public var location: SourceLocation
    public var outcome: Outcome
    /// The row's subject, for showing the plan («Иванов Иван Иванович»).
    public var label: String
    public var writes: [EntityWrite]
    /// Field changes of existing rows, for showing the plan (inserts are not itemised).
    public var changes: [(table: EntityTable, id: Int64, change: FieldChange)]
    public var conflicts: [PlanConflict]
    public var diagnostics: [Diagnostic]
    /// «pair-without-consent» warnings not yet worded, which follow `diagnostics` (only when the
    /// planner's `defersConsentWarnings` is set; see ``wordPendingWarnings()``).
    public var pendingWarnings: [PendingConsentWarning]

    public init(location: SourceLocation, outcome: Outcome, label: String, writes: [EntityWrite] = [],
                changes: [(table: EntityTable, id: Int64, change: FieldChange)] = [],
                conflicts: [PlanConflict] = [], diagnostics: [Diagnostic] = [],
                pendingWarnings: [PendingConsentWarning] = []) {
        self.location = location
        self.outcome = outcome
        self.label = label
        self.writes = writes
        self.changes = changes
        self.conflicts = conflicts
        self.diagnostics = diagnostics
        self.pendingWarnings = pendingWarnings
    }

    /// Moves the pending warnings, worded, to the end of `diagnostics`: the plan the planner
    /// gives when it does not defer them.
    public mutating func wordPendingWarnings() {
        guard !pendingWarnings.isEmpty else { return }
        for w in pendingWarnings { diagnostics.append(w.diagnostic(at: location, label: label)) }
        pendingWarnings = []
    }
}
