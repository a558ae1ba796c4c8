import Foundation
import PPTDomain
import PPTWorkflow
import Testing

/// The workflow expression language: values, precedence, null safety, and failing closed.
@Suite struct ExpressionTests {
    static let context = ExpressionContext(
        variables: [
            "trigger": [
                "amount": 120.5, "priority": "high", "category": "plumbing", "building": ["city": "Žilina", "id": "b1"],
                "tenant": ["name": "Jana Nováková", "email": .null], "tags": ["urgent", "water"], "dueDate": "2026-11-20",
            ],
            "steps": ["lookup": ["output": ["status": "open", "count": 3]]],
            "vars": ["limit": 100],
        ],
        now: Date(timeIntervalSince1970: 1_795_953_600), // 2026-11-29T12:00:00Z
        timeZone: TimeZone(identifier: "Europe/Bratislava")!)

    static func value(_ source: String) throws -> JSONValue {
        try Expression.parse(source).evaluate(in: context)
    }

    static func error(_ source: String) -> ExpressionError? {
        do throws(ExpressionError) {
            _ = try Expression.parse(source).evaluate(in: context)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("trigger.amount > vars.limit and trigger.priority == 'high'", JSONValue.bool(true)),
        ("1 + 2 * 3", .number(7)), ("(1 + 2) * 3", .number(9)), ("-trigger.amount + 20.5", .number(-100)),
        ("10 % 4", .number(2)), ("7 / 2", .number(3.5)),
        ("not (trigger.priority == 'low') && true", .bool(true)), ("false or !false", .bool(true)),
        ("trigger.category in ['plumbing', 'heating']", .bool(true)), ("'water' in trigger.tags", .bool(true)),
        ("'city' in trigger.building", .bool(true)), ("'Žil' in trigger.building.city", .bool(true)),
        ("trigger.priority not in ['low', 'normal']", .bool(true)),
        ("steps.lookup.output.status != 'closed'", .bool(true)), ("steps.lookup.output.count >= 3", .bool(true)),
        ("trigger.tags[1]", .string("water")), ("trigger['priority']", .string("high")),
        ("trigger.tenant.email == null", .bool(true)), ("trigger.tenant?.phone", .null),
        ("trigger?.missing?.deeper?.value == null", .bool(true)),
        ("'a' < 'b'", .bool(true)), ("'abc' + 'def'", .string("abcdef")),
    ])
    func evaluates(source: String, expected: JSONValue) throws {
        #expect(try Self.value(source) == expected)
    }

    @Test(arguments: [
        ("lower(trigger.building.city)", JSONValue.string("žilina")), ("upper('ab')", .string("AB")),
        ("trim('  x ')", .string("x")), ("contains(trigger.tags, 'urgent')", .bool(true)),
        ("contains('hello', 'ell')", .bool(true)), ("starts_with(trigger.tenant.name, 'Jana')", .bool(true)),
        ("ends_with('report.pdf', '.pdf')", .bool(true)), ("len(trigger.tags)", .number(2)),
        ("len('čaj')", .number(3)), ("now()", .string("2026-11-29T12:00:00Z")), ("today()", .string("2026-11-29")),
        ("days_between(trigger.dueDate, today())", .number(9)), ("days_between('2026-03-28', '2026-03-30')", .number(2)),
        ("add_days('2026-12-30', 3)", .string("2027-01-02")), ("format_date('2026-11-20', 'dd.MM.yyyy')", .string("20.11.2026")),
        ("round(2.345, 2)", .number(2.35)), ("round(2.5)", .number(3)), ("abs(-3)", .number(3)),
        ("min(3, 1, 2)", .number(1)), ("max(3, 1, 2)", .number(3)),
        ("coalesce(trigger.tenant.email, 'none')", .string("none")), ("string(trigger.amount)", .string("120.5")),
        ("string(3)", .string("3")), ("number('42')", .number(42)),
    ])
    func functions(source: String, expected: JSONValue) throws {
        #expect(try Self.value(source) == expected)
    }

    @Test(arguments: [
        ("trigger.unknown", "no field 'unknown'"), ("secrets.key", "unknown variable 'secrets'"),
        ("trigger.tenant.email.domain", "cannot read 'domain' of null"),
        ("trigger.amount > 'ten'", "cannot order a number and a string"),
        ("trigger.priority == 1", "cannot compare a string with a number"),
        ("trigger.amount and true", "'and' needs booleans"), ("not trigger.amount", "needs a boolean"),
        ("'a' + 1", "cannot add a string and a number"), ("1 / 0", "division by zero"),
        ("trigger.tags[5]", "outside the list"), ("lower(1)", "must be a string"), ("len()", "takes 1 argument"),
        ("days_between('yesterday', today())", "is not a date"), ("number('x')", "is not a number"),
        ("1 in 2", "cannot look for a number in a number"),
    ])
    func failsClosed(source: String, message: String) {
        let error = Self.error(source)
        #expect(error != nil, "\(source) should fail")
        #expect(error?.message.contains(message) == true, "\(source): \(error?.message ?? "no error")")
    }

    @Test(arguments: ["", "1 +", "(1", "trigger.", "foo(1)", "'unterminated", "1 ? 2", "[1, 2", "and", "a b"])
    func refusesBadSyntax(source: String) {
        #expect(throws: ExpressionError.self) { try Expression.parse(source) }
    }

    @Test func reportsWhereTheErrorIs() {
        #expect(throws: ExpressionError("unknown function 'foo'", at: 4)) { try Expression.parse("1 + foo(2)") }
        let error = Self.error("trigger.amount > vars.limitt")
        #expect(error?.offset == 21)
        #expect(error?.description.contains("at character 22") == true)
    }

    @Test func conditionsMustBeBooleans() throws {
        #expect(try Expression.parse("trigger.amount > 100").condition(in: Self.context))
        #expect(throws: ExpressionError.self) { try Expression.parse("trigger.amount").condition(in: Self.context) }
        #expect(throws: ExpressionError.self) { try Expression.parse("trigger.tenant.email").condition(in: Self.context) }
    }

    @Test func listsTheVariablesItReads() throws {
        let expression = try Expression.parse("trigger.amount > vars.limit and len(steps.lookup.output.status) > 0")
        #expect(expression.variablePaths == ["trigger.amount", "vars.limit", "steps.lookup.output.status"])
    }

    @Test func rendersTemplates() throws {
        let template = try TemplateString("Dear {{ trigger.tenant.name }}, {{ trigger.amount }} EUR is due {{format_date(trigger.dueDate, 'd.M.yyyy')}}.{{ trigger.tenant.email }}")
        #expect(try template.render(in: Self.context) == "Dear Jana Nováková, 120.5 EUR is due 20.11.2026.")
        #expect(template.variablePaths == ["trigger.tenant.name", "trigger.amount", "trigger.dueDate", "trigger.tenant.email"])
        #expect(try TemplateString("no placeholders").render(in: Self.context) == "no placeholders")
        #expect(throws: ExpressionError.self) { try TemplateString("Dear {{ trigger.tenant.name") }
        #expect(throws: ExpressionError.self) { try TemplateString("{{ 1 + }}") }
        #expect(throws: ExpressionError.self) { try TemplateString("{{ trigger.nobody }}").render(in: Self.context) }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(throws: ExpressionError.self) { try Expression.parse(deep) }
    }
}
