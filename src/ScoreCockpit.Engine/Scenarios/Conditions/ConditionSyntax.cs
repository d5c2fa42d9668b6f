namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>The parsed form of a condition.</summary>
public abstract record ConditionNode(int Position);

public sealed record LiteralNode(int Position, TypedValue Value) : ConditionNode(Position);

/// <summary><c>${name}</c>: a variable of the run.</summary>
public sealed record VariableNode(int Position, string Name) : ConditionNode(Position);

/// <summary>check(…), metric(…), output(…), status(…), date(…), today().</summary>
/// <param name="Arguments">The quoted names.</param>
/// <param name="On">
/// check() and metric() only: the reference date whose result is read, written after the names
/// (<c>check('churn', 'volumetry', date('2026-10-31'))</c>); null reads the run's <c>${date_ref}</c>.
/// </param>
public sealed record CallNode(int Position, string Function, IReadOnlyList<string> Arguments, ConditionNode? On = null) : ConditionNode(Position);

public sealed record NotNode(int Position, ConditionNode Operand) : ConditionNode(Position);

public sealed record LogicNode(int Position, string Operator, ConditionNode Left, ConditionNode Right) : ConditionNode(Position);

public sealed record CompareNode(int Position, string Operator, ConditionNode Left, ConditionNode Right) : ConditionNode(Position);

/// <summary>A condition that cannot be read, with where and why.</summary>
public sealed class ConditionException(string message) : Exception(message);
