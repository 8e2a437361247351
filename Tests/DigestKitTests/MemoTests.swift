import Testing
@testable import DigestKit

/// `Memo`: values made once for the pages that share them, and let go after their last use
/// when the uses are counted (author lines and feed entries).
@Suite struct MemoTests {
    final class Made {
        let key: String
        init(_ key: String) { self.key = key }
    }

    @Test func aCountedValueIsMadeOnceAndLetGoAfterItsLastUse() {
        let memo = Memo<Made>(uses: ["a": 3, "b": 1])
        var makes: [String] = []
        func use(_ key: String) -> Made { memo.value(key) { makes.append(key); return Made(key) } }
        weak var first: Made?
        do {
            let a = use("a")
            first = a
            #expect(use("a") === a)
        }
        #expect(first != nil, "let go before its last use")
        #expect(use("a") === first)
        #expect(first == nil, "kept after its last use")
        #expect(makes == ["a"])
        // A value used once is never kept; a key the counts do not name is made every time.
        weak var b: Made? = use("b")
        #expect(b == nil)
        _ = use("c")
        _ = use("c")
        // A use past the count makes the value again, equal to the first.
        #expect(use("a").key == "a")
        #expect(makes == ["a", "b", "c", "c", "a"])
    }

    @Test func anUncountedValueIsKeptUntilRemoved() {
        let memo = Memo<Made>()
        weak var kept: Made?
        do { kept = memo.value("x") { Made("x") } }
        for _ in 0..<5 { #expect(memo.value("x") { Made("other") } === kept) }
        #expect(kept != nil)
        memo.removeAll()
        #expect(kept == nil)
    }
}
