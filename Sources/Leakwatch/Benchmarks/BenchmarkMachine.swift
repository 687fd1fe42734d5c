import Foundation

/// Describes the machine a benchmark runs on, for the first line of its output.
enum BenchmarkMachine {
    /// CPU model, core count and memory, e.g. "AMD EPYC 7B13, 2 cores, 23 GiB".
    static var description: String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = ProcessInfo.processInfo.physicalMemory >> 30
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let name = line.split(separator: ":", maxSplits: 1).last
        {
            model = name.trimmingCharacters(in: .whitespaces)
        }
        return "\(model), \(cores) cores, \(memory) GiB"
    }
}
