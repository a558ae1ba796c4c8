import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`: standard input from `/dev/null`, standard output and
/// error into pipes the caller drains, the parent's environment. Its pipe ends are close-on-exec in
/// the parent, so tools started at the same time do not inherit each other's pipes (which would keep
/// a reader from seeing end of file).
final class SpawnedProcess: Sendable {
    /// How the process ended.
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    /// Set once `waitpid` has reaped the child: its pid may then name another process.
    private let reaped = Atomic(false)
    /// The read end of the child's standard output.
    let standardOutput: FileHandle
    /// The read end of the child's standard error.
    let standardError: FileHandle

    /// Starts `path` with `arguments`; throws `SpawnError` when it cannot start.
    init(_ path: String, arguments: [String]) throws {
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // Pipes are made close-on-exec and the child spawned under one lock, so no tool started at
        // the same moment by another thread inherits these pipe ends.
        let (child, output, errors) = try Self.spawning.withLock { _ throws(SpawnError) -> (pid_t, Int32, Int32) in
            let output = try Self.closeOnExecPipe()
            let errors: (read: Int32, write: Int32)
            do throws(SpawnError) { errors = try Self.closeOnExecPipe() } catch {
                close(output.read); close(output.write)
                throw error
            }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            // dup2 clears close-on-exec on the copies the tool writes to.
            posix_spawn_file_actions_adddup2(&actions, output.write, 1)
            posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
            // Its own process group, so a stop reaches whatever the tool started too (which would
            // otherwise keep the pipes open after the tool itself is gone).
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
            var child: pid_t = 0
            let status = posix_spawn(&child, path, &actions, &attributes, argv, environ)
            // The parent's copies of the write ends must close, or the readers never see end of file.
            close(output.write)
            close(errors.write)
            guard status == 0 else {
                close(output.read); close(errors.read)
                throw SpawnError(operation: "posix_spawn", code: status)
            }
            return (child, output.read, errors.read)
        }
        pid = child
        standardOutput = FileHandle(fileDescriptor: output, closeOnDealloc: true)
        standardError = FileHandle(fileDescriptor: errors, closeOnDealloc: true)
    }

    private static let spawning = Mutex(())

    private static func closeOnExecPipe() throws(SpawnError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SpawnError(operation: "pipe", code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Waits for the process to end, on a thread of its own (waitpid blocks), and reaps it.
    func waitForExit() async -> Termination {
        let pid = self.pid
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                self.reaped.store(true, ordering: .releasing)
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal))
            }
        }
    }

    /// Asks the process and everything it started to stop (SIGTERM to its process group), unless it
    /// has already ended and been reaped.
    func terminate() {
        guard !reaped.load(ordering: .acquiring) else { return }
        kill(-pid, SIGTERM)
    }
}

/// A process could not be started.
struct SpawnError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32
    var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
}
