import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Child processes the tests start themselves (`ppt serve …`, chromedriver) and kill with SIGKILL:
/// `posix_spawn` rather than `Process`, so a test can kill and reap them exactly when it wants.
enum ChildProcess {
    /// The `ppt` executable built beside the test bundle.
    static var pptExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ppt").path
    }

    /// Starts `arguments[0]` with `environment`; its output goes to `log` (appended) when given, else
    /// it is inherited.
    static func spawn(_ arguments: [String], environment: [String: String], log: URL? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let log {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_APPEND, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, log.path, O_WRONLY | O_APPEND, 0o644)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard result == 0 else { throw DescribedError(description: "cannot start \(arguments[0]): \(result)") }
        return pid
    }
}
