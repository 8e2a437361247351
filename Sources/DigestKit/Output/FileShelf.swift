/// Files a plan holds until the writer has written them, then lets go: the search index's
/// term chunks and doc groups. At 54,750 papers they are 58 MB, which stayed to the end of
/// rendering, where a full build's memory is at its top; the writer now renders them
/// first (`SitePlan.searchFileEntries`) and empties the shelf before the pages.
final class FileShelf: @unchecked Sendable {
    // Read by rendering threads, never while `empty` runs: the writer calls it between two
    // rounds of rendering, when no thread is reading.
    private var contents: [ArraySlice<UInt8>]
    private var emptied = false

    init(_ contents: [ArraySlice<UInt8>]) { self.contents = contents }

    func bytes(_ index: Int) -> ArraySlice<UInt8> {
        precondition(!emptied, "a file was asked for after its shelf was emptied")
        return contents[index]
    }

    func empty() {
        contents = []
        emptied = true
    }
}
