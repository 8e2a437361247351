/// One run of the collector: when it ran and, if it says, what it saw and what it cost.
public struct Run: Sendable {
    public var time: Timestamp
    /// The digest day of `time` in the site's time zone.
    public var day: CalendarDay
    public var source: String?
    /// Papers listed at the source.
    public var total: Int?
    public var scanned: Int?
    public var selected: Int?
    public var model: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var cost: Double?
    /// ISO 4217 code of `cost`.
    public var currency: String = "USD"

    public var tokens: Int? {
        promptTokens == nil && completionTokens == nil ? nil : (promptTokens ?? 0) + (completionTokens ?? 0)
    }
}

/// The runs of one day added up. A figure is shown only when some run reported it.
public struct DayStats: Sendable {
    public var runs: [Run]

    public init(runs: [Run]) { self.runs = runs.sorted { $0.time < $1.time } }

    public var total: Int? { sum(\.total) }
    public var scanned: Int? { sum(\.scanned) }
    public var selected: Int? { sum(\.selected) }
    public var tokens: Int? { sum(\.tokens) }
    public var lastRun: Timestamp? { runs.last?.time }

    /// Cost per currency, in the order currencies first appear.
    public var costs: [(currency: String, amount: Double)] {
        var order: [String] = []
        var totals: [String: Double] = [:]
        for run in runs {
            guard let cost = run.cost else { continue }
            if totals[run.currency] == nil { order.append(run.currency) }
            totals[run.currency, default: 0] += cost
        }
        return order.map { ($0, totals[$0]!) }
    }

    private func sum(_ field: KeyPath<Run, Int?>) -> Int? {
        let values = runs.compactMap { $0[keyPath: field] }
        return values.isEmpty ? nil : values.reduce(0, +)
    }
}
