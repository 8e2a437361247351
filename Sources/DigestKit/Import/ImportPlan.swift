/// What an import will do to the content: the files to write and what happened to each paper. Pure.
///
/// Each paper goes to `papers/<day>.json`, one file per digest day, where `<day>` is the day
/// it first appeared: a paper already in the content keeps its first day and its record
/// there is updated in place, field by field, so hand edits and fields the collector does
/// not send survive. A paper that lives in another file gets an update record in its
/// first day's file (the build takes the latest fields). A file that does not parse is
/// never touched.
public struct ImportPlan: Sendable {
    public enum Outcome: String, Sendable, CaseIterable { case added, updated, unchanged, older }

    public struct Event: Sendable {
        public var outcome: Outcome
        public var id: String
        public var title: String
        /// The file the paper went to, or would have.
        public var file: String
        /// For updates: which fields changed.
        public var fields: [String]
    }

    public struct FileChange: Sendable {
        public var path: String
        public var bytes: [UInt8]
        public var isNew: Bool
    }

    public var events: [Event] = []
    public var files: [FileChange] = []
    public var diagnostics: [Diagnostic] = []

    /// `existing` are the content's paper files (paths as `FolderReader` gives them);
    /// `papersFolder` is where new day files go.
    public init(existing: [SourceFile], papersFolder: String, imported: [ImportedPaper], timeZone: SiteTimeZone) {
        var state = MergeState(existing: existing, papersFolder: papersFolder, timeZone: timeZone)
        for paper in imported {
            if let event = state.merge(paper) { events.append(event) }
        }
        diagnostics = state.diagnostics
        files = state.changedFiles()
    }
}

/// The working state of one import: every record's whereabouts and the day files being edited.
private struct MergeState {
    let papersFolder: String
    var originals: [String: [UInt8]] = [:]
    /// Each existing file that parsed without errors, as parsed.
    var parsedFiles: [String: JSON] = [:]
    var unparseable: Set<String> = []
    /// The earliest day each paper (by id without version) appears on.
    var firstDay: [String: CalendarDay] = [:]
    /// The latest record of each paper outside the day files being edited, as JSON.
    var latestRecord: [String: JSON] = [:]
    /// Day files being edited: path → the whole file as JSON.
    var edited: [String: JSON] = [:]
    var editOrder: [String] = []
    var diagnostics: [Diagnostic] = []

    init(existing: [SourceFile], papersFolder: String, timeZone: SiteTimeZone) {
        self.papersFolder = papersFolder
        for (index, file) in existing.enumerated() {
            originals[file.path] = file.bytes
            // Each file is parsed once: its records are decoded from the same tree that is
            // kept for editing.
            let (decoded, parsed) = PaperFileDecoder.decodeKeepingJSON(file, fileIndex: index, timeZone: timeZone)
            guard let json = parsed, !decoded.diagnostics.contains(where: { $0.severity == .error }) else {
                unparseable.insert(file.path)
                continue
            }
            let records = decoded.records
            parsedFiles[file.path] = json
            let recordsJSON = Self.records(of: json)
            for (record, raw) in zip(records, recordsJSON) {
                let base = record.id.base
                firstDay[base] = min(firstDay[base] ?? record.day, record.day)
                latestRecord[base] = raw  // files come in path order, records in file order: the last one wins
            }
        }
    }

    mutating func merge(_ paper: ImportedPaper) -> ImportPlan.Event? {
        let base = paper.paperID.base
        let day = min(firstDay[base] ?? paper.day, paper.day)
        let path = FolderReader.join(papersFolder, "\(day).json")
        var event = ImportPlan.Event(outcome: .added, id: paper.id, title: paper.title, file: path, fields: [])
        guard !unparseable.contains(path) else {
            diagnostics.append(Diagnostic(file: path, message: "does not parse or has errors, so \(paper.id) was not imported into it; fix it with `digest check`"))
            return nil
        }
        var file = load(path, day: day)
        var records = Self.records(of: file)
        if let index = records.firstIndex(where: { Self.base(of: $0) == base }) {
            let existing = records[index]
            if let kept = Self.version(of: existing), let offered = paper.paperID.version, offered < kept {
                event.outcome = .older
                return event
            }
            let (updated, changed) = Self.update(existing, with: paper.fields)
            records[index] = updated
            event.outcome = changed.isEmpty ? .unchanged : .updated
            event.fields = changed
        } else if let latest = latestRecord[base] {
            if let kept = Self.version(of: latest), let offered = paper.paperID.version, offered < kept {
                event.outcome = .older
                return event
            }
            let (_, changed) = Self.update(latest, with: paper.fields)
            guard !changed.isEmpty else {
                event.outcome = .unchanged
                return event
            }
            records.append(record(paper, day: day, in: file))
            event.outcome = .updated
            event.fields = changed
        } else {
            records.append(record(paper, day: day, in: file))
        }
        file = Self.replacingRecords(of: file, with: records)
        edited[path] = file
        firstDay[base] = day
        return event
    }

    /// The files whose bytes change, in the order they were first touched.
    func changedFiles() -> [ImportPlan.FileChange] {
        editOrder.compactMap { path in
            let bytes = JSONWriter.write(edited[path]!)
            guard bytes != originals[path] else { return nil }
            return ImportPlan.FileChange(path: path, bytes: bytes, isNew: originals[path] == nil)
        }
    }

    private mutating func load(_ path: String, day: CalendarDay) -> JSON {
        if let file = edited[path] { return file }
        editOrder.append(path)
        if let json = parsedFiles[path] { return json }
        return .object([("date", .string(day.description)), ("papers", .array([]))])
    }

    /// A new record; it names its day unless the file's own date already does.
    private func record(_ paper: ImportedPaper, day: CalendarDay, in file: JSON) -> JSON {
        var fields = paper.fields
        let fileDate: String? = if case .string(let date)? = file["date"]?.value.value { date } else { nil }
        if fileDate != day.description { fields.insert(("date", .string(day.description)), at: 1) }
        return .object(fields)
    }

    /// The existing record with every field the import provides set to the imported value;
    /// new fields go at the end. Returns the names of the fields that changed.
    static func update(_ record: JSON, with fields: [(String, JSON)]) -> (JSON, [String]) {
        guard case .object(var members) = record.value else { return (record, []) }
        var changed: [String] = []
        for (key, value) in fields {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if !members[index].value.sameValue(as: value) {
                    members[index].value = value
                    changed.append(key)
                }
            } else {
                members.append(JSON.Member(key: key, keyOffset: 0, value: value))
                changed.append(key)
            }
        }
        return (JSON(value: .object(members), offset: record.offset), changed)
    }

    static func records(of file: JSON) -> [JSON] {
        switch file.value {
        case .array(let records): return records
        case .object: if case .array(let records)? = file["papers"]?.value.value { return records }
        default: break
        }
        return []
    }

    static func replacingRecords(of file: JSON, with records: [JSON]) -> JSON {
        switch file.value {
        case .array: return JSON(value: .array(records), offset: file.offset)
        case .object(var members):
            if let index = members.firstIndex(where: { $0.key == "papers" }) {
                members[index].value = .array(records)
            } else {
                members.append(JSON.Member(key: "papers", keyOffset: 0, value: .array(records)))
            }
            return JSON(value: .object(members), offset: file.offset)
        default: return file
        }
    }

    static func base(of record: JSON) -> String? {
        guard case .string(let id)? = record["id"]?.value.value else { return nil }
        return PaperID(TextCleaning.clean(id, singleLine: true)).base
    }

    static func version(of record: JSON) -> Int? {
        guard case .string(let id)? = record["id"]?.value.value else { return nil }
        return PaperID(TextCleaning.clean(id, singleLine: true)).version
    }
}
