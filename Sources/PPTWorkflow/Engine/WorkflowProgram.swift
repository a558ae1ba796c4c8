import Foundation
import PPTDomain

/// A definition compiled for the engine: steps flattened into instructions with jumps (so a run's
/// position is one integer), every expression and template parsed once.
package struct WorkflowProgram: Sendable {
    /// One instruction.
    package enum Instruction: Sendable {
        case action(step: WorkflowStep, action: ActionStep, input: CompiledInput)
        /// Evaluates the condition; false jumps to `elseTarget`.
        case branch(step: WorkflowStep, source: String, condition: Expression, elseTarget: Int)
        case jump(Int)
        case delay(step: WorkflowStep, DelaySpec, until: Expression?)
        case set(step: WorkflowStep, [(name: String, source: String, expression: Expression)])
        case stop(step: WorkflowStep, failed: Bool, reason: String?)
    }

    /// The definition compiled.
    package let definition: WorkflowDefinition
    /// Instructions; running past the last one ends the run as succeeded.
    package let instructions: [Instruction]
    /// The trigger filters, parsed.
    package let filters: [(source: String, expression: Expression)]

    /// Compiles a definition whose expressions parse (`WorkflowValidator` reports those that do not;
    /// here they throw `DomainError` `workflow.invalid_definition`).
    package init(_ definition: WorkflowDefinition) throws(DomainError) {
        self.definition = definition
        var instructions: [Instruction] = []
        var issues: [FieldError] = []
        func parse(_ source: String, _ pointer: String) -> Expression {
            do { return try Expression.parse(source) } catch {
                issues.append(FieldError(pointer: pointer, detail: "expression '\(source)': \(error.description)"))
                return .literal(.null)
            }
        }
        func emit(_ steps: [WorkflowStep], _ base: String) {
            for (index, step) in steps.enumerated() {
                let pointer = "\(base)/\(index)"
                switch step.kind {
                case .action(let action):
                    do {
                        instructions.append(.action(step: step, action: action, input: try CompiledInput(action.input)))
                    } catch {
                        issues.append(FieldError(pointer: pointer + "/input", detail: error.description))
                    }
                case .branch(let source, let then, let otherwise):
                    let branchIndex = instructions.count
                    let condition = parse(source, pointer + "/condition")
                    instructions.append(.branch(step: step, source: source, condition: condition, elseTarget: -1))
                    emit(then, pointer + "/then")
                    var jumpIndex: Int?
                    if !otherwise.isEmpty {
                        jumpIndex = instructions.count
                        instructions.append(.jump(-1))
                    }
                    instructions[branchIndex] = .branch(step: step, source: source, condition: condition,
                                                        elseTarget: instructions.count)
                    emit(otherwise, pointer + "/else")
                    if let jumpIndex { instructions[jumpIndex] = .jump(instructions.count) }
                case .delay(let spec):
                    if case .until(let source) = spec {
                        instructions.append(.delay(step: step, spec, until: parse(source, pointer + "/until")))
                    } else {
                        instructions.append(.delay(step: step, spec, until: nil))
                    }
                case .set(let values):
                    let parsed = values.keys.sorted().map { name in
                        (name: name, source: values[name]!, expression: parse(values[name]!, pointer + "/values/\(name)"))
                    }
                    instructions.append(.set(step: step, parsed))
                case .stop(let failed, let reason):
                    instructions.append(.stop(step: step, failed: failed, reason: reason))
                }
            }
        }
        emit(definition.steps, "/steps")
        filters = definition.filters.enumerated().map { index, source in
            (source: source, expression: parse(source, "/filters/\(index)"))
        }
        self.instructions = instructions
        guard issues.isEmpty else { throw WorkflowDefinitionReader.error(issues) }
    }
}

/// An action's input with its templates parsed: strings render as text, a string that is exactly
/// one placeholder (`"{{ trigger.amount }}"`) keeps the value's type, lists and objects recurse.
package indirect enum CompiledInput: Sendable {
    case literal(JSONValue)
    case text(TemplateString)
    case value(Expression)
    case list([CompiledInput])
    case object([String: CompiledInput])

    /// Parses every template in `input`.
    package init(_ input: [String: JSONValue]) throws(ExpressionError) {
        var fields: [String: CompiledInput] = [:]
        for (key, value) in input { fields[key] = try CompiledInput(value: value, field: key) }
        self = .object(fields)
    }

    private init(value: JSONValue, field: String) throws(ExpressionError) {
        switch value {
        case .string(let text):
            guard text.contains("{{") else {
                self = .literal(value)
                return
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"),
                trimmed.components(separatedBy: "{{").count == 2, trimmed.components(separatedBy: "}}").count == 2
            {
                do {
                    self = .value(try Expression.parse(String(trimmed.dropFirst(2).dropLast(2))))
                } catch {
                    throw ExpressionError("input.\(field): \(error.description)")
                }
                return
            }
            do { self = .text(try TemplateString(text)) } catch { throw ExpressionError("input.\(field): \(error.description)") }
        case .array(let items):
            var compiled: [CompiledInput] = []
            for item in items { compiled.append(try CompiledInput(value: item, field: field)) }
            self = .list(compiled)
        case .object(let object):
            var compiled: [String: CompiledInput] = [:]
            for (key, item) in object { compiled[key] = try CompiledInput(value: item, field: "\(field).\(key)") }
            self = .object(compiled)
        default:
            self = .literal(value)
        }
    }

    /// The input rendered in `context`.
    package func render(in context: ExpressionContext) throws(ExpressionError) -> JSONValue {
        switch self {
        case .literal(let value): return value
        case .text(let template): return .string(try template.render(in: context))
        case .value(let expression): return try expression.evaluate(in: context)
        case .list(let items):
            var values: [JSONValue] = []
            for item in items { values.append(try item.render(in: context)) }
            return .array(values)
        case .object(let fields):
            var values: [String: JSONValue] = [:]
            for (key, item) in fields { values[key] = try item.render(in: context) }
            return .object(values)
        }
    }

    /// Every variable path the templates read.
    package var variablePaths: [String] {
        switch self {
        case .literal: []
        case .text(let template): template.variablePaths
        case .value(let expression): expression.variablePaths
        case .list(let items): items.flatMap(\.variablePaths)
        case .object(let fields): fields.values.flatMap(\.variablePaths)
        }
    }
}
