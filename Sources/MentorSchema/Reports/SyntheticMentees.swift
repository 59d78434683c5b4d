import Foundation
import MentorBase

/// A deterministic stream of mentee-base rows in memory, for the validation benchmark
/// (`validate --bench-synthetic-rows N`): the validator's cost is compared with a plain loop over
/// the same rows, with no file reading in either.
public final class SyntheticMentees: RowCursor {
    public static let header = ["№ п/п", "ФИО наставляемого", "Дата рождения", "Класс", "Контактные данные для связи",
                                "ФИО родителя (законного представителя)", "Категория наставляемого", "Основной запрос наставляемого",
                                "Дата вхождения в программу", "ФИО наставника", "Форма наставничества",
                                "Место реализации программы наставничества", "Дата завершения программы"]
    static let surnames = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Федоров",
                           "Морозов", "Волков", "Алексеев", "Лебедев", "Семенов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев"]
    static let names = ["Александр", "Максим", "Иван", "Артем", "Дмитрий", "Никита", "Михаил", "Даниил", "Егор", "Андрей"]
    static let patronymics = ["Александрович", "Сергеевич", "Андреевич", "Дмитриевич", "Алексеевич", "Игоревич", "Олегович", "Петрович"]
    static let forms = ["ученик – ученик", "студент – ученик", "работодатель – ученик", "ученик – ученик, традиционное"]
    static let categories = ["проявившие выдающиеся способности", "демонстрирующие неудовлетворительные образовательные результаты",
                             "не принимающие участие в жизни школы, отстраненные от коллектива"]
    private let count: Int
    private var i = 0

    public init(count: Int) { self.count = count }

    public func next() throws -> Row? {
        if i == 0 {
            i = 1
            return Row(number: 1, cells: SyntheticMentees.header.map(Cell.text))
        }
        guard i <= count else { return nil }
        let n = i
        i += 1
        let s = SyntheticMentees.self
        let surname = s.surnames[n % 20], name = s.names[(n / 20) % 10], patr = s.patronymics[(n / 200) % 8]
        let day = 1 + n % 28, month = 1 + (n / 28) % 12, year = 2006 + (n / 336) % 6
        let grade = 5 + (n % 7)
        let letter = ["А", "Б", "В", "Г"][n % 4]
        let phone = "8 (9\(10 + n % 89)) \(100 + n % 900)-\(10 + n % 90)-\(10 + (n / 90) % 90)"
        let cells: [Cell] = [
            .text(String(n)),
            .text("\(surname)-\(String(n).replacingDigitsWithLetters().capitalized) \(name) \(patr)"),
            .text("\(pad2(day)).\(pad2(month)).\(year)"),
            .text("\(grade)\(letter)"),
            .text(phone),
            .text("\(surname)а Мария Ивановна"),
            .text(s.categories[n % 3]),
            .text("помощь в учебе по математике"),
            .text("0\(1 + n % 9).10.2022"),
            .text("Орлова Нина Викторовна"),
            .text(s.forms[n % 4]),
            .text("МБОУ СОШ № 4"),
            n % 5 == 0 ? .text("2\(1 + n % 8).05.2023") : .empty,
        ]
        return Row(number: n + 1, cells: cells)
    }

    private func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
}

extension String {
    /// Makes every synthetic name unique without digits (names may not hold digits): 12 → «бв».
    func replacingDigitsWithLetters() -> String {
        let letters = Array("абвгдежзик")
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self {
            if let d = c.wholeNumberValue, c.isASCII { out.append(letters[d]) } else { out.append(c) }
        }
        return out
    }
}
