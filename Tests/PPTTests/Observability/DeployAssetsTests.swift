import Foundation
import PPTObservability
import Testing

/// Keeps `deploy/` honest: the Grafana dashboards, the Prometheus rules and their unit tests query only
/// metric families that PPT's `/metrics` really exposes (rendered here by the real exporter), with
/// labels and label values PPT really attaches.
@Suite("Deploy assets")
struct DeployAssetsTests {
    /// A family in the exposition: its `# TYPE` and the label names of its samples (`le` excluded).
    struct Family { var kind: String; var labels: Set<String> = [] }
    /// One metric in a query and its label matchers (label → value).
    struct Reference { var name: String; var matchers: [String: String] }
    /// A query found in a deploy file, and what it references.
    struct Query {
        var source: String
        var expression: String
        var legend = ""
        var references: [Reference] = []
        var groupingLabels: Set<String> = []
    }

    /// Series Prometheus makes itself (the alert rules use `up`).
    static let prometheusSeries: Set<String> = ["up"]
    /// Labels Prometheus attaches to every scraped series.
    static let targetLabels: Set<String> = ["job", "instance"]
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    // MARK: Tests

    @Test("dashboards, alert rules and rule tests reference only metrics that /metrics exposes")
    func metricNamesAreExposed() throws {
        let families = try Self.exposedFamilies()
        let recordings = try Self.recordingRules()
        let queries = try Self.allQueries()
        #expect(queries.count > 50, "found only \(queries.count) queries in deploy/")
        for query in queries {
            for reference in query.references where Self.labels(of: reference.name, families, recordings) == nil {
                Issue.record("\(query.source): \(reference.name) is not exposed by /metrics in `\(query.expression)`")
            }
        }
    }

    @Test("every label in matchers, groupings and legends exists on the metrics of its query")
    func labelNamesExist() throws {
        let families = try Self.exposedFamilies()
        let recordings = try Self.recordingRules()
        for query in try Self.allQueries() {
            var available: Set<String> = []
            for reference in query.references {
                guard let labels = Self.labels(of: reference.name, families, recordings) else { continue }
                available.formUnion(labels)
                let unknown = Set(reference.matchers.keys).subtracting(labels)
                #expect(unknown.isEmpty, "\(query.source): \(reference.name) has no label \(unknown.sorted())")
            }
            let grouping = query.groupingLabels.subtracting(available)
            #expect(grouping.isEmpty, "\(query.source): grouping by missing labels \(grouping.sorted())")
            let legend = Self.legendLabels(query.legend).subtracting(available)
            #expect(legend.isEmpty, "\(query.source): legend uses missing labels \(legend.sorted())")
        }
    }

    @Test("label values matched literally are values PPT emits")
    func labelValuesAreEmitted() throws {
        let statusClasses = Set((100...599).map { PPTMetrics.statusClass($0) })
        let outcomes: [JobOutcome] = [.succeeded, .failed, .dead, .released]
        let operations = ["SELECT", "INSERT", "UPDATE", "DELETE", "VACUUM"].map { PPTMetrics.operationLabel($0) }
        let vocabularies: [String: [String: Set<String>]] = [
            "ppt_http_requests_total": ["status_class": statusClasses],
            "ppt_http_request_duration_seconds": ["status_class": statusClasses],
            "ppt_jobs_queue_depth": ["status": Set(PPTMetrics.queueDepthStatuses)],
            "ppt_jobs_processed_total": ["outcome": Set(outcomes.map(\.rawValue))],
            "ppt_db_query_duration_seconds": ["operation": Set(operations)],
        ]
        let families = try Self.exposedFamilies()
        for query in try Self.allQueries() {
            for reference in query.references {
                guard let family = Self.familyName(reference.name, families), let known = vocabularies[family]
                else { continue }
                for (label, value) in reference.matchers where !value.contains("$") {
                    guard let values = known[label] else { continue }
                    for alternative in value.split(separator: "|").map(String.init) {
                        #expect(values.contains(alternative),
                                "\(query.source): \(label)=\"\(alternative)\" is never emitted")
                    }
                }
            }
        }
    }

    @Test("every exposed family appears on a Grafana dashboard")
    func dashboardsCoverEveryFamily() throws {
        let families = try Self.exposedFamilies()
        let references = try Self.dashboardQueries().flatMap(\.references)
        let used = Set(references.compactMap { Self.familyName($0.name, families) })
        #expect(Set(families.keys).subtracting(used).sorted() == [])
        #expect(Set(PPTMetricCatalog.all.map(\.name)).subtracting(families.keys).sorted() == [],
                "the exposition is missing catalog families: drive them in exposedFamilies()")
    }

    // MARK: The real exposition

    /// Drives every `PPTMetrics` entry point once, renders the registry and parses it.
    static func exposedFamilies() throws -> [String: Family] {
        let exporter = MetricsExporter()
        let metrics = PPTMetrics(factory: exporter.factory)
        let route = "/api/v1/orgs/{orgID}/faults"
        metrics.recordHTTPRequest(method: "GET", route: route, status: 200, duration: .milliseconds(12))
        metrics.recordHTTPRequest(method: "POST", route: route, status: 503, duration: .seconds(1))
        metrics.recordClientError(category: .validation)
        metrics.recordErrorReported(category: .database)
        metrics.recordDatabaseQuery(operation: "select", table: "faults", seconds: 0.002)
        metrics.recordJobAttempt(kind: "outbox.deliver", outcome: JobOutcome.dead.rawValue, duration: .milliseconds(40))
        metrics.setQueueDepth(status: "pending", count: 3)
        metrics.setJobLag(seconds: 4)
        metrics.setOutboxPending(2)
        metrics.setOutboxLag(seconds: 1)
        metrics.setHealthCheckStatus(check: "database", value: 1)
        metrics.setCircuitBreakerState(service: "llm.anthropic", value: 0)
        metrics.recordLLMTokens(provider: "anthropic", model: "claude-sonnet", tokenType: "input", count: 120)
        metrics.recordLLMOperationDuration(provider: "anthropic", model: "claude-sonnet", seconds: 1.4)
        metrics.recordLLMTimeToFirstChunk(provider: "anthropic", model: "claude-sonnet", seconds: 0.3)
        metrics.recordLLMCost(provider: "anthropic", model: "claude-sonnet", currency: "EUR", amount: 0.0123)
        metrics.recordLLMBudgetSoftAlert()
        metrics.recordWorkflowRun(status: "succeeded")
        metrics.recordVoiceRequest(platform: "alexa", outcome: "answered")
        metrics.recordFaultsCreated()
        metrics.recordPaymentsOverdue()
        metrics.recordDocumentsIndexed()

        var families: [String: Family] = [:]
        for line in exporter.render().split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 4, words[0] == "#", words[1] == "TYPE" {
                families[String(words[2])] = Family(kind: String(words[3]))
            } else if !line.hasPrefix("#"), let sample = references(in: String(line)).references.first,
                let name = familyName(sample.name, families)
            {
                families[name]?.labels.formUnion(sample.matchers.keys.filter { $0 != "le" })
            }
        }
        try #require(!families.isEmpty, "the exporter rendered no families")
        return families
    }

    /// The family a series name belongs to (`x_bucket`, `x_sum`, `x_count` → histogram `x`).
    static func familyName(_ name: String, _ families: [String: Family]) -> String? {
        if families[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let stem = String(name.dropLast(suffix.count))
            if families[stem]?.kind == "histogram" { return stem }
        }
        return nil
    }

    /// The labels a series name may carry, or nil when nothing exposes or records it.
    static func labels(of name: String, _ families: [String: Family], _ recordings: [String: Set<String>])
        -> Set<String>?
    {
        if let recorded = recordings[name] { return recorded }
        if prometheusSeries.contains(name) { return targetLabels }
        guard let family = familyName(name, families).flatMap({ families[$0] }) else { return nil }
        return family.labels.union(targetLabels).union(name.hasSuffix("_bucket") ? ["le"] : [])
    }

    // MARK: Deploy files

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func allQueries() throws -> [Query] {
        try dashboardQueries() + ruleQueries().map(\.query) + ruleTestSeries()
    }

    /// Every `expr` of every dashboard (with its legend) and every `label_values` variable query.
    static func dashboardQueries() throws -> [Query] {
        let folder = "deploy/grafana/dashboards"
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".json") }.sorted()
        try #require(files.count >= 2, "no dashboards in \(folder)")
        var queries: [Query] = []
        for file in files {
            let data = Data(try text("\(folder)/\(file)").utf8)
            let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for panel in dashboard["panels"] as? [[String: Any]] ?? [] {
                let title = panel["title"] as? String ?? ""
                for target in panel["targets"] as? [[String: Any]] ?? [] {
                    guard let expression = target["expr"] as? String else { continue }
                    let legend = target["legendFormat"] as? String ?? ""
                    queries.append(query("\(file) '\(title)'", expression, legend: legend))
                }
            }
            let variables = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
            for variable in variables where variable["type"] as? String == "query" {
                let definition = variable["definition"] as? String ?? ""
                guard definition.hasPrefix("label_values("), let comma = definition.lastIndex(of: ",") else {
                    continue
                }
                let selector = String(definition[definition.index(definition.startIndex, offsetBy: 13)..<comma])
                let label = definition[definition.index(after: comma)...]
                    .trimmingCharacters(in: CharacterSet(charactersIn: " )"))
                let name = variable["name"] as? String ?? ""
                queries.append(query("\(file) variable \(name)", selector, legend: "{{\(label)}}"))
            }
        }
        return queries
    }

    /// The `expr` of every rule in alerts.yml, with the name of recording rules. A minimal reader for
    /// that file's shape: one `expr:` per rule, inline or as a `|` block.
    static func ruleQueries() throws -> [(record: String?, query: Query)] {
        let lines = try text("deploy/prometheus/alerts.yml").split(separator: "\n", omittingEmptySubsequences: false)
        var rules: [(record: String?, query: Query)] = []
        var rule = (name: "", isRecord: false)
        var ruleCount = 0
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for key in ["- record:", "- alert:"] where trimmed.hasPrefix(key) {
                ruleCount += 1
                rule = (trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces), key == "- record:")
            }
            guard trimmed.hasPrefix("expr:") else { continue }
            var expression = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)
            if expression.hasPrefix("|") || expression.hasPrefix(">") {
                let indent = line.prefix { $0 == " " }.count
                expression = lines[(index + 1)...]
                    .prefix { next in next.isEmpty || next.prefix { $0 == " " }.count > indent }
                    .joined(separator: "\n")
            }
            rules.append((rule.isRecord ? rule.name : nil, query("alerts.yml \(rule.name)", expression)))
        }
        try #require(rules.count == ruleCount && ruleCount > 20, "read \(rules.count) exprs for \(ruleCount) rules")
        return rules
    }

    /// Recording rule name → the labels it keeps (those of its `by` clauses).
    static func recordingRules() throws -> [String: Set<String>] {
        var recordings: [String: Set<String>] = [:]
        for rule in try ruleQueries() {
            if let name = rule.record { recordings[name] = rule.query.groupingLabels }
        }
        return recordings
    }

    /// The input series of the rule unit tests, as selectors.
    static func ruleTestSeries() throws -> [Query] {
        try text("deploy/prometheus/alerts_test.yml").split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("- series:") else { return nil }
            let selector = trimmed.dropFirst(9).trimmingCharacters(in: CharacterSet(charactersIn: " '"))
            return query("alerts_test.yml series", selector)
        }
    }

    static func query(_ source: String, _ expression: String, legend: String = "") -> Query {
        let found = references(in: expression)
        return Query(source: source, expression: expression, legend: legend,
                     references: found.references, groupingLabels: found.grouping)
    }

    /// `{{label}}` placeholders of a Grafana legend.
    static func legendLabels(_ legend: String) -> Set<String> {
        Set(legend.components(separatedBy: "{{").dropFirst().compactMap {
            $0.components(separatedBy: "}}").first?.trimmingCharacters(in: .whitespaces)
        })
    }

    // MARK: A PromQL scanner (just enough to find metric names, matchers and grouping labels)

    static let clauseKeywords: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]
    static let operatorKeywords: Set<String> = ["and", "or", "unless", "bool", "offset", "atan2", "inf", "nan"]
    /// Aggregations may take their `by` clause before the parenthesis (`sum by (job) (…)`).
    static let aggregations: Set<String> = [
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
    ]

    /// Metric references (identifiers that are not functions, aggregations, keywords or label names) and
    /// the labels of `by`/`without`/`on`/`ignoring`/`group_*` clauses. Strings, ranges and numbers are skipped.
    static func references(in expression: String) -> (references: [Reference], grouping: Set<String>) {
        let chars = Array(expression)
        var index = 0
        var references: [Reference] = []
        var grouping: Set<String> = []
        var current: Character? { index < chars.count ? chars[index] : nil }
        func isWord(_ char: Character) -> Bool { char.isLetter || char.isNumber || char == "_" || char == ":" }
        func skipSpaces() { while let char = current, char.isWhitespace { index += 1 } }
        func word() -> String {
            let start = index
            while let char = current, isWord(char) { index += 1 }
            return String(chars[start..<index])
        }
        func string() -> String {
            let quote = chars[index]
            var value = ""
            index += 1
            while let char = current, char != quote {
                if char == "\\" { index += 1 }
                if let escaped = current { value.append(escaped) }
                index += 1
            }
            index += 1
            return value
        }
        func labelList(closing: Character, values: Bool) -> [String: String] {
            var result: [String: String] = [:]
            index += 1
            while let char = current {
                if char == closing { index += 1; break }
                if char.isWhitespace || char == "," { index += 1; continue }
                let label = word()
                guard !label.isEmpty else { index += 1; continue }
                skipSpaces()
                guard values else { result[label] = ""; continue }
                while let op = current, "=!~".contains(op) { index += 1 }
                skipSpaces()
                guard current == "\"" || current == "'" else { break }
                result[label] = string()
            }
            return result
        }
        while let char = current {
            if char == "\"" || char == "'" {
                _ = string()
            } else if char == "[" {
                while let next = current, next != "]" { index += 1 }
                index += 1
            } else if char == "{" {
                _ = labelList(closing: "}", values: true)
            } else if char.isNumber || char == "." {
                while let next = current, isWord(next) || next == "." { index += 1 }
            } else if isWord(char) {
                let name = word()
                skipSpaces()
                if clauseKeywords.contains(name) {
                    if current == "(" { grouping.formUnion(labelList(closing: ")", values: false).keys) }
                } else if !operatorKeywords.contains(name), !aggregations.contains(name), current != "(" {
                    let matchers = current == "{" ? labelList(closing: "}", values: true) : [:]
                    references.append(Reference(name: name, matchers: matchers))
                }
            } else {
                index += 1
            }
        }
        return (references, grouping)
    }
}
