import Dispatch

/// Runs independent pure work on every core.
enum Parallel {
    /// `transform` applied to every index in `0..<count`, results in index order.
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UnsafeSendable(results)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            box.value[index] = transform(index)  // each index is written by exactly one iteration
        }
        // Moved out, not copied: a copy would leave every result referenced once more for
        // ever (a leak, and every copy-on-write value would then copy on its first change).
        return (0..<count).map { (results.baseAddress! + $0).move()! }
    }

    /// Starts `work` on another thread and returns what waits for its result: for work on
    /// one core whose result is needed only later, while the caller goes on with other work.
    static func start<T: Sendable>(_ work: @escaping @Sendable () -> T) -> () -> T {
        let result = Pending<T>()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { result.value = work() }
        return {
            group.wait()
            return result.value!
        }
    }
}

/// The result of `Parallel.start`: written once before the group leaves, read after it waits.
private final class Pending<T>: @unchecked Sendable {
    var value: T?
}

/// Lets a buffer cross into `concurrentPerform`, whose iterations write disjoint elements.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
