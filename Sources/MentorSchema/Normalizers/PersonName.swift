/// A person's name split into surname, name and patronymic, with the original spelling kept.
///
/// `key` is what identity matching compares: lower case, `ё`→`е`, Latin look-alike letters read
/// as Cyrillic, single spaces. A name given by initials (`Иванов И. И.`) is marked and must
/// never be merged with a full name automatically.
public struct PersonName: Hashable, Sendable, Codable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    public var lastName: String
    /// The given name, or its initial with a dot (`И.`).
    public var firstName: Optional<String>
    /// The patronymic, or its initial with a dot.
    public var patronymic: Optional<String>
    /// True when the name or patronymic is only an initial.
    public var hasInitials: Bool
    /// The cell's own text when it is exactly `display` (the parts joined by single spaces), so
    /// the joined name need not be built again: a String made of Cyrillic bytes is checked byte by
    /// byte, and every row's label and guardian are such names. Not part of the value: left out of
    /// equality, hashing and coding.
    public internal(set) var spelled: Optional<String>

    public init(lastName: String, firstName: String?, patronymic: String?, hasInitials: Bool = false) {
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
        self.hasInitials = hasInitials
        self.spelled = nil
    }

    /// A name whose parts are the words of `spelled` (the caller checked), joined by single spaces.
    init(lastName: String, firstName: String?, patronymic: String?, spelled: String?) {
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
        self.hasInitials = false
        self.spelled = spelled
    }

    private enum CodingKeys: String, CodingKey {
        case lastName, firstName, patronymic, hasInitials
    }

    /// Written out because `spelled` has no default to fall back on (see the note above).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(lastName: try c.decode(String.self, forKey: .lastName),
                  firstName: try c.decodeIfPresent(String.self, forKey: .firstName),
                  patronymic: try c.decodeIfPresent(String.self, forKey: .patronymic),
                  hasInitials: try c.decode(Bool.self, forKey: .hasInitials))
    }

    public static func == (a: PersonName, b: PersonName) -> Bool {
        a.lastName == b.lastName && a.firstName == b.firstName && a.patronymic == b.patronymic
            && a.hasInitials == b.hasInitials
    }

    public func hash(into h: inout Hasher) {
        h.combine(lastName)
        h.combine(firstName)
        h.combine(patronymic)
        h.combine(hasInitials)
    }

    /// «Фамилия Имя Отчество», the canonical order.
    public var display: String {
        spelled ?? [lastName, firstName, patronymic].compactMap { $0 }.joined(separator: " ")
    }

    /// The folded comparison key of the whole name.
    public var key: String { PersonName.foldKey(display) }

    /// Lower case, `ё`→`е`, Latin look-alikes as Cyrillic, hyphens kept, single spaces.
    public static func foldKey(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        out.reserveCapacity(s.utf8.count)
        for c0 in s.unicodeScalars {
            var c = c0
            c = Fold.cyrillicLookalike(c)
            if Fold.isLetter(c) || Fold.isDigit(c) || c == "-" {
                if pending && !out.isEmpty { out.append(" ") }
                pending = false
                out.append(Fold.lower(c))
            } else if c == "." {
                continue
            } else {
                pending = true
            }
        }
        return String(out)
    }
}
