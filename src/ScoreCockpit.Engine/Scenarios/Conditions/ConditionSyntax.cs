namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>The parsed form of a condition.</summary>
public abstract record ConditionNode(int Position);

public sealed record LiteralNode(int Position, TypedValue Value) : ConditionNode(Position);

/// <summary><c>${name}</c>: a variable of the run.</summary>
public sealed record VariableNode(int Position, string Name) : ConditionNode(Position);

/// <summary>check(…), metric(…), output(…), status(…), date(…), today().</summary>
public sealed record CallNode(int Position, string Function, IReadOnlyList<string> Arguments) : ConditionNode(Position);

public sealed record NotNode(int Position, ConditionNode Operand) : ConditionNode(Position);

public sealed record LogicNode(int Position, string Operator, ConditionNode Left, ConditionNode Right) : ConditionNode(Position);

public sealed record CompareNode(int Position, string Operator, ConditionNode Left, ConditionNode Right) : ConditionNode(Position);

/// <summary>A condition that cannot be read, with where and why.</summary>
public sealed class ConditionException(string message) : Exception(message);
