/// How the collector's runs are shown: one line of totals under a day's heading, and a table per run.
enum RunsView {
    /// "1,195 on arXiv · 745 scanned · 76 selected · 3 runs · 106,705 tokens · $0.37", and the runs.
    static func context(_ stats: DayStats, timeZone: SiteTimeZone, text: Interface) -> TemplateObject {
        var parts: [String] = []
        let number = { (value: Int) in ["count": text.number(value)] }
        if let total = stats.total {
            let onArXiv = stats.runs.allSatisfy { $0.source?.lowercased().contains("arxiv") ?? false }
            parts.append(text.text(onArXiv ? "day.statsOnArxiv" : "day.statsListed", number(total)))
        }
        if let scanned = stats.scanned { parts.append(text.text("day.statsScanned", number(scanned))) }
        if let selected = stats.selected { parts.append(text.text("day.statsSelected", number(selected))) }
        parts.append(text.count("count.runs", stats.runs.count))
        if let tokens = stats.tokens { parts.append(text.text("day.statsTokens", number(tokens))) }
        parts += stats.costs.map { Format.money($0.amount, currency: $0.currency) }
        let runs = stats.runs.map { run -> TemplateObject in
            var values: TemplateObject = ["time": Format.time(run.time, in: timeZone)]
            values["source"] = run.source
            values["total"] = run.total.map(text.number)
            values["scanned"] = run.scanned.map(text.number)
            values["selected"] = run.selected.map(text.number)
            values["model"] = run.model
            values["tokens"] = run.tokens.map(text.number)
            values["cost"] = run.cost.map { Format.money($0, currency: run.currency) }
            return values
        }
        // A column appears only when some run has a value for it.
        let columns = ["source", "total", "scanned", "selected", "model", "tokens", "cost"].filter { key in runs.contains { $0[key] != nil } }
        var context: TemplateObject = ["line": parts.joined(separator: " · "), "runs": runs]
        for column in columns { context["has_\(column)"] = true }
        return context
    }
}

/// Numbers, money and times as pages show them; English, so builds do not depend on the machine's locale.
enum Format {
    /// 106705 → "106,705".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// 0.37 USD → "$0.37"; sums under a cent keep four decimals.
    static func money(_ amount: Double, currency: String) -> String {
        let decimals = amount > 0 && amount < 0.01 ? 4 : 2
        let scale = decimals == 4 ? 10_000.0 : 100.0
        let units = Int((amount * scale).rounded())
        let whole = count(units / Int(scale))
        let fraction = String(units % Int(scale))
        let number = whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        switch currency {
        case "USD": return "$" + number
        case "EUR": return "€" + number
        case "GBP": return "£" + number
        case "JPY": return "¥" + number
        default: return number + " " + currency
        }
    }

    /// "16:00 UTC", or "17:00 UTC+1" in another zone.
    static func time(_ instant: Timestamp, in zone: SiteTimeZone) -> String {
        let offset = zone.offset(at: instant)
        var label = "UTC"
        if offset != 0 {
            let hours = abs(offset) / 3600, minutes = abs(offset) / 60 % 60
            label += (offset < 0 ? "−" : "+") + String(hours) + (minutes == 0 ? "" : ":" + pad(minutes, 2))
        }
        return zone.timeOfDay(of: instant) + " " + label
    }
}
