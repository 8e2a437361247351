import Foundation

/// Values made the first time a page asks for them and kept for the pages after it, by key.
///
/// For what several pages rendered in parallel show of one paper: its Markdown (on cards and
/// in feeds), its line on author pages (a paper is on one author page per author with a
/// page, three or four on average). Filled lazily, so a rebuild that renders a few pages
/// makes only their values. Two threads may make one value at once; the first kept wins and
/// both are equal, since every value is a pure function of its key's paper.
///
/// Given how many pages use each key, a value goes after its last use. Author lines and
/// feed entries kept to the end of rendering came to about 100 MB at 54,750 papers; counted,
/// they took about 30 MB off the rendering peak (a paper's authors are spread over the
/// alphabet, so midway most lines are still wanted). A key the counts do not name is made
/// each time it is asked for.
final class Memo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]
    /// Uses left of each key, when counted.
    private var uses: [String: Int]?

    init(uses: [String: Int]? = nil) { self.uses = uses }

    func value(_ key: String, make: () -> Value) -> Value {
        if let found = lock.withLock({ take(key) }) { return found }
        let made = make()
        return lock.withLock {
            if let first = take(key) { return first }
            guard let left = uses.map({ ($0[key] ?? 0) - 1 }) else {
                values[key] = made
                return made
            }
            // Changed in place (`uses!`), not through a copy of the whole table.
            if left > 0 {
                values[key] = made
                uses![key] = left
            } else {
                uses![key] = nil
            }
            return made
        }
    }

    /// The value kept for `key`, counting this use (under the lock).
    private func take(_ key: String) -> Value? {
        guard let value = values[key] else { return nil }
        if let left = uses?[key] {
            if left > 1 {
                uses![key] = left - 1
            } else {
                uses![key] = nil
                values[key] = nil
            }
        }
        return value
    }

    /// Lets every value go (a later `value` makes it again).
    func removeAll() { lock.withLock { values = [:] } }
}
