#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import MentorBase
import MentorStore

/// `--store PATH|URL`: the canonical store the store commands work on.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L("Хранилище: путь к файлу SQLite или postgres://пользователь@сервер:порт/база.",
                                              "The store: a SQLite file path or postgres://user@host:port/db."),
                                            valueName: "path|url"))
    var store: String = StoreOpener.defaultPath

    func open() throws -> any Store { try StoreOpener.open(store) }
}

/// Today as a calendar date in local time, and now as a UTC timestamp for batches.
enum Clock {
    static var today: CalendarDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? .epoch
    }

    static var nowUTC: String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? cal.timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        let d = CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? .epoch
        return CalendarDateTime(date: d, hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)?.iso ?? d.iso
    }

    /// `--date`: ISO or dd.mm.yyyy.
    static func parse(_ s: String) throws -> CalendarDate {
        if let d = CalendarDate(iso: Substring(s)) { return d }
        let p = s.split(separator: ".")
        if p.count == 3, let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]), let date = CalendarDate(year: y, month: m, day: d) {
            return date
        }
        throw MentorBaseError.usage(ru: "дата «\(s)» не в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ",
                                    en: "date “\(s)” is not YYYY-MM-DD or DD.MM.YYYY")
    }
}

extension ImportKind: ExpressibleByArgument {}
extension ConflictPolicy: ExpressibleByArgument {}
