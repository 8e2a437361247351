import Foundation

/// A hash table from short byte strings to numbers, for the search index's hottest loop:
/// every word of every paper is looked up once. Swift's `Dictionary<[UInt8], Int32>` hashed
/// byte by byte through `Hasher` and needed an array per key; this hashes eight bytes at a
/// time, keeps all keys in one arena and compares them with `memcmp` only when hashes match.
struct WordTable {
    private struct Slot {
        var hash: UInt64 = 0
        /// The first eight bytes, so most words compare without reading the arena.
        var head: UInt64 = 0
        var offset: Int32 = -1  // -1: empty
        var length: Int32 = 0
        var value: Int32 = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 1 << 12)
    private var arena: [UInt8] = []
    private(set) var count = 0

    /// The first eight bytes of a word as a number, zero-padded.
    static func head(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if word.count >= 8 { return UnsafeRawPointer(word.baseAddress!).loadUnaligned(as: UInt64.self) }
        var head: UInt64 = 0
        for index in 0..<word.count { head |= UInt64(word[index]) << (8 * UInt64(index)) }
        return head
    }

    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(word.count + 1)
        var index = 0
        let base = UnsafeRawPointer(word.baseAddress!)
        while index + 8 <= word.count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < word.count {
            tail |= UInt64(word[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ hash >> 29
    }

    /// The value stored for `word`, or nil.
    func value(for word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var position = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                while true {
                    let slot = slots[position]
                    if slot.offset < 0 { return nil }
                    if slot.hash == hash, Int(slot.length) == word.count, slot.head == Self.head(word),
                        word.count <= 8 || memcmp(arena.baseAddress! + Int(slot.offset) + 8, word.baseAddress! + 8, word.count - 8) == 0
                    {
                        return slot.value
                    }
                    position = (position + 1) & mask
                }
            }
        }
    }

    /// Stores `value` for a word that is not in the table yet.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let offset = Int32(arena.count)
        arena.append(contentsOf: word)
        place(Slot(hash: hash, head: Self.head(word), offset: offset, length: Int32(word.count), value: value))
        count += 1
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var position = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[position].offset >= 0 { position = (position + 1) & mask }
        slots[position] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.offset >= 0 { place(slot) }
    }
}
