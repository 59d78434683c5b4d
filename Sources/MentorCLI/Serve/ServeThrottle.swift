import Foundation

/// Slows down password guessing on a server reachable from the network.
///
/// Each client address may get the password wrong `allowed` times within `window` seconds; the next
/// wrong one locks that address out (every request answered 429 with `Retry-After`, the right password
/// included, so a guesser cannot tell a hit during the lockout). Each further lockout of the same address
/// doubles, up to `maxLockout`. A right password outside a lockout forgets the address's failures.
/// Requests without an `Authorization` header are the browser's first try and do not count.
///
/// The table is bounded: entries nobody is locked out by and idle longer than `maxLockout` are dropped, and
/// when it is still full, every new address shares one entry — a flood of addresses then slows everyone
/// down rather than growing the server's memory.
///
/// `@unchecked Sendable`: every access to `entries` holds `lock`.
final class PasswordThrottle: @unchecked Sendable {
    /// What the throttle remembers about one address.
    struct Entry {
        var failures = 0
        var windowStart = 0.0
        var lockedUntil = 0.0
        var lockouts = 0
        var lastSeen = 0.0
    }

    let allowed: Int
    let window: Double
    let firstLockout: Double
    let maxLockout: Double
    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The key every new address shares once the table is full.
    static let overflowKey = "*"

    init(allowed: Int = 5, window: Double = 300, firstLockout: Double = 60, maxLockout: Double = 3600,
         capacity: Int = 4096) {
        self.allowed = allowed
        self.window = window
        self.firstLockout = firstLockout
        self.maxLockout = maxLockout
        self.capacity = capacity
    }

    /// Whole seconds until `client` may try again, or nil when it may try now.
    func retryAfter(client: String, now: Double) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[key(client)], e.lockedUntil > now else { return nil }
        return Int((e.lockedUntil - now).rounded(.up))
    }

    /// Counts one wrong password; returns the lockout in whole seconds when this one started it.
    @discardableResult
    func recordFailure(client: String, now: Double) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        let k = admittedKey(client, now: now)
        var e = entries[k] ?? Entry()
        e.lastSeen = now
        if now - e.windowStart > window || e.failures == 0 {
            e.windowStart = now
            e.failures = 0
        }
        e.failures += 1
        var started: Int?
        if e.failures > allowed {
            let seconds = min(maxLockout, firstLockout * pow(2, Double(min(e.lockouts, 30))))
            e.lockedUntil = now + seconds
            e.lockouts += 1
            e.failures = 0
            started = Int(seconds.rounded(.up))
        }
        entries[k] = e
        return started
    }

    /// A right password: the address's failures are forgotten (its lockout count too).
    func recordSuccess(client: String) {
        lock.lock()
        defer { lock.unlock() }
        let k = key(client)
        if k != Self.overflowKey { entries[k] = nil }
    }

    /// How many addresses are remembered (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    /// The entry key an address already has (its own, or the shared one when it never got its own).
    private func key(_ client: String) -> String {
        entries[client] != nil ? client : (entries.count >= capacity ? Self.overflowKey : client)
    }

    /// The key for a failure, making room first; callers hold `lock`.
    private func admittedKey(_ client: String, now: Double) -> String {
        if entries[client] != nil || entries.count < capacity { return client }
        entries = entries.filter { _, e in e.lockedUntil > now || now - e.lastSeen <= maxLockout }
        return entries.count < capacity ? client : Self.overflowKey
    }
}
