import Foundation
import PPTDomain
import PPTStorage

/// The built-in template library: one JSON file per template in `Resources/templates`, read once
/// and validated (a broken file is reported as an error, never skipped silently).
package enum WorkflowTemplateLibrary {
    private static let loaded: Result<[WorkflowTemplate], DomainError> = {
        do throws(DomainError) {
            guard let directory = Bundle.module.url(forResource: "templates", withExtension: nil) else {
                throw DomainError(code: "workflow_template.library_missing", kind: .unavailable,
                                  message: "The built-in workflow templates are not installed with this binary.")
            }
            return .success(try load(from: directory))
        } catch {
            return .failure(error)
        }
    }()

    /// The built-in templates, ordered by category then name.
    package static func builtIn() throws(DomainError) -> [WorkflowTemplate] { try loaded.get() }

    /// One built-in template, or `workflow_template.not_found`.
    package static func builtIn(id: String) throws(DomainError) -> WorkflowTemplate {
        guard let template = try builtIn().first(where: { $0.id == id }) else {
            throw DomainError.notFound("workflow_template")
        }
        return template
    }

    /// Reads and validates every `*.json` template in `directory`; each id must be `builtin.<file name>`.
    package static func load(from directory: URL) throws(DomainError) -> [WorkflowTemplate] {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw libraryError("cannot list \(directory.lastPathComponent): \(error.localizedDescription)")
        }
        var templates: [WorkflowTemplate] = []
        for file in files {
            let stem = file.deletingPathExtension().lastPathComponent
            let json: JSONValue
            do {
                json = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file))
            } catch {
                throw libraryError("\(file.lastPathComponent) is not JSON: \(error)")
            }
            let template: WorkflowTemplate
            do {
                template = try WorkflowTemplate.read(json)
            } catch {
                let problems = error.fields.map { "\($0.pointer): \($0.detail)" }.joined(separator: "; ")
                throw libraryError("\(file.lastPathComponent): \(problems.isEmpty ? error.message : problems)")
            }
            guard template.id == WorkflowTemplate.builtInPrefix + stem else {
                throw libraryError("\(file.lastPathComponent) must have the id \(WorkflowTemplate.builtInPrefix)\(stem)")
            }
            templates.append(template)
        }
        return templates.sorted {
            ($0.category.sortIndex, $0.name) < ($1.category.sortIndex, $1.name)
        }
    }

    private static func libraryError(_ detail: String) -> DomainError {
        DomainError(code: "workflow_template.library_invalid", kind: .unavailable,
                    message: "A built-in workflow template is broken: \(detail)")
    }
}

extension WorkflowTemplateCategory {
    /// Position in the library's listing.
    var sortIndex: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
