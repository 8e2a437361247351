import Foundation

/// Notices changes under a few folders by comparing each file's size and modification
/// time every few hundred milliseconds. Polling works the same on every system and file
/// system, and a site's content is small enough to list quickly.
struct ChangeWatcher: Sendable {
    let folders: [String]

    struct Stamp: Equatable, Sendable {
        var size: Int64
        var modified: Int64
    }

    /// Every regular file under the folders with its size and modification time (nanoseconds).
    func fingerprint() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let relative as String in walker {
                let path = folder + "/" + relative
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                stamps[path] = Stamp(
                    size: Int64(info.st_size),
                    modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
            }
        }
        return stamps
    }

    /// The paths that differ between two fingerprints, sorted.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
