/// The build cache's `search` folder: what a build kept of its search index
/// (`SearchIndex.Kept`), so the next build makes again only the newest month's part.
struct SearchIndexFile {
    let folder: CacheFolder
    /// What else the index depends on: the Digest executable and the options.
    let salt: UInt64
    static let name = "base"

    func read() -> SearchIndex.Kept? { folder.read(Self.name).flatMap { SearchIndex.Kept(bytes: $0, salt: salt) } }

    /// Writes what `index` keeps, unless it took that over from the file (then it is there
    /// already); removes the file when there is nothing to keep.
    func keep(_ index: SearchIndex) {
        guard !index.tookKept else { return }
        if let kept = index.kept { folder.write(Self.name, kept.bytes(salt: salt)) } else { folder.remove(Self.name) }
        folder.removeOthers()
    }
}
