import Foundation
import PPTDomain
import Yams

/// YAML import and export of workflow definitions (and any workflow JSON, such as templates).
///
/// Import reads YAML 1.2 core scalars (`true`/`false`, `null`/`~`, decimal, `0x` and `0o` numbers;
/// `yes`, `on` or `2026-01-15` stay text), turns the document into JSON and reads it with
/// `WorkflowDefinitionReader`, so the problems are the same as for JSON, each with the YAML line it
/// comes from. Export writes `definition.json` with a stable, readable key order (id, name, type
/// first; then the rest alphabetically) and quotes text that YAML would read as something else.
package enum WorkflowYAML {
    /// Largest document accepted.
    package static let maximumBytes = 1 << 20
    /// Most nodes after aliases are expanded (guards against "billion laughs" documents).
    static let maximumNodes = 100_000
    /// Deepest nesting.
    static let maximumDepth = 64

    /// The definition in `text`; throws `workflow.invalid_yaml` for YAML that does not parse and
    /// `workflow.invalid_definition` (details suffixed with `(line N)`) for a wrong definition.
    package static func definition(fromYAML text: String) throws(DomainError) -> WorkflowDefinition {
        let (json, lines) = try parse(text)
        do {
            return try WorkflowDefinitionReader.read(json)
        } catch {
            throw annotate(error, lines: lines)
        }
    }

    /// The JSON value of a YAML document.
    package static func json(fromYAML text: String) throws(DomainError) -> JSONValue { try parse(text).json }

    /// A definition as YAML.
    package static func yaml(_ definition: WorkflowDefinition) throws(DomainError) -> String {
        try yaml(json: definition.json)
    }

    /// Any JSON value as YAML, keys in the stable order.
    package static func yaml(json: JSONValue) throws(DomainError) -> String {
        do {
            return try Yams.serialize(node: node(json), width: -1, allowUnicode: true)
        } catch {
            throw DomainError(code: "workflow.yaml_export_failed", kind: .invalid,
                              message: "The definition could not be written as YAML: \(error)")
        }
    }

    /// Parses `text` into JSON and the YAML line of each JSON pointer (for `annotate`, e.g. to give
    /// the validator's problems their lines too); throws `workflow.invalid_yaml`.
    package static func parse(_ text: String) throws(DomainError) -> (json: JSONValue, lines: [String: Int]) {
        guard text.utf8.count <= maximumBytes else {
            throw invalidYAML("the document is larger than \(maximumBytes / 1024) KiB", line: nil)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, YAMLCore.resolver)
        } catch let error as YamlError {
            throw describe(error)
        } catch {
            throw invalidYAML("\(error)", line: nil)
        }
        guard let root else { throw invalidYAML("the document is empty", line: nil) }
        var converter = YAMLConverter()
        let json = try converter.convert(root, pointer: "", depth: 0)
        return (json, converter.lines)
    }

    /// `error` (whose pointers refer to the document) with each problem's YAML line appended, as
    /// `detail (line N)`; pointers without a line of their own take their nearest parent's.
    package static func annotate(_ error: DomainError, lines: [String: Int]) -> DomainError {
        func line(of pointer: String) -> Int? {
            var candidate = pointer
            while true {
                if let line = lines[candidate] { return line }
                guard let slash = candidate.lastIndex(of: "/") else { return nil }
                candidate = String(candidate[..<slash])
            }
        }
        let fields = error.fields.map { field in
            line(of: field.pointer).map { FieldError(pointer: field.pointer, detail: "\(field.detail) (line \($0))") } ?? field
        }
        let message = fields.first.map { "The workflow definition is not valid: \($0.detail)" } ?? error.message
        return DomainError(code: error.code, kind: error.kind, message: message, fields: fields)
    }

    static func describe(_ error: YamlError) -> DomainError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return invalidYAML(detail, line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return invalidYAML("duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                               line: context.mark.line, column: context.mark.column)
        case .reader(let problem, _, _, _):
            return invalidYAML(problem, line: nil)
        default:
            return invalidYAML("\(error)", line: nil)
        }
    }

    static func invalidYAML(_ detail: String, line: Int?, column: Int? = nil) -> DomainError {
        let position = line.map { line in column.map { "line \(line), column \($0): " } ?? "line \(line): " } ?? ""
        return DomainError(code: "workflow.invalid_yaml", kind: .invalid, message: "The YAML is not valid: \(position)\(detail)",
                           fields: [FieldError(pointer: "", detail: position + detail)])
    }

    /// Keys written first, in this order; the rest follow alphabetically.
    static let keyOrder = ["id", "name", "type", "event", "cron", "timezone", "inputs", "required", "default",
                           "description", "options", "condition", "duration", "until", "values", "status", "reason",
                           "input", "retry", "attempts", "backoff", "multiplier", "nonRetryable", "onFailure", "then",
                           "else", "trigger", "filters", "mode", "concurrency", "variables", "steps"]

    static func node(_ json: JSONValue) -> Node {
        switch json {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return Node(String(Int64(number)), Tag(.int)) }
            return Node(String(number), Tag(.float))
        case .string(let text):
            let style: Node.Scalar.Style
            if text.contains("\n") {
                style = .literal
            } else if Resolver.default.resolveTag(of: Node(text)) != .str || YAMLCore.resolver.resolveTag(of: Node(text)) != .str {
                style = .doubleQuoted
            } else {
                style = .any
            }
            return Node(text, Tag(.str), style)
        case .array(let items):
            return Node(items.map(node), Tag(.seq))
        case .object(let fields):
            let rank = Dictionary(keyOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let keys = fields.keys.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
            return Node(keys.map { (node(.string($0)), node(fields[$0] ?? .null)) }, Tag(.map))
        }
    }
}
