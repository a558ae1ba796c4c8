import Foundation
import PPTDomain

/// A text with `{{ expression }}` placeholders, e.g. `"Dear {{ trigger.tenant.name }}"`: the action
/// fields of a workflow. Placeholders use the expression language; `{{` without a closing `}}` is
/// an error, and so is a placeholder that fails to evaluate.
package struct TemplateString: Equatable, Sendable {
    enum Part: Equatable, Sendable {
        case text(String)
        case expression(Expression)
    }

    let parts: [Part]

    /// Parses a template; errors carry the offset in the template.
    package init(_ source: String) throws(ExpressionError) {
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let offset = source.distance(from: source.startIndex, to: open.lowerBound)
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw ExpressionError("'{{' without a closing '}}'", at: offset)
            }
            let inner = String(rest[open.upperBound..<close.lowerBound])
            do {
                parts.append(.expression(try Expression.parse(inner)))
            } catch {
                throw ExpressionError("in the placeholder at character \(offset + 1): \(error.description)")
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// Every variable path the placeholders read.
    package var variablePaths: [String] {
        parts.flatMap { part -> [String] in
            if case .expression(let expression) = part { return expression.variablePaths }
            return []
        }
    }

    /// The text with every placeholder replaced by its value (`JSONValue.templateText`).
    package func render(in context: ExpressionContext) throws(ExpressionError) -> String {
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .expression(let expression): output += try expression.evaluate(in: context).templateText
            }
        }
        return output
    }
}
