import CSystemSupport

/// How the process gives memory back, for commands that build large sites.
public enum ProcessMemory {
    /// Blocks of 256 kB or more are mapped one by one and unmapped when freed. By default
    /// glibc raises that threshold to the size of each large block freed, so a build's
    /// transient arrays (a month of search terms, a tier's postings, a file's bytes) come to
    /// live in the heap, where freeing them rarely lowers the resident set. At 54,750 papers
    /// this took a full build's peak from 789–816 MB to 737 MB, at the same speed
    /// (docs/performance.md, "Memory").
    public static func returnLargeFrees() { digest_return_large_frees(256 * 1024) }

    /// Gives back the free pages among the heap's small blocks, which freeing them does not.
    static func trimHeap() { digest_trim_heap() }
}

