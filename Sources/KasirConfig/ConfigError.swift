import KasirCore

/// What is wrong with a value in a config file.
public enum ConfigProblem: Equatable, Sendable {
    case missing
    case wrongType(expected: String)
    case outOfRange(String)
    case notOneOf([String])
    case duplicate(String)
    case unknownReference(String)
}

/// A config file that cannot be used. Kasir refuses to start on one rather than guess.
public enum ConfigError: KasirError, Equatable {
    case unreadable(file: String)
    case syntax(file: String, line: Int, column: Int, message: String)
    case invalid(file: String, key: String, problem: ConfigProblem)
}

extension ConfigError {
    public var nature: ErrorNature {
        switch self {
        // The café's config cannot be used: the machine is not set up, whoever runs the command.
        case .unreadable, .syntax, .invalid:
            return .fault
        }
    }
}
