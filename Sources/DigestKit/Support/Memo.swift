import Foundation

/// Values made the first time a page asks for them and kept for the pages after it, by key.
///
/// For what several pages rendered in parallel show of one paper: its Markdown (on cards and
/// in feeds), its line on author pages (a paper is on one author page per author with a
/// page, three or four on average). Filled lazily, so a rebuild that renders a few pages
/// makes only their values. Two threads may make one value at once; the first kept wins and
/// both are equal, since every value is a pure function of its key's paper.
final class Memo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    func value(_ key: String, make: () -> Value) -> Value {
        if let found = lock.withLock({ values[key] }) { return found }
        let made = make()
        return lock.withLock {
            if let first = values[key] { return first }
            values[key] = made
            return made
        }
    }
}
