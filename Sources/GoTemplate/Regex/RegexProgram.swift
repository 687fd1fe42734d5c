/// A compiled RE2 expression run by a Pike VM (Thompson NFA simulation with capture slots), which is what Go's
/// `regexp` does for these inputs: leftmost-first matching, and time linear in the input whatever the pattern.
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        /// Consume one code point in the set.
        case set(Int)
        /// Try `first`, then `second` (lower priority).
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case assert(RegexAssertion)
        case match
    }

    /// Programs larger than this are rejected (Go: `expression too large`).
    static let maxInstructions = 100_000

    private(set) var instructions: [Instruction] = []
    private(set) var sets: [CodePointSet] = []
    /// Number of capture groups including group 0.
    let groupCount: Int

    /// Compiles `node`, whose capture groups are numbered `1..<groupCount`.
    init(_ node: RegexNode, groupCount: Int) throws(GoRegex.SyntaxError) {
        self.groupCount = groupCount
        instructions.append(.save(0))
        try emit(node)
        instructions.append(.save(1))
        instructions.append(.match)
    }

    private mutating func add(_ instruction: Instruction) throws(GoRegex.SyntaxError) -> Int {
        if instructions.count >= Self.maxInstructions {
            throw GoRegex.SyntaxError(code: "expression too large", expression: "")
        }
        instructions.append(instruction)
        return instructions.count - 1
    }

    private mutating func emit(_ node: RegexNode) throws(GoRegex.SyntaxError) {
        switch node {
        case .empty:
            break
        case .set(let set):
            sets.append(set)
            _ = try add(.set(sets.count - 1))
        case .assertion(let assertion):
            _ = try add(.assert(assertion))
        case .capture(let group, let body):
            _ = try add(.save(2 * group))
            try emit(body)
            _ = try add(.save(2 * group + 1))
        case .concatenation(let parts):
            for part in parts { try emit(part) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (position, branch) in branches.enumerated() {
                if position == branches.count - 1 {
                    try emit(branch)
                } else {
                    let split = try add(.split(0, 0))
                    try emit(branch)
                    jumps.append(try add(.jump(0)))
                    instructions[split] = .split(split + 1, instructions.count)
                }
            }
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .repetition(let body, let minimum, let maximum, let greedy):
            for _ in 0..<minimum { try emit(body) }
            if maximum == -1 {
                let loop = try add(.split(0, 0))
                try emit(body)
                _ = try add(.jump(loop))
                instructions[loop] =
                    greedy ? .split(loop + 1, instructions.count) : .split(instructions.count, loop + 1)
            } else if maximum > minimum {
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(try add(.split(0, 0)))
                    try emit(body)
                }
                let end = instructions.count
                for split in splits {
                    instructions[split] = greedy ? .split(split + 1, end) : .split(end, split + 1)
                }
            }
        }
    }

    // MARK: - Matching

    private struct Thread {
        var pc: Int
        var captures: [Int]
    }

    private static func isWordCharacter(_ value: UInt32?) -> Bool {
        guard let value else { return false }
        return (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value) || value == 95
    }

    private func holds(_ assertion: RegexAssertion, _ input: [UInt32], _ position: Int) -> Bool {
        let previous = position > 0 ? input[position - 1] : nil
        let next = position < input.count ? input[position] : nil
        switch assertion {
        case .beginText: return position == 0
        case .endText: return position == input.count
        case .beginLine: return previous == nil || previous == 10
        case .endLine: return next == nil || next == 10
        case .wordBoundary: return Self.isWordCharacter(previous) != Self.isWordCharacter(next)
        case .notWordBoundary: return Self.isWordCharacter(previous) == Self.isWordCharacter(next)
        }
    }

    /// Adds the thread at `pc` and everything reachable from it without consuming input, in priority order.
    private func addThread(
        _ list: inout [Thread], _ visited: inout [Int], _ generation: Int, pc: Int,
        captures: [Int], input: [UInt32], position: Int
    ) {
        var stack: [(Int, [Int])] = [(pc, captures)]
        while let (current, slots) = stack.popLast() {
            if visited[current] == generation { continue }
            visited[current] = generation
            switch instructions[current] {
            case .jump(let target):
                stack.append((target, slots))
            case .split(let first, let second):
                stack.append((second, slots))
                stack.append((first, slots))
            case .save(let slot):
                var updated = slots
                if slot < updated.count { updated[slot] = position }
                stack.append((current + 1, updated))
            case .assert(let assertion):
                if holds(assertion, input, position) { stack.append((current + 1, slots)) }
            case .set, .match:
                list.append(Thread(pc: current, captures: slots))
            }
        }
    }

    /// The leftmost-first match starting at or after `start` (the whole input stays visible to assertions), as
    /// capture slot positions (`-1` for groups that did not participate).
    func search(_ input: [UInt32], from start: Int) -> [Int]? {
        var visited = [Int](repeating: -1, count: instructions.count)
        var generation = 0
        var current: [Thread] = []
        var next: [Thread] = []
        var matched: [Int]?
        let empty = [Int](repeating: -1, count: 2 * groupCount)
        var position = start
        while true {
            if current.isEmpty && matched != nil { break }
            if matched == nil {
                addThread(&current, &visited, generation, pc: 0, captures: empty, input: input, position: position)
            }
            generation += 1
            next.removeAll(keepingCapacity: true)
            let character = position < input.count ? input[position] : nil
            for thread in current {
                switch instructions[thread.pc] {
                case .match:
                    matched = thread.captures
                case .set(let index):
                    if let character, sets[index].contains(character) {
                        addThread(
                            &next, &visited, generation, pc: thread.pc + 1, captures: thread.captures,
                            input: input, position: position + 1)
                    }
                    continue
                default:
                    continue
                }
                break
            }
            if position >= input.count { break }
            position += 1
            swap(&current, &next)
        }
        return matched
    }
}
