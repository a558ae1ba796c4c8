import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging

/// In-memory indexes built from an organization's stored chunks, each valid for one index generation:
/// the counter in the database that every change to the organization's chunks or document access
/// bumps, on whichever instance makes it. A search reads the generation first (one primary-key
/// lookup), so it sees every change committed before it began. A stale index is never answered from;
/// one load, however many searches ask, builds its successor and is handed the stale one to update.
package actor GenerationCache<Value: Sendable> {
    /// Whether a search that finds no current index waits for the rebuild or goes on without it.
    package enum Wait: Sendable {
        case forLoad
        case no
    }

    /// A kept index and the generation it was built for.
    package typealias Previous = (value: Value, generation: Int64)
    /// Builds the index (from the previous one when there is one) and reports its size.
    package typealias Load = @Sendable (_ previous: Previous?) async throws -> (Value, size: Int)

    private struct Entry {
        var generation: Int64
        var value: Value
        /// The size the load reported (chunks), which decides whether a search waits for the next load.
        var size: Int
    }

    private struct Running {
        var generation: Int64
        var task: Task<(Value, Int), any Error>
    }

    private var entries: [String: Entry] = [:]
    private var loads: [String: Running] = [:]
    private let logger: Logger

    package init(logger: Logger) { self.logger = logger }

    /// The current index under `key` (one per organization and kind), waiting for a rebuild when there
    /// is none; `load` builds the index and reports its size.
    package func value(key: String, generation: Int64,
                       load: @escaping Load) async throws -> Value {
        switch lookup(key: key, generation: generation, load: load) {
        case .current(let value): value
        case .loading(let running, _): try await result(of: running, key: key)
        }
    }

    /// The current index under `key`, or `nil` when it is being rebuilt and `wait` — asked with the
    /// size and generation of the previous index, `nil` when there is none — says not to wait for it.
    package func valueIfCurrent(
        key: String, generation: Int64,
        wait: @Sendable (_ previous: (size: Int, generation: Int64)?) async throws -> Wait,
        load: @escaping Load
    ) async throws -> Value? {
        switch lookup(key: key, generation: generation, load: load) {
        case .current(let value): return value
        case .loading(let running, let previous):
            return try await wait(previous) == .forLoad ? try await result(of: running, key: key) : nil
        }
    }

    private enum Lookup {
        case current(Value)
        case loading(Running, previous: (size: Int, generation: Int64)?)
    }

    private func lookup(key: String, generation: Int64,
                        load: @escaping Load) -> Lookup {
        // An index newer than the generation this search read holds everything the search must see.
        if let entry = entries[key], entry.generation >= generation { return .current(entry.value) }
        // A load of an older generation may miss what this search must see: start a newer one beside it.
        let running = if let loading = loads[key], loading.generation >= generation { loading } else {
            start(key: key, generation: generation, load: load)
        }
        return .loading(running, previous: entries[key].map { ($0.size, $0.generation) })
    }

    private func start(key: String, generation: Int64, load: @escaping Load)
        -> Running
    {
        let previous = entries[key].map { ($0.value, $0.generation) }
        let running = Running(generation: generation, task: Task { try await load(previous) })
        loads[key] = running
        Task {
            do {
                _ = try await result(of: running, key: key)
                if let size = entries[key]?.size, size >= FreedMemory.worthTrimming {
                    Task.detached(priority: .background) { FreedMemory.giveBack() }
                }
            } catch {
                // The next search starts another load; the searches meanwhile use the database.
                logger.warning("loading a search index failed", metadata: ["key": "\(key)", "error": "\(error)"])
            }
        }
        return running
    }

    /// Awaits a load and keeps what it built (unless a newer index is already kept); a finished or
    /// failed load is forgotten, so the next search after a failure starts another.
    private func result(of load: Running, key: String) async throws -> Value {
        do {
            let (value, size) = try await load.task.value
            if loads[key]?.generation == load.generation { loads[key] = nil }
            if entries[key].map({ $0.generation <= load.generation }) ?? true {
                entries[key] = Entry(generation: load.generation, value: value, size: size)
            }
            return value
        } catch {
            if loads[key]?.generation == load.generation { loads[key] = nil }
            throw error
        }
    }
}

/// Hands the heap pages freed by an index build (its scratch, the index it replaced) back to the
/// system: glibc keeps freed memory for reuse, so without this the process's resident size would stay
/// at its peak after every build.
private enum FreedMemory {
    /// Index sizes (chunks) from which a build frees enough to be worth a trim: trimming holds the
    /// allocator's locks while it walks the heap, so small builds skip it.
    static let worthTrimming = 20_000

    /// glibc's `malloc_trim`, which Swift's Glibc module does not export; looked up once.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    static func giveBack() { _ = mallocTrim?(0) }
}
