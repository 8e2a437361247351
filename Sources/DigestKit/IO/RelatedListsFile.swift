/// The build cache's `related` folder: the related lists a build made (`RelatedPapers.Kept`),
/// so the next build computes again only the lists that can have changed.
struct RelatedListsFile {
    let folder: CacheFolder
    /// What else the lists depend on: the Digest executable and the options.
    let salt: UInt64
    static let name = "lists"

    func read() -> RelatedPapers.Kept? { folder.read(Self.name).flatMap { RelatedPapers.Kept(bytes: $0, salt: salt) } }

    func keep(_ kept: RelatedPapers.Kept) {
        folder.write(Self.name, kept.bytes(salt: salt))
        folder.removeOthers()
    }
}
