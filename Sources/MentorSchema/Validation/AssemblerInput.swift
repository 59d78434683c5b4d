import MentorBase

extension FieldInput {
    /// The validator's value as the store's input, case for case.
    public init(_ v: consuming FieldValue) {
        switch consume v {
        case .text(let s): self = .text(s)
        case .integer(let n): self = .integer(n)
        case .number(let n): self = .number(n)
        case .boolean(let b): self = .boolean(b)
        case .date(let d): self = .date(d)
        case .dateTime(let d): self = .dateTime(d)
        case .year(let y): self = .year(y)
        case .code(let c): self = .code(c)
        case .other(let s): self = .other(s)
        case .phone(let p): self = .phone(p)
        case .email(let e): self = .email(e)
        case .list(let l): self = .list(l.map(FieldInput.init))
        case .name(let n): self = .name(FieldInput.NameParts(n))
        }
    }
}

extension FieldInput.NameParts {
    /// The validator's name as the store's input (its spelling aside, which travels apart).
    init(_ n: PersonName) {
        self.init(lastName: n.lastName, firstName: n.firstName, patronymic: n.patronymic)
    }
}

/// Where each field of a schema goes among the assembler's slots, worked out once per schema
/// rather than by name on every row.
public struct AssemblerSlots: Sendable {
    /// The schema these slots are for.
    public let schema: KindSchema
    /// `slots[i]`: the slot of `schema.fields[i]`, nil for a field the assembler never reads.
    let slots: [AssemblerFields.Name?]

    public init(_ schema: KindSchema) {
        self.schema = schema
        slots = schema.fields.map { AssemblerFields.Name($0.name) }
    }
}

extension ValidatedRecord {
    /// Puts the record's values into `fields` (emptied first): the same values, in the same
    /// places, as `AssemblerFields(fields.mapValues(FieldInput.init))`, without the two
    /// dictionaries. `slots` must be made for this record's schema.
    public func fill(_ fields: inout AssemblerFields, slots: AssemblerSlots) {
        var values = self.values
        ValidatedRecord.put(&values, into: &fields, slots: slots, taking: false)
    }

    /// `fill`, the values moved rather than copied: every value the assembler reads is taken out
    /// of `values` (left nil there), so a string passes from the normaliser to the store with no
    /// retain and release on the way. What the one-pass import does with each record.
    public mutating func moveValues(into fields: inout AssemblerFields, slots: AssemblerSlots) {
        ValidatedRecord.put(&values, into: &fields, slots: slots, taking: true)
    }

    /// `taking`: each value read is moved out of `values`; else copied (`values` left as it is,
    /// so a shared array is not copied whole).
    private static func put(_ values: inout [FieldValue?], into fields: inout AssemblerFields, slots: AssemblerSlots,
                            taking: Bool) {
        fields.removeAll()
        let n = min(values.count, slots.slots.count)
        for i in 0..<n {
            // The slot first: a field the assembler never reads is not even looked at.
            guard let slot = slots.slots[i] else { continue }
            // `if let` and `consume`: bound by `guard let`, the value was copied into the input
            // (a retain of its strings) and then destroyed.
            if let v = taking ? values[i].take() : values[i] {
                if case .name(let name) = v, let spelled = name.spelled { fields.setSpelling(spelled, of: slot) }
                fields[slot] = FieldInput(consume v)
            }
        }
    }
}
