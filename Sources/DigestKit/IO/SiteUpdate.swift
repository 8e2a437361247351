import Foundation

/// The two ways a build writes its site (see `SiteWriter`).
extension SiteWriter.Session {
    /// Every file, rendered into a new staging folder that then replaces the output.
    func writeFresh(
        _ plan: SitePlan, keys: [UInt64], inputs: [BuildCache.InputFile], settings: UInt64,
        summary: (Int, Int) -> BuildCache.Summary, monitor: BuildMonitor
    ) throws(DigestError) -> SiteWriter.Result {
        let staging = target.parent + "/." + target.name + ".staging-\(getpid())"
        guard mkdir(staging, 0o755) == 0 else {
            throw DigestError("cannot create the staging folder \(staging): \(errnoText())")
        }
        do throws(DigestError) {
            let tree = SiteTree(root: staging)
            // The marker goes in first, so a staging folder left by a killed build is known to be ours.
            _ = try tree.create(SiteWriter.markerName, Array(SiteWriter.markerText.utf8))
            let folders = SiteTree.folders(of: plan.entries.map(\.path))
            // Folders that hold folders are made first; the rest (a folder per paper) as their
            // files are written, so making them overlaps with rendering on the other threads.
            let parents = Set(folders.map(SiteTree.parent(of:)).filter { !$0.isEmpty })
            for folder in parents.sorted() { try tree.makeFolders(folder) }
            monitor.begin(.rendering, total: plan.entries.count)
            let failure = FirstFailure()
            let states = renderEntries(plan) { index -> BuildCache.FileState? in
                guard !failure.isSet else { return nil }
                defer { monitor.advance() }
                let file = plan.render(plan.entries[index])
                do throws(DigestError) {
                    let stamp = try tree.create(file.path, file.bytes, makingFolder: true)
                    return BuildCache.FileState(key: keys[index], hash: ContentHash.of(file.bytes), stamp: stamp)
                } catch {
                    failure.record(error)
                    return nil
                }
            }
            if let error = failure.error { throw error }
            release(plan)
            monitor.begin(.finishing)
            let files = Dictionary(uniqueKeysWithValues: zip(plan.entries.map(\.path), states.map { $0! }))
            let front = BuildCache.TreeState(
                folderInode: FileIdentity(path: staging)?.inode ?? 0, files: files, folders: tree.folderStamps(folders.union([""])))
            // The old cache describes the old trees: it goes before the output is replaced.
            let caching = !cacheFolderIsForeign
            try resetCacheFolder(keep: caching)
            try writer.swap(staging, into: target, previous: nil)
            let bytes = files.values.reduce(0) { $0 + Int($1.stamp.size) }
            if caching {
                let cache = BuildCache(settings: settings, inputs: inputs, front: front, back: nil, summary: summary(files.count, bytes))
                try cache.save(to: cacheFolder)
            }
            return SiteWriter.Result(files: files.count, bytes: bytes, changed: files.count)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// `render` for every entry of the plan, on every core, results in entry order: the search
    /// index's files first, then the rest, once the plan has let those files go (they would
    /// otherwise be held to the end of rendering, at the top of the build's memory).
    private func renderEntries<Result: Sendable>(_ plan: SitePlan, _ render: @Sendable (Int) -> Result) -> [Result] {
        let first = plan.searchFileEntries
        let early = Parallel.map(first.count) { render(first.lowerBound + $0) }
        plan.letSearchFilesGo()
        // Their blocks are small ones, among the heap's: freeing them lowers nothing until trimmed.
        ProcessMemory.trimHeap()
        let before = first.lowerBound, after = plan.entries.count - first.upperBound
        let late = Parallel.map(before + after) { render($0 < before ? $0 : $0 - before + first.upperBound) }
        return Array(late[..<before]) + early + late[before...]
    }

    /// Once every page is rendered, what pages shared and the heap's free pages go, so
    /// writing the cache does not add to the build's peak memory.
    private func release(_ plan: SitePlan) {
        plan.forgetSharedValues()
        ProcessMemory.trimHeap()
    }

    /// Brings the previous build's tree up to date with the plan and exchanges it with the
    /// output; renders only files whose keys changed (all of them when `trustKeys` is false),
    /// and takes every file whose bytes are unchanged over from the output.
    func writeIncremental(
        _ plan: SitePlan, keys: [UInt64], cache: BuildCache, frontCheck: SiteTree.Check, inputs: [BuildCache.InputFile],
        settings: UInt64, trustKeys: Bool, summary: (Int, Int) -> BuildCache.Summary, monitor: BuildMonitor
    ) throws(DigestError) -> SiteWriter.Result {
        let front = SiteTree(root: target.path)
        let back = SiteTree(root: cacheFolder + "/tree")
        let backState = try openBackTree(back, known: cache.back, output: front)
        // While the back tree changes, the cache must not vouch for it.
        try BuildCache.markBackChanging(in: cacheFolder)
        do throws(DigestError) {
            return try updateBackTree(
                back, backState, front: front, plan, keys: keys, cache: cache, frontCheck: frontCheck, inputs: inputs,
                settings: settings, trustKeys: trustKeys, summary: summary, monitor: monitor)
        } catch {
            // The half-updated back tree goes, so a failed build gives back the space it took
            // (on a full disk, keeping it would fail every later build too); the next build
            // makes it again from the output, whose files it shares.
            try? removeOurFolder(back.root)
            throw error
        }
    }

    private func updateBackTree(
        _ back: SiteTree, _ backState: BuildCache.TreeState, front: SiteTree, _ plan: SitePlan, keys: [UInt64], cache: BuildCache,
        frontCheck: SiteTree.Check, inputs: [BuildCache.InputFile], settings: UInt64, trustKeys: Bool,
        summary: (Int, Int) -> BuildCache.Summary, monitor: BuildMonitor
    ) throws(DigestError) -> SiteWriter.Result {
        var backState = backState

        let frontFiles = cache.front.files
        // Folders whose entries this build changes: their times are read again at the end.
        var touched: Set<String> = [""]
        // A file the back tree shares with a damaged file of the output is damaged too: it
        // goes from the disk as well as from the record, or a page the new site no longer
        // has would stay behind unrecorded.
        for path in frontCheck.damaged where backState.files[path]?.stamp.inode == frontFiles[path]?.stamp.inode {
            backState.files[path] = nil
            back.remove(path)
            touched.insert(SiteTree.parent(of: path))
        }
        let paths = plan.entries.map(\.path)
        let backFiles = backState.files
        // What the new site no longer has goes first: a path that was a file may now be a
        // folder (an asset `x` becomes `x/y.css`), or the other way round.
        let wanted = Set(paths)
        var removedFolders: [String] = []
        for path in backFiles.keys where !wanted.contains(path) {
            back.remove(path)
            removedFolders += back.removeEmptyFolders(from: SiteTree.parent(of: path))
            touched.insert(SiteTree.parent(of: path))
        }
        let newFolders = SiteTree.folders(of: paths.filter { backFiles[$0] == nil })
            .subtracting(Set(backState.folders.keys).subtracting(removedFolders))
        for folder in newFolders.sorted() {
            try back.makeFolders(folder)
            touched.insert(folder)
            touched.insert(SiteTree.parent(of: folder))
        }

        monitor.begin(.rendering, total: plan.entries.count)
        let failure = FirstFailure()
        let results = renderEntries(plan) { index -> (state: BuildCache.FileState, changed: Bool, wrote: Bool)? in
            guard !failure.isSet else { return nil }
            defer { monitor.advance() }
            let path = paths[index], key = keys[index]
            // Beside the file, so the rename stays inside its folder.
            var temporary: String { SiteTree.sibling(of: path, named: ".digest-tmp-\(index)") }
            let known = frontCheck.damaged.contains(path) ? nil : frontFiles[path]
            let previous = backFiles[path]
            do throws(DigestError) {
                // The same file as in the output: the back tree takes it over (unless it has it already).
                func takeOver(_ file: BuildCache.FileState) throws(DigestError) -> (BuildCache.FileState, Bool, Bool) {
                    let linking = previous?.stamp.inode != file.stamp.inode
                    if linking { try back.link(path, from: front, temporary: temporary, vacant: previous == nil) }
                    return (BuildCache.FileState(key: key, hash: file.hash, stamp: file.stamp), false, linking)
                }
                if trustKeys, let known, known.key == key { return try takeOver(known) }
                let bytes = plan.render(plan.entries[index]).bytes
                let hash = ContentHash.of(bytes)
                if let known, known.hash == hash, known.stamp.size == bytes.count { return try takeOver(known) }
                if let previous, previous.hash == hash, previous.stamp.size == bytes.count {
                    return (BuildCache.FileState(key: key, hash: hash, stamp: previous.stamp), true, false)
                }
                let stamp = try back.replace(path, bytes, temporary: temporary, vacant: previous == nil)
                return (BuildCache.FileState(key: key, hash: hash, stamp: stamp), true, true)
            } catch {
                failure.record(error)
                return nil
            }
        }
        if let error = failure.error { throw error }
        release(plan)
        monitor.begin(.finishing)

        for (path, result) in zip(paths, results) where result!.wrote { touched.insert(SiteTree.parent(of: path)) }
        let files = Dictionary(uniqueKeysWithValues: zip(paths, results.map { $0!.state }))
        let removed = frontFiles.keys.filter { !wanted.contains($0) }.count
        let changed = results.filter { $0!.changed }.count + removed
        let bytes = files.values.reduce(0) { $0 + Int($1.stamp.size) }
        // The folders' times: those this build changed are read again, the others are as they were.
        for folder in removedFolders { touched.insert(SiteTree.parent(of: folder)) }
        touched.subtract(removedFolders)
        var folders = backState.folders
        for folder in removedFolders { folders[folder] = nil }
        folders.merge(back.folderStamps(touched)) { _, new in new }
        var next = cache
        next.settings = settings
        next.inputs = inputs
        next.summary = summary(files.count, bytes)

        if changed == 0, frontCheck.isIntact {
            // The output already is the new site (the keys may have moved on): nothing to swap.
            next.front.files = files
            backState.files = files
            backState.folders = folders
            next.back = backState
            try next.save(to: cacheFolder)
            return SiteWriter.Result(files: files.count, bytes: bytes, changed: 0)
        }
        try writer.swap(back.root, into: target, previous: back.root)
        // The previous output is now the back tree: what was never Digest's, and what was
        // changed by hand, goes (unrecorded, it would never be cleaned up).
        let discarded = frontCheck.untracked + frontCheck.damaged.sorted()
        for entry in discarded { back.remove(entry) }
        var previousFolders = cache.front.folders
        previousFolders.merge(back.folderStamps(Set(discarded.map(SiteTree.parent(of:))))) { _, new in new }
        next.front = BuildCache.TreeState(folderInode: backState.folderInode, files: files, folders: folders)
        var previousFiles = frontFiles
        for path in frontCheck.damaged { previousFiles[path] = nil }
        next.back = BuildCache.TreeState(folderInode: cache.front.folderInode, files: previousFiles, folders: previousFolders)
        try next.save(to: cacheFolder)
        // Damaged files are among `changed` already (rendered again, or removed); entries that
        // were never Digest's are not.
        return SiteWriter.Result(files: files.count, bytes: bytes, changed: changed + frontCheck.untracked.count)
    }

    /// The back tree the cache describes, or a new one in its place (with the output's marker
    /// file, shared like every unchanged file).
    private func openBackTree(_ tree: SiteTree, known: BuildCache.TreeState?, output: SiteTree) throws(DigestError) -> BuildCache.TreeState {
        if let known, FileIdentity(path: tree.root)?.inode == known.folderInode,
            FileManager.default.fileExists(atPath: tree.path(SiteWriter.markerName))
        {
            return known
        }
        try removeOurFolder(tree.root)
        guard mkdir(tree.root, 0o755) == 0 else { throw DigestError("cannot create \(tree.root): \(errnoText())") }
        // The marker goes in first, so the folder is known to be ours if this build is killed.
        if link(output.path(SiteWriter.markerName), tree.path(SiteWriter.markerName)) != 0 {
            _ = try tree.create(SiteWriter.markerName, Array(SiteWriter.markerText.utf8))
        }
        return BuildCache.TreeState(folderInode: FileIdentity(path: tree.root)?.inode ?? 0, files: [:], folders: ["": BuildCache.FileStamp.missing])
    }

    /// Empties the cache folder (it describes trees that are about to go) and, when `keep`,
    /// makes it again for the new cache.
    private func resetCacheFolder(keep: Bool) throws(DigestError) {
        if SiteWriter.Session.isOurs(cacheFolder) {
            try removeOurFolder(cacheFolder + "/tree")
            unlink(cacheFolder + "/manifest")
            unlink(cacheFolder + "/" + BuildCache.backChangingName)
        }
        if keep { try makeCacheFolder() }
    }

    private func makeCacheFolder() throws(DigestError) {
        if !SiteWriter.Session.isOurs(cacheFolder) {
            guard mkdir(cacheFolder, 0o755) == 0 else { throw DigestError("cannot create \(cacheFolder): \(errnoText())") }
            _ = try SiteTree(root: cacheFolder).create(SiteWriter.cacheMarkerName, Array(SiteWriter.cacheMarkerText.utf8))
        }
    }

    /// A folder of the cache for what a build keeps beside its trees (`terms`, `records`),
    /// made when missing (a first build fills it); nil when something that is not Digest's is
    /// where the cache would go, or it cannot be made. `reads`: whether the build may use
    /// what is in it.
    func cacheFolder(named name: String, reads: Bool) -> CacheFolder? {
        guard !cacheFolderIsForeign, (try? makeCacheFolder()) != nil else { return nil }
        let path = cacheFolder + "/" + name
        var info = stat()
        if lstat(path, &info) != 0 {
            guard mkdir(path, 0o755) == 0 else { return nil }
        } else if info.st_mode & S_IFMT != S_IFDIR {
            return nil
        }
        return CacheFolder(path: path, reads: reads)
    }

    /// Removes a folder only if it carries the site marker or is empty; a link is never followed.
    private func removeOurFolder(_ folder: String) throws(DigestError) {
        var info = stat()
        guard lstat(folder, &info) == 0 else { return }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? ["?"]
        guard (info.st_mode & S_IFMT) == S_IFDIR, contents.isEmpty || contents.contains(SiteWriter.markerName) else {
            throw DigestError("\(folder) was not made by Digest; move it away")
        }
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            throw DigestError("cannot remove \(folder): \(error.localizedDescription)")
        }
    }
}
