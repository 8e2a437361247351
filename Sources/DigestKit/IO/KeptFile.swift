/// What a build keeps in one file of the build cache for the next build: the related
/// lists (`related/lists`), the search index's base tier (`search/base`), the template
/// skeletons (`skeletons/kept`). Each says how it is written and read back; a file that was
/// damaged, cut short, or written with another salt is not read.
protocol KeptInCache {
    /// The file's name in its folder.
    static var fileName: String { get }
    /// `salt`: what else the value depends on (the Digest executable and the options, and
    /// for skeletons the layouts).
    func bytes(salt: UInt64) -> [UInt8]
    init?(bytes: [UInt8], salt: UInt64)
}

/// The file of a cache folder that holds a `KeptInCache` value.
struct KeptFile<Value: KeptInCache> {
    let folder: CacheFolder
    let salt: UInt64

    func read() -> Value? { folder.read(Value.fileName).flatMap { Value(bytes: $0, salt: salt) } }

    /// Writes `value`, or removes the file when there is nothing to keep.
    func keep(_ value: Value?) {
        if let value { folder.write(Value.fileName, value.bytes(salt: salt)) } else { folder.remove(Value.fileName) }
        folder.removeOthers()
    }
}

extension RelatedPapers.Kept: KeptInCache { static let fileName = "lists" }
extension SearchIndex.Kept: KeptInCache { static let fileName = "base" }
extension TemplateSkeletons.Kept: KeptInCache { static let fileName = "kept" }
