import Foundation
import PPTDomain
import Yams

/// YAML 1.2 core schema scalars: unlike Yams' default (YAML 1.1) `yes`, `on`, `1:30` and dates stay text.
enum YAMLCore {
    static let resolver: Resolver = {
        do {
            return try Resolver.basic
                .appending(.null, "^(?:~|null|Null|NULL|)$")
                .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
                .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
                .appending(.float, "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
        } catch {
            // The patterns are constants covered by the YAML tests; an invalid one would show there.
            return .basic
        }
    }()
}

/// Turns a composed YAML node into JSON, remembering the line of each JSON pointer.
struct YAMLConverter {
    private(set) var lines: [String: Int] = [:]
    private var nodes = 0

    mutating func convert(_ node: Node, pointer: String, depth: Int) throws(DomainError) -> JSONValue {
        nodes += 1
        guard nodes <= WorkflowYAML.maximumNodes else {
            throw WorkflowYAML.invalidYAML("the document has more than \(WorkflowYAML.maximumNodes) values (aliases count each time)",
                                           line: node.mark?.line)
        }
        guard depth <= WorkflowYAML.maximumDepth else {
            throw WorkflowYAML.invalidYAML("nesting deeper than \(WorkflowYAML.maximumDepth) levels", line: node.mark?.line)
        }
        if let line = node.mark?.line, lines[pointer] == nil { lines[pointer] = line }
        switch node {
        case .scalar(let scalar):
            return try value(of: scalar, node: node)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() { items.append(try convert(item, pointer: "\(pointer)/\(index)", depth: depth + 1)) }
            return .array(items)
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (key, item) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw WorkflowYAML.invalidYAML("a key must be text, not a list or mapping", line: key.mark?.line)
                }
                let name = keyScalar.string
                let escaped = name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                fields[name] = try convert(item, pointer: "\(pointer)/\(escaped)", depth: depth + 1)
            }
            return .object(fields)
        case .alias:
            throw WorkflowYAML.invalidYAML("unresolved alias", line: node.mark?.line)
        }
    }

    private func value(of scalar: Node.Scalar, node: Node) throws(DomainError) -> JSONValue {
        let text = scalar.string
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .str: return .string(text)
        case .null: return .null
        case .bool: return .bool(text.lowercased() == "true")
        case .int:
            let number: Int64?
            if text.hasPrefix("0x") { number = Int64(text.dropFirst(2), radix: 16) }
            else if text.hasPrefix("0o") { number = Int64(text.dropFirst(2), radix: 8) }
            else { number = Int64(text) }
            guard let number, abs(number) <= 1 << 53 else {
                throw WorkflowYAML.invalidYAML("the number \(text) is too large", line: scalar.mark?.line)
            }
            return .number(Double(number))
        case .float:
            guard let number = Double(text), number.isFinite else {
                throw WorkflowYAML.invalidYAML("\(text) is not a finite number (JSON has no infinity or NaN)", line: scalar.mark?.line)
            }
            return .number(number)
        default:
            throw WorkflowYAML.invalidYAML("the tag \(node.tag.rawValue) is not supported; use plain values",
                                           line: scalar.mark?.line)
        }
    }
}
