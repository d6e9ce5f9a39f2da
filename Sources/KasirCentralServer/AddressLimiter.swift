import Foundation

/// How many requests an address may make: a bucket of `burst` that refills one request every
/// `refill` seconds. Public pages that look something up (a transcript number) go through it,
/// so a number's 48 bits of digest cannot be tried one after another.
///
/// Addresses are kept in memory only, and only while their bucket is not full again.
///
/// ```swift
/// let limiter = AddressLimiter(burst: 30, refill: 2)
/// if let wait = await limiter.take("203.0.113.9") { /* 429, Retry-After: wait */ }
/// ```
actor AddressLimiter {
    let burst: Double
    let refill: Double
    let now: @Sendable () -> Date
    /// Tokens left and when they were counted, per address.
    var buckets: [String: (tokens: Double, at: Date)] = [:]
    /// Past this many addresses, the ones whose bucket is full again are forgotten.
    let remembered = 50_000

    init(burst: Int, refill: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.burst = Double(burst)
        self.refill = refill
        self.now = now
    }

    /// Takes one request for `address`.
    ///
    /// - Returns: `nil` when allowed; else the whole seconds until the next one is.
    func take(_ address: String) -> Int? {
        let instant = now()
        if buckets.count >= remembered { forgetFull(at: instant) }
        var bucket = buckets[address] ?? (burst, instant)
        bucket.tokens = min(burst, bucket.tokens + instant.timeIntervalSince(bucket.at) / refill)
        bucket.at = instant
        guard bucket.tokens >= 1 else {
            buckets[address] = bucket
            return max(1, Int(((1 - bucket.tokens) * refill).rounded(.up)))
        }
        bucket.tokens -= 1
        buckets[address] = bucket
        return nil
    }

    func forgetFull(at instant: Date) {
        buckets = buckets.filter { min(burst, $0.value.tokens + instant.timeIntervalSince($0.value.at) / refill) < burst }
        // Still too many (a flood from many addresses): forget the oldest half rather than grow.
        if buckets.count >= remembered {
            let kept = buckets.sorted { $0.value.at > $1.value.at }.prefix(remembered / 2)
            buckets = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }
}
