import Testing
@testable import MentorCLI

/// The password throttle, on a clock the test turns by hand.
@Suite struct PasswordThrottleTests {
    @Test func theSixthWrongPasswordLocksTheAddressOutAndTheLockoutEnds() {
        let t = PasswordThrottle(allowed: 5, window: 300, firstLockout: 60, maxLockout: 3600)
        for i in 0..<5 {
            #expect(t.recordFailure(client: "10.0.0.7", now: Double(i)) == nil)
            #expect(t.retryAfter(client: "10.0.0.7", now: Double(i)) == nil)
        }
        #expect(t.recordFailure(client: "10.0.0.7", now: 5) == 60)
        #expect(t.retryAfter(client: "10.0.0.7", now: 5) == 60)
        #expect(t.retryAfter(client: "10.0.0.7", now: 64.2) == 1)
        // Another address is not affected.
        #expect(t.retryAfter(client: "10.0.0.8", now: 6) == nil)
        // Over: the address may try again.
        #expect(t.retryAfter(client: "10.0.0.7", now: 65) == nil)
    }

    @Test func eachFurtherLockoutDoublesUpToTheCap() {
        let t = PasswordThrottle(allowed: 1, window: 300, firstLockout: 60, maxLockout: 200)
        var now = 0.0
        var lockouts: [Int] = []
        for _ in 0..<4 {
            #expect(t.recordFailure(client: "a", now: now) == nil)
            if let wait = t.recordFailure(client: "a", now: now) { lockouts.append(wait) }
            now += Double(lockouts.last ?? 0) + 1
        }
        #expect(lockouts == [60, 120, 200, 200])
    }

    @Test func failuresOutsideTheWindowDoNotAddUp() {
        let t = PasswordThrottle(allowed: 2, window: 10, firstLockout: 60, maxLockout: 600)
        for i in 0..<10 {
            // One wrong password every 6 s: never more than two within 10 s.
            #expect(t.recordFailure(client: "a", now: Double(i) * 6) == nil)
        }
        let u = PasswordThrottle(allowed: 2, window: 10, firstLockout: 60, maxLockout: 600)
        #expect(u.recordFailure(client: "a", now: 0) == nil)
        #expect(u.recordFailure(client: "a", now: 11) == nil)
        #expect(u.recordFailure(client: "a", now: 12) == nil)
        #expect(u.recordFailure(client: "a", now: 13) == 60)
    }

    @Test func theRightPasswordForgetsTheFailures() {
        let t = PasswordThrottle(allowed: 2, window: 300, firstLockout: 60, maxLockout: 600)
        #expect(t.recordFailure(client: "a", now: 0) == nil)
        #expect(t.recordFailure(client: "a", now: 1) == nil)
        t.recordSuccess(client: "a")
        #expect(t.count == 0)
        #expect(t.recordFailure(client: "a", now: 2) == nil)
        #expect(t.recordFailure(client: "a", now: 3) == nil)
        #expect(t.recordFailure(client: "a", now: 4) == 60)
    }

    @Test func aFloodOfAddressesSharesOneEntryInsteadOfGrowingTheTable() {
        let t = PasswordThrottle(allowed: 1, window: 300, firstLockout: 60, maxLockout: 600, capacity: 8)
        for i in 0..<100 { t.recordFailure(client: "10.1.0.\(i)", now: 0) }
        #expect(t.count <= 9)
        // The shared entry took many failures: new addresses are slowed down together.
        #expect(t.retryAfter(client: "10.9.9.9", now: 1) != nil)
        // An address that got its own entry early keeps it.
        #expect(t.retryAfter(client: "10.1.0.0", now: 1) == nil)
        // Once the old entries are idle longer than the longest lockout, they make room again.
        #expect(t.recordFailure(client: "10.2.0.1", now: 2000) == nil)
        #expect(t.retryAfter(client: "10.2.0.1", now: 2000) == nil)
        #expect(t.count <= 2)
    }
}
